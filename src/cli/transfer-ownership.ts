/**
 * `chambers transfer-ownership`: when the owner is gone, an operator hands the firm to an active
 * administrator, and the firm feed records why (ACC-7). No password: the justification is the
 * operator's record (for example an affidavit reference).
 */
import { parseArgs } from "node:util";
import { JUSTIFICATION_MAX, JUSTIFICATION_MIN, transferOwnershipByOperator } from "../domain/firms/transfer-ownership.js";
import { fullName } from "../domain/users/user-record.js";
import { migrate } from "../db/migrate.js";
import { systemClock } from "../domain/clock.js";
import { withDatabase } from "./database.js";
import { UsageError } from "./errors.js";
import type { RunCommand } from "./main.js";

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { firm: { type: "string" }, to: { type: "string" }, justification: { type: "string" } },
    strict: true,
  });
  const firmId = values.firm?.trim();
  const toEmail = values.to?.trim();
  const justification = values.justification?.trim();
  if (!firmId) throw new UsageError("--firm is required: the id of the firm.");
  if (!toEmail) throw new UsageError("--to is required: the email of the active administrator who becomes the owner.");
  if (!justification) {
    throw new UsageError("--justification is required: say why the owner cannot do this themselves, for example an affidavit reference.");
  }
  if (justification.length < JUSTIFICATION_MIN || justification.length > JUSTIFICATION_MAX) {
    throw new UsageError(`--justification must be ${JUSTIFICATION_MIN} to ${JUSTIFICATION_MAX} characters; it is recorded in the firm feed.`);
  }
  return { firmId, toEmail, justification };
}

export const run: RunCommand = async (args) => {
  const input = options(args);
  await withDatabase(async ({ database }) => {
    // As the server does at start: the schema must be the one this code expects.
    await migrate(database);
    const result = await database.db.transaction((tx) => transferOwnershipByOperator({ tx, clock: systemClock }, input));
    const who = (u: { firstName: string; lastName: string; email: string }) => `${fullName(u)} <${u.email}>`;
    console.log(
      [
        `Transferred ownership of ${result.firm.name} (${result.firm.id}) from ${who(result.from)} to ${who(result.to)}.`,
        `${fullName(result.from)} stays an administrator. The firm feed records the transfer with the justification:`,
        `  ${input.justification}`,
      ].join("\n"),
    );
  });
};
