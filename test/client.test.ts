/**
 * The typed client (src/client, `chambers/client`) against a listening server: the README's
 * script, step by step. Every answer it receives is held against the OpenAPI document too.
 */
import { expect, it } from "vitest";
import { createChambersClient, isProblem } from "../src/client/index.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, uniqueEmail } from "./helpers/factories.js";

/** A fetch that holds every answer against the published document, as the harness does. */
function checkedFetch(h: Harness, violations: string[]): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const res = await fetch(request);
    const url = new URL(request.url);
    const body = await res.clone().text();
    const headers = Object.fromEntries(res.headers.entries());
    violations.push(...h.contract.violations(request.method, url.pathname + url.search, { statusCode: res.status, headers, body }));
    return res;
  };
}

async function listen(h: Harness): Promise<string> {
  if (!h.app.server.listening) await h.app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(h.app.server.address() as { port: number }).port}`;
}

describeDb("the typed client", (h) => {
  it("API contract: the typed client lists users, invites one with an Idempotency-Key and exports the feed", async () => {
    const firm = await buildFirm(h);
    const violations: string[] = [];
    const chambers = createChambersClient({ baseUrl: await listen(h), token: firm.owner.token, fetch: checkedFetch(h, violations) });

    // Every active user, page by page.
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const { data, error } = await chambers.GET("/users", { params: { query: { status: "active", limit: 200, cursor } } });
      if (error) throw new Error(`${error.code}: ${error.detail}`);
      names.push(...data.data.map((u) => u.name));
      cursor = data.next_cursor ?? undefined;
    } while (cursor);
    expect(names).toEqual(["Olivia Owner"]);

    // Invite one; a retry with the same key invites once.
    const roles = await chambers.GET("/roles");
    const attorney = roles.data!.data.find((r) => r.name === "Attorney")!;
    const email = uniqueEmail("sam");
    const invite = () =>
      chambers.POST("/invitations", {
        params: { header: { "Idempotency-Key": `invite-${email}` } },
        body: { email, subscription_type: "attorney", role_ids: [attorney.id], first_name: "Sam", last_name: "Ortiz", confirm_purchase: true },
      });
    const first = await invite();
    expect(first.response.status).toBe(201);
    const again = await invite();
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    expect(again.data!.user.id).toBe(first.data!.user.id);

    // A problem comes back typed, with its code.
    const twice = await chambers.POST("/invitations", { body: { email, subscription_type: "attorney", role_ids: [attorney.id] } });
    expect(twice.response.status).toBe(409);
    expect(isProblem(twice.error, "email_in_use")).toBe(true);
    expect(twice.error?.code).toBe("email_in_use");

    // The feed as CSV.
    const feed = await chambers.GET("/activities.csv", { parseAs: "text" });
    expect(feed.response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(feed.data).toContain(email);

    expect(violations).toEqual([]);
  });
});
