/**
 * Uploads of a CSV file (IMP-7): a `multipart/form-data` form with the file and its fields, or
 * a bare `text/csv` body with the fields as query parameters. The file is handed on as a
 * stream, read as it arrives, never buffered whole here; the size limit is the reader's.
 */
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../domain/errors.js";
import { LIMITS } from "../shared/limits.js";

const CSV_TYPES = ["text/csv", "application/csv"];

/** Lets the routes of `scope` (and only those) take multipart forms and `text/csv` bodies. */
export async function acceptCsvUploads(scope: FastifyInstance) {
  await scope.register(multipart, {
    // One byte past the limit, so that the reader sees the file is too large and says so.
    limits: { fileSize: LIMITS.importBytesMax + 1, files: 1, fields: 20, fieldSize: 10_000, parts: 21 },
  });
  // The body stays a stream: the route reads it as it arrives.
  scope.addContentTypeParser(CSV_TYPES, (_request, payload, done) => done(null, payload));
}

export interface CsvUpload<T> {
  result: T;
  fileName: string | null;
  /** Form fields (multipart) or query parameters (text/csv), each name with its values. */
  fields: Record<string, string | string[]>;
}

const MULTIPART_LIMITS: Record<string, string> = {
  FST_REQ_FILE_TOO_LARGE: `The file is larger than ${LIMITS.importBytesMax / 1024 / 1024} MB. Split it into smaller files.`,
  FST_FILES_LIMIT: "Send one file per import.",
  FST_FIELDS_LIMIT: "The form has too many fields.",
  FST_PARTS_LIMIT: "The form has too many parts.",
};

function add(fields: Record<string, string | string[]>, name: string, value: string) {
  const had = fields[name];
  fields[name] = had === undefined ? value : [...[had].flat(), value];
}

/** Reads the upload's file with `read` while it arrives, and collects the fields around it. */
export async function readCsvUpload<T>(request: FastifyRequest, read: (file: AsyncIterable<Buffer>) => Promise<T>): Promise<CsvUpload<T>> {
  if (!request.isMultipart()) {
    const body = request.body as AsyncIterable<Buffer> | undefined;
    if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== "function") {
      throw new AppError("unsupported_media_type", "Send the file as multipart/form-data (field `file`) or as a text/csv body.");
    }
    const query = request.query as Record<string, string | string[]>;
    return { result: await read(body), fileName: null, fields: { ...query } };
  }
  const fields: Record<string, string | string[]> = {};
  let file: { result: T; fileName: string | null } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === "field") {
        add(fields, part.fieldname, String(part.value));
      } else if (part.fieldname !== "file") {
        part.file.resume();
        throw new AppError("validation_failed", `Send the file in the field "file", not "${part.fieldname}".`, {}, [{ path: part.fieldname, message: "Unknown file field; use `file`." }]);
      } else {
        file = { result: await read(part.file), fileName: part.filename || null };
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code && MULTIPART_LIMITS[code]) throw new AppError(code === "FST_REQ_FILE_TOO_LARGE" ? "payload_too_large" : "validation_failed", MULTIPART_LIMITS[code]);
    throw err;
  }
  if (!file) throw new AppError("validation_failed", "The form has no file: send it in the field `file`.", {}, [{ path: "file", message: "Required." }]);
  return { ...file, fields };
}
