/** Uploads for the import tests: a CSV file as a multipart form, or as a bare text/csv body. */
import { randomUUID } from "node:crypto";
import { IMPORT_COLUMNS } from "../../src/shared/import-schemas.js";
import type { Harness } from "./harness.js";
import { uniqueEmail } from "./factories.js";

export interface ImportOptions {
  roleIds: string[];
  send?: boolean;
  confirm?: boolean;
  as?: "multipart" | "csv";
  fileName?: string;
  headers?: Record<string, string>;
  /** Extra form fields, in order, as sent. */
  fields?: [string, string][];
}

/** A multipart/form-data body with text fields and one file. */
export function multipart(fields: [string, string][], file: { field?: string; name: string; content: string | Buffer; type?: string } | null) {
  const boundary = `----chambers${randomUUID().replace(/-/g, "")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "file"}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "text/csv"}\r\n\r\n`));
    parts.push(typeof file.content === "string" ? Buffer.from(file.content) : file.content);
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /imports/users with the file, as the console sends it (multipart) or as a bare text/csv body. */
export function importFile(h: Harness, token: string, content: string | Buffer, opts: ImportOptions) {
  const options: [string, string][] = [
    ...opts.roleIds.map((id): [string, string] => ["role_ids", id]),
    ...(opts.send !== undefined ? [["send_welcome_email", String(opts.send)] as [string, string]] : []),
    ...(opts.confirm !== undefined ? [["confirm_purchase", String(opts.confirm)] as [string, string]] : []),
    ...(opts.fields ?? []),
  ];
  if (opts.as === "csv") {
    const query = new URLSearchParams(options).toString();
    return h.request({ method: "POST", url: `/api/v1/imports/users?${query}`, token, payload: content, headers: { "content-type": "text/csv", ...opts.headers } });
  }
  const body = multipart(options, { name: opts.fileName ?? "people.csv", content });
  return h.request({ method: "POST", url: "/api/v1/imports/users", token, payload: body.payload, headers: { "content-type": body.contentType, ...opts.headers } });
}

export type Person = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

/** A valid person, with a fresh email. */
export const person = (overrides: Person = {}): Person => ({
  email: uniqueEmail("imported"),
  first_name: "Ada",
  last_name: "Lovelace",
  subscription_type: "Attorney",
  ...overrides,
});

/** A CSV of the template's columns, quoted where needed, CRLF line ends. */
export function csvOf(people: Person[], columns: readonly string[] = IMPORT_COLUMNS): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [columns.join(","), ...people.map((p) => columns.map((c) => quote((p as Record<string, string>)[c] ?? "")).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/** Reads a text/event-stream body into its events. */
export function events(body: string): { event: string; data: unknown }[] {
  return body
    .split("\n\n")
    .filter((block) => block.includes("data:"))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!);
      return { event, data };
    });
}
