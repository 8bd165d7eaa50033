/**
 * A column as `"table"."column"` (or `"alias"."column"`), always. Drizzle writes a column bare
 * in the select list of a one-table query, which inside a correlated subquery would name the
 * subquery's own column of that name: every column referred to from a hand-written subquery
 * goes through here.
 */
import { getTableName, sql, type Column, type SQL } from "drizzle-orm";

export const qualified = (column: Column): SQL => sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
