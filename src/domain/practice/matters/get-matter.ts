/** One matter the actor sees; hidden, foreign and missing ones answer the same 404 (SEC-1, PRC-7). */
import { eq } from "drizzle-orm";
import { matters } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { notFound } from "../../errors.js";
import { presentMatter, selectVisibleMatters } from "./matter-record.js";

export async function getMatter({ db, actor }: ReadContext, id: string) {
  const [row] = await selectVisibleMatters(db, actor, eq(matters.id, id));
  if (!row) throw notFound("Matter");
  return presentMatter(row, actor);
}
