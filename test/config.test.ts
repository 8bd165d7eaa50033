/** OPS-5, SEC-8, SEC-9: configurations the server refuses, and how TRUST_PROXY is read. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** `npm start`'s entry point with the given environment; resolves with its exit code and stderr. */
function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/main.ts"],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? "", DATA_DIR: "memory://", PORT: "0", LOG_LEVEL: "silent", ...env }, timeout: 60_000 },
      (err, _stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stderr }),
    );
  });
}

describe("configuration", () => {
  it("OPS-5 the server refuses to start in production with the test clock, saying why", async () => {
    const run = await start({ NODE_ENV: "production", CHAMBERS_TEST_CLOCK: "1" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Chambers cannot start: CHAMBERS_TEST_CLOCK=1 is refused with NODE_ENV=production");
    expect(() => loadConfig({ NODE_ENV: "production", CHAMBERS_TEST_CLOCK: "true" })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: "development", CHAMBERS_TEST_CLOCK: "1" }).CHAMBERS_TEST_CLOCK).toBe(true);
  }, 90_000);

  it("SEC-9 the local mail viewer is off unless DEV_MAIL=1, and refused in production", async () => {
    expect(loadConfig({}).DEV_MAIL).toBe(false);
    expect(loadConfig({ DEV_MAIL: "1" }).DEV_MAIL).toBe(true);
    expect(() => loadConfig({ NODE_ENV: "production", PUBLIC_URL: "https://chambers.example.com", DEV_MAIL: "1" })).toThrow(/DEV_MAIL=1 is refused with NODE_ENV=production/);
    const run = await start({ NODE_ENV: "production", PUBLIC_URL: "https://chambers.example.com", DEV_MAIL: "1" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("DEV_MAIL=1 is refused");
  }, 90_000);

  it("SEC-9 production requires PUBLIC_URL, so no emailed link takes its address from a request's Host header", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/PUBLIC_URL is required with NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: "production", PUBLIC_URL: "https://chambers.example.com/" })).toMatchObject({ production: true, PUBLIC_URL: "https://chambers.example.com" });
  });

  it("SEC-8 TRUST_PROXY: unset believes no proxy, and takes a hop count or a list of addresses and CIDRs", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "" }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 192.168.1.4,::1,fd00::/8,loopback" }).TRUST_PROXY).toEqual(["10.0.0.0/8", "192.168.1.4", "::1", "fd00::/8", "loopback"]);
    for (const bad of ["true", "*", "10.0.0.0/33", "example.com", "10.0.0.1/8/2", "1.2.3", ",,"]) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY must be a hop count or a comma list/);
    }
  });
});
