/**
 * Lints the OpenAPI document with Spectral's `spectral:oas` ruleset (.spectral.yaml): any error
 * or warning fails, so the document stays complete for SDK generators and outside tools.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "./openapi-document.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = await mkdtemp(join(tmpdir(), "chambers-openapi-"));
try {
  const file = join(dir, "openapi.json");
  await writeFile(file, JSON.stringify(await openApiDocument(), null, 2));
  const spectral = join(root, "node_modules", ".bin", "spectral");
  const run = spawnSync(spectral, ["lint", file, "--ruleset", join(root, ".spectral.yaml"), "--fail-severity=warn", "--display-only-failures"], { stdio: "inherit" });
  process.exitCode = run.status ?? 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
