/**
 * Bulk import of users (IMP) and bulk actions on users (USR-6, USR-7): the columns, the
 * checks of one cell, the options and the answers. Shared by the server and the console.
 */
import { z } from "zod";
import { REQUIRED_COLUMN_NAMES } from "./import-columns.js";
import { LIMITS } from "./limits.js";
import { chargeOut, emailField, initialsField, isoTime, phoneField, timeZoneField, withExample } from "./schemas.js";

/** IMP-1: the template's columns, in order. */
export const IMPORT_COLUMNS = ["email", "first_name", "last_name", "initials", "time_zone", "address", "city", "state", "zip", "country", "phone", "subscription_type"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** IMP-2: a file without one of these columns fails as a whole. */
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = REQUIRED_COLUMN_NAMES;

/** The column the error report adds after the file's own (IMP-4). */
export const ERRORS_COLUMN = "errors";

/** IMP-1: the template, UTF-8 with a byte-order mark so spreadsheets open it as UTF-8. */
export const IMPORT_TEMPLATE_CSV = `\uFEFF${IMPORT_COLUMNS.join(",")}\r\n`;

/** IMP-2: `Attorney` or `Non-attorney`, whatever the case; the API's own spelling is accepted too. */
export function readSubscriptionType(value: string): "attorney" | "non_attorney" | null {
  const v = value.trim().toLowerCase().replace(/[\s_-]+/g, "-");
  if (v === "attorney") return "attorney";
  if (v === "non-attorney" || v === "nonattorney") return "non_attorney";
  return null;
}

const text = (max: number) => z.string().max(max, `At most ${max} characters.`);

/** IMP-3: the check of each column's cell, trimmed, when it is not blank (USR-5's rules). */
export const IMPORT_CELL: Record<Exclude<ImportColumn, "subscription_type">, z.ZodType<string>> = {
  email: emailField,
  first_name: text(LIMITS.nameMax),
  last_name: text(LIMITS.nameMax),
  initials: initialsField,
  time_zone: timeZoneField,
  address: text(300),
  city: text(100),
  state: text(100),
  zip: text(20),
  country: text(100),
  phone: phoneField,
};

const flag = z.enum(["true", "false"]).transform((v) => v === "true");
const idList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(100)).min(1, "Choose at least one role.").max(50));

/** The options of an import: query parameters with a `text/csv` body, form fields beside a multipart file. */
export const importOptions = z.strictObject({
  /** IMP-6: the roles every imported user gets; repeated, or one comma-separated list. */
  role_ids: idList,
  /** IMP-5: send each invitation now; otherwise they are created unsent. */
  send_welcome_email: flag.default(false),
  /** LIC-7: buy the missing licenses (the quote came with a 409 `license_purchase_required`). */
  confirm_purchase: flag.default(false),
});
export type ImportOptions = z.infer<typeof importOptions>;

export const importErrorOut = z.object({
  /** The row of data, 1 for the first under the header; 0 when the problem is the whole import's. */
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
});

/** An import: `running` only while it runs, then `completed` (everyone imported) or `failed` (nobody). */
export const importOut = z.object({
  id: z.string(),
  status: z.enum(["running", "completed", "failed"]),
  file_name: z.string().nullable(),
  rows: z.number().int(),
  imported: z.number().int(),
  error_rows: z.number().int(),
  /** The first problems found (at most 100); the error report has every one. */
  errors: z.array(importErrorOut),
  role_ids: z.array(z.string()),
  send_welcome_email: z.boolean(),
  /** The licenses bought for it, when `confirm_purchase` was needed. */
  charge: chargeOut.nullable(),
  created_at: isoTime,
});
export type ImportOut = z.infer<typeof importOut>;

/** What GET /imports/{id}/progress sends, as each `progress` event's data. */
export const importProgressOut = z.object({ processed: z.number().int(), rows: z.number().int() });

/** USR-7: what can be done to many selected users at once (besides POST /users/bulk/assign-roles). */
export const BULK_ACTIONS = ["add_to_group", "remove_from_group", "sign_out_everywhere"] as const;

export const bulkUsersBody = withExample(
  z
    .strictObject({
      action: z.enum(BULK_ACTIONS),
      user_ids: z.array(z.string().min(1).max(100)).min(1, "Choose at least one user.").max(LIMITS.bulkUsersMax),
      group_id: z.string().min(1).max(100).optional(),
    })
    .refine((b) => b.action === "sign_out_everywhere" || b.group_id !== undefined, { message: "Choose the group.", path: ["group_id"] }),
  { action: "add_to_group", user_ids: ["7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"], group_id: "2b8e1c4d-5f6a-4b7c-9d0e-1f2a3b4c5d6e" },
);
export type BulkUsersBody = z.infer<typeof bulkUsersBody>;

export const bulkUsersOut = z.object({
  /** Every user the change was made to (or who already was as asked). */
  updated: z.array(z.string()),
  /** Every user it was refused for, and why: the same code and words as for that user alone. */
  refused: z.array(z.object({ user_id: z.string(), code: z.string(), detail: z.string() })),
});
export type BulkUsersOut = z.infer<typeof bulkUsersOut>;
