import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIVITY_KINDS } from "../src/shared/activity-kinds.js";

/** Every .ts file under a folder. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/**
 * The kinds the domain records: the `kind:` of each recordActivity / recordPracticeActivity
 * call, whether written as a literal, a ternary of literals or a constant declared in the domain.
 */
function recordedKinds(): Set<string> {
  const sources = files("src/domain").map((f) => readFileSync(f, "utf8"));
  const constants = new Map<string, string>();
  for (const text of sources) {
    for (const m of text.matchAll(/const ([A-Z_]+) = "([a-z_]+\.[a-z_]+)"/g)) constants.set(m[1]!, m[2]!);
  }
  const kinds = new Set<string>();
  for (const text of sources) {
    for (const call of text.matchAll(/record(?:Practice)?Activity\((?:tx, clock|ctx), \{[\s\S]{0,400}?kind: ([^\n,]+)/g)) {
      const expr = call[1]!;
      for (const lit of expr.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) kinds.add(lit[1]!);
      for (const name of expr.matchAll(/\b([A-Z][A-Z_]+)\b/g)) if (constants.has(name[1]!)) kinds.add(constants.get(name[1]!)!);
    }
  }
  return kinds;
}

describe("activity kinds", () => {
  it("FEED-2 the console's kind filter offers every kind of entry the server records", () => {
    const recorded = recordedKinds();
    // The scan itself must find the calls, or this test could never fail.
    expect(recorded.size).toBeGreaterThan(20);
    const missing = [...recorded].filter((k) => !(k in ACTIVITY_KINDS));
    expect(missing).toEqual([]);
  });
});
