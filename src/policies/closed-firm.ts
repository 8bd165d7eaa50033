/**
 * CLS-2: a closed firm is read-only, so every ability to change something is false there, and
 * the console hides or disables what would be refused. The abilities to see (and to reach the
 * pages where things are seen) stay. The auth layer refuses the changes themselves.
 */
import type { Actor } from "../domain/context.js";

/** Firm abilities that open a page to read, as well as to change: kept while closed. */
const PAGES = new Set(["manage_users", "manage_roles", "manage_groups", "manage_firm", "export_firm"]);

const keeps = (key: string) => key.startsWith("view") || PAGES.has(key);

/** The abilities as given while the firm is open; only the reading ones once it is closed. */
export function whileOpen<T extends Record<string, boolean>>(actor: Actor, abilities: T): T {
  if (!actor.firmClosed) return abilities;
  const out = { ...abilities };
  for (const key of Object.keys(out) as (keyof T & string)[]) if (!keeps(key)) out[key] = false as T[typeof key];
  return out;
}
