import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuntime, type Runtime } from "../src/runtime.js";
import { testConfig } from "./helpers/harness.js";
import { PASSWORD, uniqueEmail } from "./helpers/factories.js";

describe("logs", () => {
  const lines: string[] = [];
  let rt: Runtime;
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    rt = await startRuntime(testConfig({ name: "pglite" }, { LOG_LEVEL: "info" }), { logStream: stream });
  });
  afterAll(() => rt.close());

  it("OPS-4 logs are JSON lines with the request id; secrets in headers and links never reach them", async () => {
    const email = uniqueEmail("log");
    const signup = await rt.app.inject({ method: "POST", url: "/api/v1/signup", headers: { "x-request-id": "req-log-1" }, payload: { firm_name: "Log LLP", first_name: "L", last_name: "G", email, password: PASSWORD, plan: "monthly", licenses: 2 } });
    const token = signup.json().token as string;
    await rt.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    await rt.app.inject({ method: "GET", url: "/api/v1/invitations/lookup?token=secret-link-value-123" });
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.some((l) => l.reqId === "req-log-1")).toBe(true);
    const all = lines.join("\n");
    expect(all).not.toContain(token);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain("secret-link-value-123");
    expect(all).toContain("token=[redacted]");
  });
});
