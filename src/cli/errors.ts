/** Errors the CLI reports as one line on stderr. */
import { ZodError } from "zod";

/** An expected failure whose message is the whole story (exit code 1). */
export class CliError extends Error {}

/** A command line that cannot be understood (exit code 2, with the usage line). */
export class UsageError extends Error {}

/** Any error as a single readable line: no stacks, no multi-line JSON. */
export function oneLine(err: unknown): string {
  if (err instanceof ZodError) {
    return err.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ");
  }
  const e = err as { message?: unknown; errors?: unknown; cause?: { message?: unknown } };
  let message = typeof e?.message === "string" && e.message ? e.message : String(err);
  // Drizzle wraps driver errors as "Failed query: ..."; the driver's reason is the useful part.
  if (message.startsWith("Failed query") && typeof e.cause?.message === "string") message = e.cause.message;
  // A domain AppError carries its field errors separately.
  if (Array.isArray(e?.errors) && e.errors.length) {
    const fields = (e.errors as { path?: string; message?: string }[]).map((f) => `${f.path}: ${f.message}`);
    if (!fields.some((f) => f.endsWith(message))) message = `${message} (${fields.join("; ")})`;
  }
  return message.replace(/\s+/g, " ").trim();
}
