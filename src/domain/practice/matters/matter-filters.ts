/** The matter list's filters, shared by the list and its count, as SQL conditions. */
import { and, eq, ilike, or, type SQL } from "drizzle-orm";
import { matters } from "../../../db/schema.js";
import type { MatterFilters } from "../../../shared/practice-schemas.js";
import { likePattern } from "../keyset.js";

export function matterFilters(f: MatterFilters): SQL | undefined {
  return and(
    f.status ? eq(matters.status, f.status) : undefined,
    f.responsible_attorney_id ? eq(matters.responsibleAttorneyId, f.responsible_attorney_id) : undefined,
    f.originating_attorney_id ? eq(matters.originatingAttorneyId, f.originating_attorney_id) : undefined,
    f.client_id ? eq(matters.clientId, f.client_id) : undefined,
    f.q ? or(ilike(matters.number, likePattern(f.q)), ilike(matters.description, likePattern(f.q))) : undefined,
  );
}
