/** ADD-1: every add-on the firm can have, with its licenses, holders and trial. One statement. */
import type { ReadContext } from "../context.js";
import { notFound } from "../errors.js";
import { ADDON_KEYS } from "../../shared/pricing.js";
import { addonsOfFirm } from "./addons-of-firm.js";
import { presentAddon } from "./addon-state.js";

export async function listAddons({ db, actor }: ReadContext) {
  const { sub, rows } = await addonsOfFirm(db, actor.firmId);
  if (!sub) throw notFound("Subscription");
  return { data: ADDON_KEYS.map((key) => presentAddon(key, rows.get(key)?.addon ?? null, rows.get(key)?.allocated ?? 0, sub)), next_cursor: null };
}
