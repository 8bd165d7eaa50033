/**
 * `npm run bench [-- name ...]`: runs every bench/*.bench.ts in turn (or only those named), each
 * printing its table, then prints all the figures as one JSON line for machines to keep.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";

interface BenchModule {
  title: string;
  run(): Promise<unknown>;
}

const here = fileURLToPath(new URL(".", import.meta.url));
const wanted = process.argv.slice(2).filter((a) => a !== "--");
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort()
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, "")));

if (files.length === 0) {
  console.error(`No benchmark matches ${wanted.join(", ")}.`);
  process.exit(2);
}

const results: Record<string, unknown> = {};
let failed = false;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, "");
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  console.log(`\n== ${name}: ${mod.title}`);
  try {
    results[name] = await mod.run();
  } catch (err) {
    failed = true;
    results[name] = { error: err instanceof Error ? err.message : String(err) };
    console.error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
console.log(`\n${JSON.stringify(results)}`);

process.exitCode = failed ? 1 : 0;
// A benchmark must end by itself, even if something it started still holds the event loop.
setTimeout(() => process.exit(), 3_000).unref();
