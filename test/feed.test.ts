import { expect, it } from "vitest";
import { recordActivity } from "../src/domain/feed/record-activity.js";
import { describeDb } from "./helpers/harness.js";
import { buildFirm, buildUser } from "./helpers/factories.js";

describeDb("feed", (h) => {
  it("FEED-1 an activity records who, what, which record, when, and the fields before and after", async () => {
    const firm = await buildFirm(h);
    await h.db.transaction((tx) =>
      recordActivity(tx, h.clock, {
        firmId: firm.id,
        actor: { id: firm.owner.id, name: "Olivia Owner" },
        kind: "user.updated",
        subject: { type: "user", id: firm.owner.id, label: "Olivia Owner" },
        before: { city: "Boston", phone: "1", password_hash: "secret-a", at: new Date("2026-01-01T00:00:00Z") },
        after: { city: "Denver", phone: "1", password_hash: "secret-b", at: new Date("2026-02-01T00:00:00Z") },
      }),
    );
    const [entry] = (await h.get("/api/v1/activities?kind=user.updated", firm.owner.token)).json().data;
    expect(entry).toMatchObject({
      actor: { id: firm.owner.id, name: "Olivia Owner" },
      kind: "user.updated",
      subject_type: "user",
      subject_id: firm.owner.id,
      subject_label: "Olivia Owner",
      is_deletion: false,
      created_at: h.clock.now().toISOString(),
      changes: { city: { before: "Boston", after: "Denver" }, at: { before: "2026-01-01T00:00:00.000Z", after: "2026-02-01T00:00:00.000Z" } },
    });
    expect(entry.changes).not.toHaveProperty("phone");
    expect(JSON.stringify(entry)).not.toContain("secret");
  });

  it("FEED-1 an activity written in a transaction that rolls back is gone with it", async () => {
    const firm = await buildFirm(h);
    await expect(
      h.db.transaction(async (tx) => {
        await recordActivity(tx, h.clock, { firmId: firm.id, actor: { id: null, name: "x" }, kind: "doomed", subject: { type: "t", id: "1", label: "l" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect((await h.get("/api/v1/activities?kind=doomed", firm.owner.token)).json().data).toEqual([]);
  });

  it("FEED-1 the feed lists newest first and pages by cursor without gaps or repeats", async () => {
    const firm = await buildFirm(h);
    for (let i = 0; i < 7; i++) {
      await h.post("/api/v1/me/tokens", { name: `token ${i}` }, firm.owner.token);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/activities?limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await h.get(url, firm.owner.token)).json();
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((a: { subject_label: string }) => a.subject_label));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen.slice(0, 7)).toEqual(["token 6", "token 5", "token 4", "token 3", "token 2", "token 1", "token 0"]);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
  });

  it("FEED-2 the feed needs feed.view: an attorney is refused, an administrator sees it", async () => {
    const firm = await buildFirm(h);
    const attorney = await buildUser(h, firm, ["attorney"]);
    const admin = await buildUser(h, firm, ["administrator"]);
    const refused = await h.get("/api/v1/activities", attorney.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("forbidden");
    expect((await h.get("/api/v1/activities", admin.token)).json().data.length).toBeGreaterThan(0);
  });

  it("FEED-2 the feed filters by user, kind and deletions", async () => {
    const firm = await buildFirm(h);
    const admin = await buildUser(h, firm, ["administrator"]);
    const made = (await h.post("/api/v1/me/tokens", { name: "temp" }, admin.token)).json();
    await h.delete(`/api/v1/me/tokens/${made.id}`, admin.token);
    const byAdmin = (await h.get(`/api/v1/activities?user_id=${admin.id}`, firm.owner.token)).json().data;
    expect(byAdmin.map((a: { kind: string }) => a.kind)).toEqual(["api_token.revoked", "api_token.created"]);
    const deletions = (await h.get("/api/v1/activities?deletions_only=true", firm.owner.token)).json().data;
    expect(deletions.map((a: { kind: string }) => a.kind)).toEqual(["api_token.revoked"]);
  });
});

describeDb("feed pages and export", (h) => {
  it("FEED-3 each user's page shows what they did and what was done to them; others need feed.view", async () => {
    const firm = await buildFirm(h);
    const attorney = await buildUser(h, firm, ["attorney"]);
    const colleague = await buildUser(h, firm, ["paralegal"]);
    await h.post("/api/v1/me/tokens", { name: "mine" }, attorney.token);
    await h.patch(`/api/v1/users/${attorney.id}`, { city: "Austin" }, firm.owner.token);
    await h.post("/api/v1/me/tokens", { name: "not theirs" }, colleague.token);
    const page = (await h.get(`/api/v1/users/${attorney.id}/activity`, attorney.token)).json();
    expect(page.data.map((a: { kind: string }) => a.kind)).toEqual(["user.updated", "api_token.created", "user.created"]);
    expect((await h.get(`/api/v1/users/${colleague.id}/activity`, attorney.token)).statusCode).toBe(403);
    expect((await h.get(`/api/v1/users/${attorney.id}/activity`, firm.owner.token)).json().data).toHaveLength(3);
    const other = await buildFirm(h);
    expect((await h.get(`/api/v1/users/${attorney.id}/activity`, other.owner.token)).statusCode).toBe(404);
  });

  it("FEED-5 the feed exports as CSV with the same filters", async () => {
    const firm = await buildFirm(h, { firm_name: "Export, \"Quoted\" & Co" });
    await h.post("/api/v1/me/tokens", { name: "line one\nline two" }, firm.owner.token);
    const res = await h.get("/api/v1/activities.csv", firm.owner.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="feed-2026-11-23.csv"/);
    const { parse } = await import("csv-parse/sync");
    const rows = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.kind)).toEqual(["api_token.created", "user.created", "firm.created"]);
    expect(rows[0]!.subject).toBe("line one\nline two");
    expect(rows[2]!.subject).toBe('Export, "Quoted" & Co');
    const filtered = parse((await h.get("/api/v1/activities.csv?kind=firm.created", firm.owner.token)).body, { bom: true, columns: true });
    expect(filtered).toHaveLength(1);
    const attorney = await buildUser(h, firm, ["attorney"]);
    expect((await h.get("/api/v1/activities.csv", attorney.token)).statusCode).toBe(403);
  });

  it("SEC-6 every CSV the product writes neutralises spreadsheet formulas", async () => {
    const firm = await buildFirm(h, { firm_name: "=HYPERLINK(\"http://evil\",\"x\")", first_name: "+Plus", last_name: "-Minus" });
    for (const name of ["@SUM(A1)", "\tTabbed", "\rReturn", "=1+1"]) await h.post("/api/v1/me/tokens", { name }, firm.owner.token);
    const { parse } = await import("csv-parse/sync");
    const rows = parse((await h.get("/api/v1/activities.csv", firm.owner.token)).body, { bom: true, columns: true }) as Record<string, string>[];
    const cells = rows.flatMap((r) => Object.values(r));
    for (const cell of cells) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain("'=HYPERLINK(\"http://evil\",\"x\")");
    expect(cells).toContain("'+Plus -Minus");
    expect(cells).toContain("'@SUM(A1)");
  });
});
