/** Runs the `chambers` command as the operator does: a child process on a real database. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Backend } from "./harness.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CHILD_TIMEOUT_MS = 60_000;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node --import tsx src/cli/main.ts ...args` on the backend's database (or `dataDir` for PGlite). */
export function chambers(backend: Pick<Backend, "url">, dataDir: string, args: string[]): Promise<Run> {
  const env = { ...process.env, DATABASE_URL: backend.url ?? "", DATA_DIR: dataDir };
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: ROOT, env, timeout: CHILD_TIMEOUT_MS }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
    });
  });
}
