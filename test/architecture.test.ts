/**
 * The shape of the code (DESIGN habits 15 and 18): routes are thin and independent, and the
 * dependencies run one way: server and jobs use the domain, never the other way round.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports, as written. */
const importsOf = (path: string) =>
  [...readFileSync(join(ROOT, path), "utf8").matchAll(/^\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]!);

/** Where a relative import lands, from the repository's root. */
const resolveFrom = (path: string, spec: string) => relative(ROOT, join(ROOT, path, "..", spec));

describe("architecture", () => {
  it("habit 15: no route file imports Drizzle, the schema or another route file", () => {
    const offences = files("src/server/routes").flatMap((path) =>
      importsOf(path)
        .filter((spec) => spec.startsWith("drizzle-orm") || resolveFrom(path, spec).startsWith("src/db/") || (spec.startsWith("./") && !spec.startsWith("../")))
        .map((spec) => `${path} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it("habit 18: the domain never imports the server or the jobs", () => {
    const offences = files("src/domain").flatMap((path) =>
      importsOf(path)
        .filter((spec) => spec.startsWith(".") && /^src\/(server|jobs|web|cli)\//.test(resolveFrom(path, spec)))
        .map((spec) => `${path} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it("habit 18: email templates take plain values: mail/ imports nothing of the domain, server or jobs", () => {
    const offences = files("src/mail").flatMap((path) =>
      importsOf(path)
        .filter((spec) => spec.startsWith(".") && /^src\/(domain|server|jobs|web|cli)\//.test(resolveFrom(path, spec)))
        .map((spec) => `${path} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it("the architecture checks find what they look for", () => {
    // A check that could never fail proves nothing: the parser must see the imports it judges.
    expect(importsOf("src/server/routes/users.ts").some((s) => s.startsWith("../../domain/"))).toBe(true);
    expect(resolveFrom("src/server/routes/users.ts", "../../db/schema.js")).toBe("src/db/schema.js");
  });
});
