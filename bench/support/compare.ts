/** The baselines must answer exactly what Chambers answers, or their figures mean nothing. */
import { isDeepStrictEqual } from "node:util";

/** The first path at which two JSON values differ, or null. */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
}

/** GETs both URLs once and fails loudly unless both answer 200 with the same JSON (but for `ignore`d top-level fields). */
export async function assertSameJson(real: string, baseline: string, headers: Record<string, string>, ignore: string[] = []) {
  const [a, b] = await Promise.all([fetch(real, { headers }), fetch(baseline, { headers })]);
  if (a.status !== 200 || b.status !== 200) throw new Error(`${real} answered ${a.status}, ${baseline} answered ${b.status}`);
  const [ja, jb] = (await Promise.all([a.json(), b.json()])) as Record<string, unknown>[];
  for (const key of ignore) {
    delete ja![key];
    delete jb![key];
  }
  const diff = firstDifference(ja, jb, "body");
  if (diff) throw new Error(`the hand-written baseline does not answer what Chambers answers: ${diff}`);
}
