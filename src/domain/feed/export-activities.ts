/** FEED-5: the feed as CSV, streamed page by page, every cell safe for spreadsheets (SEC-6). */
import { stringify } from "csv-stringify";
import { neutraliseCell } from "../../shared/csv.js";
import { listActivities, type ListActivitiesInput } from "./list-activities.js";
import type { ReadContext } from "../context.js";

const COLUMNS = ["created_at", "actor", "kind", "subject_type", "subject_id", "subject", "is_deletion", "changes"];

export function exportActivities(ctx: ReadContext, filters: Omit<ListActivitiesInput, "limit" | "cursor">) {
  const csv = stringify({ header: true, columns: COLUMNS, bom: true });
  void (async () => {
    try {
      let cursor: string | undefined;
      do {
        const page = await listActivities(ctx, { ...filters, limit: 500, cursor });
        for (const a of page.data) {
          const row = [a.createdAt, a.actorName, a.kind, a.subjectType, a.subjectId, a.subjectLabel, a.isDeletion ? "yes" : "no", a.changes];
          // Respect back-pressure: wait while the reader is behind.
          if (!csv.write(row.map(neutraliseCell))) await new Promise((r) => csv.once("drain", r));
        }
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      csv.end();
    } catch (err) {
      csv.destroy(err as Error);
    }
  })();
  return csv;
}
