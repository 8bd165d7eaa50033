/**
 * PRC-3: a user named on a record is a reference `{ id, name, inactive }`; a deactivated one
 * reads `(Inactive) First Last`. The columns come with the record's own statement, by a join
 * or inside a JSON aggregate, never by a query per reference (DESIGN habit 16).
 */
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { fullName } from "../users/user-record.js";

export interface RefRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  status: "invited" | "active" | "deactivated";
}

export interface UserRef {
  id: string;
  name: string;
  inactive: boolean;
}

export function userRef(u: RefRow): UserRef {
  const inactive = u.status === "deactivated";
  const name = fullName(u);
  return { id: u.id, name: inactive ? `(Inactive) ${name}` : name, inactive };
}

type RefKey = "id" | "firstName" | "lastName" | "email" | "status";

/** What a reference needs of `users` (or an alias of it), for a Drizzle select. */
export function refColumns<T extends Record<RefKey, AnyPgColumn>>(u: T): { [K in RefKey]: T[K] } {
  return { id: u.id, firstName: u.firstName, lastName: u.lastName, email: u.email, status: u.status };
}

/** The same columns as a JSON object built by the database, for `json_agg` (alias of `users`). */
export const refJson = (alias: string): SQL =>
  sql.raw(`json_build_object('id', ${alias}.id, 'firstName', ${alias}.first_name, 'lastName', ${alias}.last_name, 'email', ${alias}.email, 'status', ${alias}.status)`);
