/**
 * IMP-7: reads an uploaded user CSV as it arrives, the way spreadsheets write it: UTF-8 with or
 * without a byte-order mark, CRLF or LF, quoted fields holding commas, quotes and line breaks
 * (csv-parse does the quoting). What is not a CSV of users is refused as a whole, with a problem
 * that names what is wrong: too large, too many rows, another encoding, binary, empty, a header
 * only, a missing required column, an unknown or repeated one, a quote never closed.
 */
import { createHash } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { parse, CsvError, type Info } from "csv-parse";
import { ERRORS_COLUMN, IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, type ImportColumn } from "../../shared/import-schemas.js";
import { LIMITS } from "../../shared/limits.js";
import { AppError, validation } from "../errors.js";

export interface CsvFile {
  /** The header as written (trimmed), and which known column each position is. */
  header: string[];
  columns: (ImportColumn | null)[];
  /** Every record under the header, as written, in order. */
  rows: string[][];
  /** SHA-256 of the bytes, for Idempotency-Key. */
  digest: string;
}

const fileError = (message: string) => validation([{ path: "file", message }], message);
const tooLarge = () =>
  new AppError("payload_too_large", `The file is larger than ${LIMITS.importBytesMax / 1024 / 1024} MB. Split it into smaller files.`);

/** `First Name`, `first-name` and `FIRST_NAME` all name `first_name`. */
const normaliseHeader = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, "_");

/** What kind of file these first bytes start, when it is surely no UTF-8 text. */
function notText(head: Buffer): string | null {
  if (head[0] === 0xff && head[1] === 0xfe) return "The file is UTF-16 encoded. Save it as \"CSV UTF-8\" and upload it again.";
  if (head[0] === 0xfe && head[1] === 0xff) return "The file is UTF-16 encoded. Save it as \"CSV UTF-8\" and upload it again.";
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return "The file is a workbook or an archive, not a CSV. Save it as \"CSV UTF-8\" and upload it again.";
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return "The file is a PDF, not a CSV.";
  if (head.indexOf(0) >= 0) {
    // Pairs of one zero byte and one printable ASCII byte: UTF-16 text without its byte-order mark.
    const pairs = Math.min(64, Math.floor(head.length / 2));
    const printable = (b: number) => b === 9 || b === 10 || b === 13 || (b >= 0x20 && b < 0x7f);
    let ascii = 0;
    for (let i = 0; i < pairs; i++) {
      const [a, b] = [head[2 * i]!, head[2 * i + 1]!];
      if ((a === 0 && printable(b)) || (b === 0 && printable(a))) ascii += 1;
    }
    return pairs > 0 && ascii >= pairs * 0.9
      ? "The file is UTF-16 encoded. Save it as \"CSV UTF-8\" and upload it again."
      : "The file holds binary data, not text. Upload a CSV file.";
  }
  return null;
}

/** Which byte of `chunk` first breaks UTF-8 (Latin-1 and Windows-1252 files do), roughly. */
function firstBadByte(chunk: Buffer): number {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (b < 0x80) continue;
    const len = b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k < chunk.length && (chunk[i + k]! & 0xc0) !== 0x80) return i;
    i += len - 1;
  }
  return 0;
}

/** The delimiter of the header line: a comma, or the semicolon or tab some locales write. */
function sniffDelimiter(first: Buffer): string {
  const line = first.subarray(0, Math.max(first.indexOf(10), 0) || first.length).toString("utf8").replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => [d, line.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ",";
}

/** The bytes of the upload, checked: within the size limit, and UTF-8 text. */
async function* checkedBytes(source: AsyncIterable<Buffer | string>, hash: ReturnType<typeof createHash>) {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  let lines = 1;
  let first = true;
  for await (const piece of source) {
    const chunk = typeof piece === "string" ? Buffer.from(piece) : piece;
    if (chunk.length === 0) continue;
    bytes += chunk.length;
    if (bytes > LIMITS.importBytesMax) throw tooLarge();
    if (first) {
      const problem = notText(chunk);
      if (problem) throw fileError(problem);
      first = false;
    } else if (chunk.includes(0)) {
      throw fileError("The file holds binary data, not text. Upload a CSV file.");
    }
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      const at = firstBadByte(chunk);
      const line = lines + chunk.subarray(0, at).filter((b) => b === 10).length;
      throw fileError(`The file is not UTF-8 (line ${line} holds a character in another encoding, such as Latin-1). Save it as "CSV UTF-8" and upload it again.`);
    }
    lines += chunk.filter((b) => b === 10).length;
    hash.update(chunk);
    yield chunk;
  }
  try {
    decoder.decode();
  } catch {
    throw fileError("The file is not UTF-8: it ends inside a character. Save it as \"CSV UTF-8\" and upload it again.");
  }
}

