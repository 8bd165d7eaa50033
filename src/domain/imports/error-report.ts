/**
 * IMP-4: the error report of a failed import: every row of the file, in order, as it was
 * written, with an `errors` column saying what to fix in it (empty for a row that was right).
 * Every cell is safe for spreadsheets (SEC-6).
 */
import { stringify } from "csv-stringify/sync";
import { ERRORS_COLUMN } from "../../shared/import-schemas.js";
import { neutraliseCell } from "../../shared/csv.js";
import type { RowProblem } from "./check-rows.js";
import type { CsvFile } from "./read-user-csv.js";

/** One row's problems in words: `email: Enter a valid email address. | time_zone: ...`. */
const describe = (problems: RowProblem[]) => problems.map((p) => (p.column === "(row)" ? p.message : `${p.column}: ${p.message}`)).join(" | ");

export function errorReport(file: CsvFile, problems: RowProblem[]): string {
  const byRow = new Map<number, RowProblem[]>();
  for (const p of problems) byRow.set(p.index, [...(byRow.get(p.index) ?? []), p]);
  // A report uploaded again brings its own `errors` column: it is replaced, not repeated.
  const keep = file.header.map((h, i) => (h.trim().toLowerCase() === ERRORS_COLUMN ? -1 : i)).filter((i) => i >= 0);
  const header = [...keep.map((i) => file.header[i]!), ERRORS_COLUMN];
  const rows = file.rows.map((record, index) => [...keep.map((i) => record[i] ?? ""), describe(byRow.get(index) ?? [])]);
  return stringify([header, ...rows].map((row) => row.map(neutraliseCell)), { bom: true, record_delimiter: "windows" });
}

/** The first problems, for the import's answer (the report has them all). */
export const firstProblems = (problems: RowProblem[], max = 100) =>
  [...problems].sort((a, b) => a.index - b.index).slice(0, max).map((p) => ({ row: p.index + 1, column: p.column, message: p.message }));
