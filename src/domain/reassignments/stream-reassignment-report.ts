/**
 * REA-9: the report of every item a reassignment moved, as CSV: kind, item id, item (a matter's
 * number, a task's name, an event's title), matter, from, to and when. Streamed chunk by chunk
 * of the moved ids, waiting while the reader is behind, so memory does not grow with the
 * number of items; every cell safe for spreadsheets (SEC-6). An item of a matter that is
 * private now is named only as such (PRC-7, DEA-5).
 */
import type { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { sql } from "drizzle-orm";
import { neutraliseCell } from "../../shared/csv.js";
import type { ReadContext } from "../context.js";
import { PRIVATE_EVENT_LABEL } from "../practice/calendar/event-record.js";
import { PRIVATE_MATTER_LABEL } from "../practice/matters/matter-record.js";
import { PRIVATE_TASK_LABEL } from "../practice/tasks/task-record.js";
import { getReassignment } from "./get-reassignment.js";

const COLUMNS = ["kind", "item_id", "item", "matter", "from", "to", "reassigned_at"];

/** Per kind: how to find the item and its matter, and how a private one is named. */
const KINDS = [
  { kind: "matter", to: "matters_to", join: sql.raw("left join matters m on m.firm_id = ri.firm_id and m.id = x.item_id"), label: "m.number", hidden: PRIVATE_MATTER_LABEL },
  {
    kind: "task",
    to: "tasks_to",
    join: sql.raw("left join tasks i on i.firm_id = ri.firm_id and i.id = x.item_id left join matters m on m.firm_id = i.firm_id and m.id = i.matter_id"),
    label: "i.name",
    hidden: PRIVATE_TASK_LABEL,
  },
  {
    kind: "event",
    to: "events_to",
    join: sql.raw("left join calendar_events i on i.firm_id = ri.firm_id and i.id = x.item_id left join matters m on m.firm_id = i.firm_id and m.id = i.matter_id"),
    label: "i.title",
    hidden: PRIVATE_EVENT_LABEL,
  },
] as const;

interface ItemRaw {
  item_id: string;
  item: string | null;
  matter: string | null;
  private: boolean;
}

/** The report's stream; an unknown or foreign reassignment answers 404 before anything is sent. */
export async function streamReassignmentReport(ctx: ReadContext, id: string): Promise<Readable> {
  const reassignment = await getReassignment(ctx, id);
  const { db, actor } = ctx;
  const csv = stringify({ header: true, columns: COLUMNS, bom: true });
  void (async () => {
    try {
      for (const k of KINDS) {
        const to = reassignment[k.to]?.name ?? "";
        for (let chunk = 0; ; chunk++) {
          const result = await db.execute(sql`
            select x.item_id, ${sql.raw(k.label)} as item, m.number as matter, coalesce(m.access_kind = 'private', false) as private
              from reassignment_items ri
              cross join lateral unnest(ri.item_ids) with ordinality as x(item_id, ord)
              ${k.join}
             where ri.firm_id = ${actor.firmId} and ri.reassignment_id = ${id} and ri.kind = ${k.kind} and ri.chunk = ${chunk}
             order by x.ord`);
          const rows = (result as unknown as { rows: ItemRaw[] }).rows;
          if (rows.length === 0) break;
          for (const r of rows) {
            const cells = [k.kind, r.item_id, r.private ? k.hidden : r.item, r.private ? PRIVATE_MATTER_LABEL : r.matter, reassignment.from_user.name, to, reassignment.created_at];
            if (!csv.write(cells.map(neutraliseCell))) await new Promise((resolve) => csv.once("drain", resolve));
          }
        }
      }
      csv.end();
    } catch (err) {
      csv.destroy(err as Error);
    }
  })();
  return csv;
}
