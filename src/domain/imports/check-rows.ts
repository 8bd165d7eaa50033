/**
 * IMP-2, IMP-3: every row of an import checked, every problem of every row found at once: the
 * form of each cell (USR-5's rules), required cells, and emails repeated inside the file. Emails
 * already taken need the database and are added by the use case. Pure: no database here.
 */
import { IMPORT_CELL, readSubscriptionType, REQUIRED_IMPORT_COLUMNS, type ImportColumn } from "../../shared/import-schemas.js";
import { isTimeZone } from "../../shared/schemas.js";
import type { CsvFile } from "./read-user-csv.js";

export interface ImportedPerson {
  email: string;
  firstName: string;
  lastName: string;
  initials: string | null;
  timeZone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string | null;
  phone: string | null;
  subscriptionType: "attorney" | "non_attorney";
}

export interface RowProblem {
  /** 0-based index into the file's rows. */
  index: number;
  column: string;
  message: string;
}

const FIELD: Record<Exclude<ImportColumn, "email" | "first_name" | "last_name" | "subscription_type">, keyof ImportedPerson> = {
  initials: "initials",
  time_zone: "timeZone",
  address: "address",
  city: "city",
  state: "state",
  zip: "zip",
  country: "country",
  phone: "phone",
};

/**
 * The inverse of SEC-6's neutralising: a report cell written as `'=...` comes back as `=...`,
 * so an error report fixed and uploaded again reads as the file it came from.
 */
const unescapeCell = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

/** Time zones repeat down a file; the runtime's check of one is slow, so each is checked once. */
function zoneChecker() {
  const seen = new Map<string, boolean>();
  return (zone: string) => {
    let ok = seen.get(zone);
    if (ok === undefined) seen.set(zone, (ok = isTimeZone(zone)));
    return ok;
  };
}

/** Each row as a person, or the problems that keep it from being one. */
export function checkRows(file: CsvFile): { people: (ImportedPerson | null)[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const people: (ImportedPerson | null)[] = [];
  const validZone = zoneChecker();
  const firstRowOf = new Map<string, number>();
  const markedFirst = new Set<number>();
  const width = file.header.length;

  file.rows.forEach((record, index) => {
    const before = problems.length;
    const cell = (column: ImportColumn) => {
      const at = file.columns.indexOf(column);
      return at < 0 ? "" : unescapeCell((record[at] ?? "").trim());
    };
    if (record.length > width && record.slice(width).some((v) => v.trim() !== "")) {
      problems.push({ index, column: "(row)", message: `This row has ${record.length} fields; the header has ${width}. Quote any value that holds a comma.` });
    }
    const values = {} as Record<ImportColumn, string>;
    for (const column of file.columns) if (column) values[column] = cell(column);
    for (const column of REQUIRED_IMPORT_COLUMNS) {
      if (!values[column]) problems.push({ index, column, message: "Required." });
    }
    for (const [column, schema] of Object.entries(IMPORT_CELL) as [Exclude<ImportColumn, "subscription_type">, (typeof IMPORT_CELL)[keyof typeof IMPORT_CELL]][]) {
      const value = values[column];
      if (!value) continue;
      if (column === "time_zone") {
        if (value.length > 64 || !validZone(value)) problems.push({ index, column, message: "Use an IANA time zone name, such as America/New_York." });
        continue;
      }
      const result = schema.safeParse(value);
      if (!result.success) problems.push({ index, column, message: result.error.issues[0]?.message ?? "Invalid value." });
    }
    const subscriptionType = values.subscription_type ? readSubscriptionType(values.subscription_type) : null;
    if (values.subscription_type && !subscriptionType) problems.push({ index, column: "subscription_type", message: "Use Attorney or Non-attorney." });

    const key = values.email?.toLowerCase();
    if (key) {
      const first = firstRowOf.get(key);
      if (first === undefined) firstRowOf.set(key, index);
      else {
        problems.push({ index, column: "email", message: `This email is also on row ${first + 1}; each person comes once.` });
        if (!markedFirst.has(first)) {
          markedFirst.add(first);
          problems.push({ index: first, column: "email", message: `This email is also on row ${index + 1}; each person comes once.` });
        }
      }
    }
    if (problems.length > before) {
      people.push(null);
      return;
    }
    const person: ImportedPerson = {
      email: values.email,
      firstName: values.first_name,
      lastName: values.last_name,
      initials: null,
      timeZone: null,
      address: null,
      city: null,
      state: null,
      zip: null,
      country: null,
      phone: null,
      subscriptionType: subscriptionType!,
    };
    for (const [column, field] of Object.entries(FIELD) as [keyof typeof FIELD, keyof ImportedPerson][]) {
      const value = values[column];
      if (value) (person as unknown as Record<string, string>)[field] = value;
    }
    people.push(person);
  });
  return { people, problems };
}
