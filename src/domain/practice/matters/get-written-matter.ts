/**
 * The matter a change has just written, in the change's transaction, whether or not its access
 * still lets the actor see it (an administrator may set up a matter for a group they are not
 * in, GRP-3). It shows the actor only what they have just written; from then on every read
 * applies the access (`abilities.view` says whether they still see it).
 */
import { eq } from "drizzle-orm";
import { matters } from "../../../db/schema.js";
import type { ReadContext } from "../../context.js";
import { notFound } from "../../errors.js";
import { presentMatter, selectVisibleMatters } from "./matter-record.js";

export async function getWrittenMatter({ db, actor }: ReadContext, id: string) {
  const [row] = await selectVisibleMatters(db, actor, eq(matters.id, id), { asWritten: true });
  if (!row) throw notFound("Matter");
  return presentMatter(row, actor);
}