/** IMP-2, IMP-3: the header names every required column, each column once, and nothing unknown. */
export function readHeader(record: string[]): { header: string[]; columns: (ImportColumn | null)[] } {
  const header = record.map((h) => h.replace(/^\uFEFF/, "").trim());
  const names = header.map(normaliseHeader);
  const known = new Set<string>(IMPORT_COLUMNS);
  const errors: { path: string; message: string }[] = [];
  for (const required of REQUIRED_IMPORT_COLUMNS) {
    if (!names.includes(required)) errors.push({ path: `columns.${required}`, message: `The required column "${required}" is missing.` });
  }
  names.forEach((name, i) => {
    const first = names.indexOf(name);
    if (name === "") errors.push({ path: `columns.${i + 1}`, message: `Column ${i + 1} has no name.` });
    else if (first !== i) errors.push({ path: `columns.${name}`, message: `The column "${header[i]}" appears more than once (columns ${first + 1} and ${i + 1}).` });
    else if (!known.has(name) && name !== ERRORS_COLUMN) {
      errors.push({ path: `columns.${name}`, message: `Unknown column "${header[i]}". The columns are: ${IMPORT_COLUMNS.join(", ")}.` });
    }
  });
  if (errors.length) throw validation(errors, `The file's header is not one of a user import: ${errors.map((e) => e.message).join(" ")}`);
  return { header, columns: names.map((n) => (known.has(n) ? (n as ImportColumn) : null)) };
}

function parseProblem(err: CsvError): AppError {
  const line = typeof err.lines === "number" ? err.lines : undefined;
  const where = line ? ` (line ${line})` : "";
  if (err.code === "CSV_QUOTE_NOT_CLOSED") return fileError(`A quoted field is never closed${where}: every field that opens with " must end with ".`);
  if (err.code === "CSV_MAX_RECORD_SIZE") return fileError(`A row is too long${where}.`);
  return fileError(`The file is not a valid CSV${where}: ${err.message}`);
}

/** Reads the upload to its end, or throws the first problem of the file as a whole. */
export async function readUserCsv(source: AsyncIterable<Buffer | string>, header: typeof readHeader = readHeader): Promise<CsvFile> {
  const hash = createHash("sha256");
  const bytes = checkedBytes(source, hash)[Symbol.asyncIterator]();
  const head = await bytes.next();
  if (head.done) throw fileError("The file is empty.");
  const parser = parse({
    bom: true,
    delimiter: sniffDelimiter(head.value),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: 64 * 1024,
    info: true,
  });
  let read: ReturnType<typeof readHeader> | null = null;
  const rows: string[][] = [];
  try {
    await pipeline(
      async function* () {
        yield head.value;
        for (let next = await bytes.next(); !next.done; next = await bytes.next()) yield next.value;
      },
      parser,
      async (records: AsyncIterable<{ record: string[]; info: Info }>) => {
        for await (const { record } of records) {
          if (!read) {
            read = header(record);
            continue;
          }
          if (rows.length === LIMITS.importRowsMax) {
            throw fileError(`The file has more than ${LIMITS.importRowsMax.toLocaleString("en-US")} rows. Split it into files of at most ${LIMITS.importRowsMax.toLocaleString("en-US")}.`);
          }
          rows.push(record);
        }
      },
    );
  } catch (err) {
    if (err instanceof CsvError) throw parseProblem(err);
    throw err;
  }
  if (!read) throw fileError("The file is empty.");
  if (rows.length === 0) throw fileError("The file has a header but no rows of people under it.");
  const { header: names, columns } = read;
  return { header: names, columns, rows, digest: hash.digest("hex") };
}
