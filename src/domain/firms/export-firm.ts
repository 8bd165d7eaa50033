/**
 * CLS-2 (+): the firm's data as a zip of CSV files, one a table the firm owns. Streamed end to
 * end: each file is read in keyset pages of a few hundred rows only when the zip asks for more
 * (a lazy Readable per file, with back-pressure through archiver to the socket), so memory stays
 * flat however large the firm. Every cell is spreadsheet-safe (SEC-6). Secrets (password and
 * link hashes) never leave. No transaction is held while streaming: on the embedded database
 * one would stop every other request for the length of the download, and a closed firm, the
 * export's main reader, changes no more.
 */
import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { ZipArchive } from "archiver";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { prepared, type Executor } from "../../db/client.js";
import * as schema from "../../db/schema.js";
import { neutraliseCell } from "../../shared/csv.js";
import type { ReadContext } from "../context.js";

/** Rows read per query. */
export const EXPORT_PAGE = 500;

/** Columns that are never exported: secrets, and what the database derives for its own use. */
const NEVER = new Set(["firm_id", "password_hash", "token_hash", "csrf_token", "secret", "search_text", "sort_name"]);

interface ExportFile {
  name: string;
  table: PgTable;
  /** The key the pages follow, unique within the firm; the table's primary key by default. */
  key?: string[];
  /** More columns, as SQL over the table's alias `t`. */
  extra?: Record<string, string>;
}

/** The files of the export, in the zip's order. */
export const EXPORT_FILES: ExportFile[] = [
  {
    name: "users.csv",
    table: schema.users,
    extra: {
      roles: `(select string_agg(r.name, '; ' order by r.name) from user_roles ur join roles r on r.firm_id = ur.firm_id and r.id = ur.role_id where ur.firm_id = t.firm_id and ur.user_id = t.id)`,
      groups: `(select string_agg(g.name, '; ' order by g.name) from group_members gm join groups g on g.firm_id = gm.firm_id and g.id = gm.group_id where gm.firm_id = t.firm_id and gm.user_id = t.id)`,
    },
  },
  { name: "roles.csv", table: schema.roles },
  { name: "user_roles.csv", table: schema.userRoles },
  { name: "groups.csv", table: schema.groups },
  {
    name: "group_members.csv",
    table: schema.groupMembers,
    extra: { user_email: `(select u.email from users u where u.firm_id = t.firm_id and u.id = t.user_id)` },
  },
  { name: "contacts.csv", table: schema.contacts },
  { name: "matters.csv", table: schema.matters },
  { name: "matter_groups.csv", table: schema.matterGroups },
  { name: "custom_rates.csv", table: schema.customRates },
  { name: "tasks.csv", table: schema.tasks },
  { name: "calendar_events.csv", table: schema.calendarEvents },
  { name: "event_attendees.csv", table: schema.eventAttendees },
  { name: "message_threads.csv", table: schema.messageThreads },
  { name: "thread_users.csv", table: schema.threadUsers },
  { name: "thread_contacts.csv", table: schema.threadContacts },
  { name: "messages.csv", table: schema.messages },
  { name: "invitations.csv", table: schema.invitations },
  { name: "feed.csv", table: schema.activities, key: ["seq"] },
  { name: "charges.csv", table: schema.charges },
  { name: "addons.csv", table: schema.addons },
  {
    name: "addon_allocations.csv",
    table: schema.addonAllocations,
    extra: { user_email: `(select u.email from users u where u.firm_id = t.firm_id and u.id = t.user_id)` },
  },
];

interface Plan {
  name: string;
  columns: string[];
  first: (db: Executor, params: unknown[]) => Promise<Record<string, unknown>[]>;
  next: (db: Executor, params: unknown[]) => Promise<Record<string, unknown>[]>;
  key: string[];
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The two statements of a file (its first page, and each page after a key), prepared once. */
function planOf(file: ExportFile): Plan {
  const config = getTableConfig(file.table);
  const key = file.key ?? config.primaryKeys[0]?.columns.map((c) => c.name).filter((c) => c !== "firm_id") ?? [];
  if (key.length === 0) throw new Error(`export: ${config.name} has no key to page by`);
  const own = config.columns.map((c) => c.name).filter((c) => !NEVER.has(c));
  const extra = Object.entries(file.extra ?? {});
  const columns = [...own, ...extra.map(([name]) => name)];
  const select = [...own.map((c) => `t.${q(c)}`), ...extra.map(([name, expr]) => `${expr} as ${q(name)}`)].join(", ");
  const keyList = key.map((c) => `t.${q(c)}`).join(", ");
  const base = `select ${select} from ${q(config.name)} t where t.firm_id = $1`;
  const order = ` order by ${keyList} limit ${EXPORT_PAGE}`;
  const after = `(${keyList}) > (${key.map((_, i) => `$${i + 2}`).join(", ")})`;
  return {
    name: file.name,
    columns,
    key,
    first: prepared(`export_${config.name}_first`, base + order),
    next: prepared(`export_${config.name}_next`, `${base} and ${after}${order}`),
  };
}

const PLANS = EXPORT_FILES.map(planOf);

/** A cell as text: arrays listed, everything else as neutraliseCell writes it (SEC-6). */
function cell(value: unknown): string {
  if (Array.isArray(value)) return neutraliseCell(value.map((v) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v))).join("; "));
  return neutraliseCell(value);
}

/** One file's CSV text, page by page, read only when the zip wants more. */
async function* csvOf(db: Executor, firmId: string, plan: Plan): AsyncGenerator<string> {
  yield stringify([plan.columns], { bom: true, record_delimiter: "windows" });
  let page = await plan.first(db, [firmId]);
  while (page.length > 0) {
    yield stringify(
      page.map((row) => plan.columns.map((c) => cell(row[c]))),
      { record_delimiter: "windows" },
    );
    if (page.length < EXPORT_PAGE) break;
    const last = page[page.length - 1]!;
    page = await plan.next(db, [firmId, ...plan.key.map((c) => last[c])]);
  }
}

/** The export's file name: the day it was made, for the Content-Disposition header. */
export const exportFileName = (now: Date) => `chambers-export-${now.toISOString().slice(0, 10)}.zip`;

/** CLS-2: the actor's firm as a zip stream of CSV files. */
export function exportFirm({ db, actor }: ReadContext): Readable {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  for (const plan of PLANS) {
    zip.append(Readable.from(csvOf(db, actor.firmId, plan), { objectMode: false }), { name: plan.name });
  }
  void zip.finalize().catch((err: unknown) => zip.destroy(err as Error));
  return zip;
}
