/** RFC 7644 section 3.4.2: a ListResponse page, `startIndex` 1-based and `count` capped. */
import { scimError, SCIM_MAX_RESULTS } from "./scim-protocol.js";

export interface ListQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
}

const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  if (!/^-?\d{1,9}$/.test(value)) throw scimError(400, "invalidValue", `${name} must be an integer.`);
  return Number(value);
}

export function pageOf<T>(all: T[], query: ListQuery) {
  // RFC 7644: a startIndex below 1 is taken as 1, a negative count as 0.
  const startIndex = Math.max(1, integer(query.startIndex, "startIndex", 1));
  const count = Math.min(SCIM_MAX_RESULTS, Math.max(0, integer(query.count, "count", SCIM_MAX_RESULTS)));
  const page = all.slice(startIndex - 1, startIndex - 1 + count);
  return { schemas: [LIST_SCHEMA], totalResults: all.length, startIndex, itemsPerPage: page.length, Resources: page };
}
