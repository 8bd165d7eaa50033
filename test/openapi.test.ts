/**
 * The published OpenAPI document (issue 15): complete enough for outside tools, and held to the
 * server. Every answer of every API test is also checked against it by the harness (the API
 * contract check, test/helpers/contract.ts); these tests prove that check bites and that the
 * document says what SDK generators and readers need.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLIENT_SCHEMA, renderClientSchema } from "../scripts/client-schema.js";
import { openApiDocument } from "../scripts/openapi-document.js";
import { ERROR_CODES } from "../src/shared/errors.js";
import { ContractChecker } from "./helpers/contract.js";
import { describeDb, type Harness } from "./helpers/harness.js";
import { buildFirm, PASSWORD, uniqueEmail } from "./helpers/factories.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const METHODS = ["get", "put", "post", "delete", "patch"];

function operations(doc: Json): { method: string; path: string; op: Json }[] {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Json)[m]).map((method) => ({ method: method.toUpperCase(), path, op: (item as Json)[method] as Json })),
  );
}

const resolve = (doc: Json, node: Json): Json =>
  typeof node.$ref === "string" ? node.$ref.slice(2).split("/").reduce((at: Json, k: string) => at[k], doc) : node;

/** The `code` values a documented error response allows. */
const codesOf = (response: Json): string[] =>
  (response.content?.["application/problem+json"]?.schema?.allOf as Json[] | undefined)?.find((s) => s.properties?.code)?.properties.code.enum ?? [];

const document = (h: Harness) => structuredClone(h.app.swagger()) as Json;

