/** REA-9: one reassignment of the firm; another firm's or an unknown id answers 404. */
import { eq } from "drizzle-orm";
import { reassignments } from "../../db/schema.js";
import { requirePolicy } from "../../policies/authorize.js";
import { reassignmentPolicy } from "../../policies/reassignments.js";
import type { ReadContext } from "../context.js";
import { notFound } from "../errors.js";
import { presentReassignment, selectReassignments } from "./reassignment-record.js";

export async function getReassignment({ db, actor }: ReadContext, id: string) {
  requirePolicy(reassignmentPolicy.view(actor));
  const [row] = await selectReassignments(db, actor, eq(reassignments.id, id));
  if (!row) throw notFound("Reassignment");
  return presentReassignment(row);
}
