/**
 * USR-6: the user list as CSV, with the list's own filters: every matching user, streamed page
 * by page (memory stays flat however many there are), every cell safe for spreadsheets (SEC-6).
 * The profile columns come first, in the import template's order (IMP-1), so an export opens
 * as a file that could be imported elsewhere.
 */
import { stringify } from "csv-stringify";
import { IMPORT_COLUMNS } from "../../shared/import-schemas.js";
import { neutraliseCell } from "../../shared/csv.js";
import { ADDON_NAMES } from "../../shared/pricing.js";
import type { ReadContext } from "../context.js";
import { listUsers, type ListUsersInput } from "./list-users.js";
import type { UserRecord } from "./user-record.js";

const COLUMNS = [...IMPORT_COLUMNS, "status", "roles", "groups", "addons", "created_at"];
const PAGE = 500;

const SUBSCRIPTION = { attorney: "Attorney", non_attorney: "Non-attorney" } as const;

function row(u: UserRecord): unknown[] {
  return [
    u.email,
    u.firstName,
    u.lastName,
    u.initials,
    u.timeZone,
    u.address,
    u.city,
    u.state,
    u.zip,
    u.country,
    u.phone,
    SUBSCRIPTION[u.subscriptionType],
    u.status,
    u.roles.map((r) => r.name).join("; "),
    u.groups.map((g) => g.name).join("; "),
    u.addons.map((key) => ADDON_NAMES[key]).join("; "),
    u.createdAt,
  ];
}

/** The first page is read before the stream is returned, so a refusal is an answer, not a broken file. */
export async function exportUsers(ctx: ReadContext, filters: Omit<ListUsersInput, "limit" | "cursor">) {
  let page = await listUsers(ctx.db, ctx.actor, { ...filters, limit: PAGE });
  const csv = stringify({ header: true, columns: COLUMNS, bom: true, record_delimiter: "windows" });
  void (async () => {
    try {
      for (;;) {
        for (const u of page.data) {
          // Respect back-pressure: wait while the reader is behind.
          if (!csv.write(row(u).map(neutraliseCell))) await new Promise((r) => csv.once("drain", r));
        }
        if (!page.next_cursor) break;
        page = await listUsers(ctx.db, ctx.actor, { ...filters, limit: PAGE, cursor: page.next_cursor });
      }
      csv.end();
    } catch (err) {
      csv.destroy(err as Error);
    }
  })();
  return csv;
}