describeDb("the OpenAPI document", (h) => {
  it("API contract: every operation has a unique camelCase verb-noun operationId, a summary, a description and a declared tag", () => {
    const doc = document(h);
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(50);
    const declared = new Set((doc.tags as { name: string; description?: string }[]).map((t) => t.name));
    expect((doc.tags as { description?: string }[]).every((t) => t.description)).toBe(true);
    const problems = ops.flatMap(({ method, path, op }) => {
      const where = `${method} ${path}`;
      return [
        ...(/^[a-z]+[A-Z][A-Za-z]*$/.test(op.operationId ?? "") ? [] : [`${where}: operationId ${op.operationId}`]),
        ...(op.summary ? [] : [`${where}: no summary`]),
        ...(op.description ? [] : [`${where}: no description`]),
        ...((op.tags as string[] | undefined)?.length && op.tags.every((t: string) => declared.has(t)) ? [] : [`${where}: tags ${op.tags}`]),
      ];
    });
    expect(problems).toEqual([]);
    const ids = ops.map((o) => o.op.operationId as string);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // Derived from method and path where no route names its own.
    const id = (method: string, path: string) => ops.find((o) => o.method === method && o.path === path)?.op.operationId;
    expect(id("GET", "/api/v1/users")).toBe("listUsers");
    expect(id("GET", "/api/v1/users/{id}")).toBe("getUser");
    expect(id("POST", "/api/v1/users/{id}/deactivate")).toBe("deactivateUser");
    expect(id("PATCH", "/api/v1/groups/{id}")).toBe("updateGroup");
    expect(id("GET", "/api/v1/activities.csv")).toBe("exportActivities");
    expect(id("POST", "/api/v1/invitations/accept")).toBe("acceptInvitation");
  });

  it("API contract: public operations need no token; every other one a bearer token or the session cookie", () => {
    const doc = document(h);
    expect(doc.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    const routes = h.app.routeTable.filter((r) => r.url.startsWith("/api/v1/") && !r.url.startsWith("/api/v1/_test/"));
    const wrong = routes.flatMap((r) => {
      const path = r.url.replace(/:([A-Za-z_]+)/g, "{$1}");
      const op = (doc.paths as Json)[path]?.[r.method.toLowerCase()] as Json | undefined;
      if (!op) return [`${r.method} ${r.url} is not in the document`];
      const isPublic = r.auth === "public";
      const documentedPublic = Array.isArray(op.security) && op.security.length === 0;
      return isPublic === documentedPublic ? [] : [`${r.method} ${r.url}: auth ${JSON.stringify(r.auth)}, security ${JSON.stringify(op.security)}`];
    });
    expect(wrong).toEqual([]);
    for (const [method, path] of [["post", "/api/v1/signup"], ["post", "/api/v1/sessions"], ["get", "/api/v1/invitations/lookup"], ["post", "/api/v1/invitations/accept"], ["post", "/api/v1/email-changes/confirm"]] as const) {
      expect((doc.paths as Json)[path][method].security, `${method} ${path}`).toEqual([]);
    }
  });

  it("API contract: every error status is a problem+json whose `code` values are listed, every request body has an example, every answer names X-Request-Id", () => {
    const doc = document(h);
    const problem = doc.components.schemas.Problem as Json;
    expect(problem.properties.code.enum.sort()).toEqual(Object.keys(ERROR_CODES).sort());
    const problems = operations(doc).flatMap(({ method, path, op }) => {
      const where = `${method} ${path}`;
      const out: string[] = [];
      if (op.requestBody) {
        const media = Object.values(op.requestBody.content as Json)[0] as Json;
        if (media.example === undefined && media.examples === undefined) out.push(`${where}: a request body without an example`);
      }
      for (const [status, raw] of Object.entries(op.responses as Json)) {
        const response = resolve(doc, raw as Json);
        if (!response.headers?.["X-Request-Id"]) out.push(`${where} ${status}: no X-Request-Id`);
        if (Number(status) < 400) continue;
        const codes = codesOf(response);
        if (!codes.length) out.push(`${where} ${status}: no code listed`);
        for (const code of codes) if (ERROR_CODES[code as keyof typeof ERROR_CODES] !== Number(status)) out.push(`${where} ${status}: ${code} is a ${ERROR_CODES[code as keyof typeof ERROR_CODES]}`);
      }
      if (!op.responses["500"]) out.push(`${where}: no 500`);
      return out;
    });
    expect(problems).toEqual([]);
    const invite = (doc.paths as Json)["/api/v1/invitations"].post as Json;
    expect(codesOf(invite.responses["409"])).toEqual(["conflict", "email_in_use", "firm_closed", "license_purchase_required"]);
    expect(invite.parameters.map((p: Json) => resolve(doc, p).name)).toContain("Idempotency-Key");
    expect(Object.keys(invite.responses["201"].headers)).toContain("Idempotent-Replayed");
    const patchUser = (doc.paths as Json)["/api/v1/users/{id}"].patch as Json;
    expect(patchUser.parameters.map((p: Json) => resolve(doc, p).name)).toContain("If-Match");
    expect(codesOf(patchUser.responses["412"])).toEqual(["precondition_failed"]);
    expect(Object.keys((doc.paths as Json)["/api/v1/users/{id}"].get.responses["200"].headers)).toContain("ETag");
    expect(doc.components.schemas.Problem.properties.quote).toBeDefined();
  });

  it("SEC-8 limited routes document their RateLimit headers, and 429 `rate_limited` with Retry-After", async () => {
    const doc = document(h);
    const limited = operations(doc).filter(({ op }) => op.responses["429"]);
    expect(limited.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(["POST /api/v1/signup", "POST /api/v1/sessions", "POST /api/v1/password-resets", "GET /api/v1/invitations/lookup", "POST /api/v1/invitations/accept"]),
    );
    for (const { method, path, op } of limited) {
      const tooMany = op.responses["429"] as Json;
      expect(codesOf(tooMany), `${method} ${path}`).toEqual(["rate_limited"]);
      expect(Object.keys(tooMany.headers), `${method} ${path}`).toEqual(expect.arrayContaining(["Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]));
      for (const [status, response] of Object.entries(op.responses as Json)) {
        if (Number(status) >= 300) continue;
        for (const name of ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]) {
          expect(resolve(doc, (response as Json).headers[name] ?? {}).required, `${method} ${path} ${status} ${name}`).toBe(true);
        }
      }
      expect(op.description, `${method} ${path}`).toMatch(/Rate limited \(SEC-8\): \d+ per/);
    }
    // And the server sends them: the contract check refuses an answer with headers the document leaves out.
    const res = await h.post("/api/v1/sessions", { email: uniqueEmail("nobody"), password: PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.headers["ratelimit-limit"]).toBeDefined();
  });

  it("API contract: the check refuses an answer the document does not describe", async () => {
    const doc = document(h);
    const check = new ContractChecker(doc);
    const firm = await buildFirm(h);
    const me = await h.get("/api/v1/me", firm.owner.token);
    const ok = { statusCode: me.statusCode, headers: me.headers, body: me.body };
    expect(check.violations("GET", "/api/v1/me", ok)).toEqual([]);
    // A status the operation does not list.
    expect(check.violations("GET", "/api/v1/me", { ...ok, statusCode: 409 })[0]).toMatch(/does not document/);
    // A body the schema does not allow.
    expect(check.violations("GET", "/api/v1/me", { ...ok, body: JSON.stringify({ ...me.json(), email: 7 }) })[0]).toMatch(/\/email must be string/);
    // A required header missing.
    expect(check.violations("GET", "/api/v1/me", { ...ok, headers: { ...me.headers, "x-request-id": undefined } })[0]).toMatch(/X-Request-Id/);
    // An API header the document does not mention.
    expect(check.violations("GET", "/api/v1/me", { ...ok, headers: { ...me.headers, etag: '"1"' } })[0]).toMatch(/etag header/);
    // A code the status does not carry.
    const problem = { type: "https://chambers.dev/problems/role-in-use", title: "Conflict", status: 409, detail: "x", code: "role_in_use" };
    const conflict = { statusCode: 409, headers: { "content-type": "application/problem+json", "x-request-id": "r" }, body: JSON.stringify(problem) };
    expect(check.violations("POST", "/api/v1/invitations", conflict)[0]).toMatch(/code/);
    expect(check.violations("DELETE", "/api/v1/roles/abc", conflict)).toEqual([]);
    // An operation that does not exist may only be not found.
    expect(check.violations("DELETE", "/api/v1/users", conflict)[0]).toMatch(/no such operation/);
    const notFound = { ...conflict, statusCode: 404, body: JSON.stringify({ ...problem, status: 404, code: "not_found" }) };
    expect(check.violations("DELETE", "/api/v1/users", notFound)).toEqual([]);
    // And the harness applies it to every request.
    expect(h.contract).toBeInstanceOf(ContractChecker);
  });
});

describe("the typed client", () => {
  it("API contract: src/client/schema.ts is generated from the document the server publishes (npm run gen:client)", async () => {
    const expected = await renderClientSchema(await openApiDocument());
    const actual = readFileSync(CLIENT_SCHEMA, "utf8");
    // Compared whole; a mismatch means the server changed without `npm run gen:client`.
    expect(actual === expected, "src/client/schema.ts is out of date: run `npm run gen:client`").toBe(true);
  });

  it("is exported by the package as chambers/client, built from src/client/index.ts", () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")) as Json;
    expect(pkg.exports["./client"]).toEqual({ types: "./dist/src/client/index.d.ts", import: "./dist/src/client/index.js" });
    const build = JSON.parse(readFileSync(fileURLToPath(new URL("../tsconfig.build.json", import.meta.url)), "utf8")) as Json;
    expect(build.compilerOptions).toMatchObject({ outDir: "dist", rootDir: ".", declaration: true });
    expect(readFileSync(fileURLToPath(new URL("../src/client/index.ts", import.meta.url)), "utf8")).toContain("export function createChambersClient");
  });
});
