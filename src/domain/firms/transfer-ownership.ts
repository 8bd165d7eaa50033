/**
 * ACC-6, ACC-7: ownership of the firm passes to another active administrator, by the primary
 * subscriber (password and full name) or by an operator (a recorded justification). The firm
 * row is locked first, so two transfers run one after the other and the firm has exactly one
 * primary subscriber at every moment (ACC-2). The new owner holds the Administrator role
 * (ROL-6); the former owner keeps their roles and so stays an administrator.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { firms, roles, userRoles, users } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import { normaliseEmail } from "../accounts/emails.js";
import type { Actor, TxContext } from "../context.js";
import { AppError, firmClosed, forbidden, notFound, validation } from "../errors.js";
import { recordActivity } from "../feed/record-activity.js";
import { notify } from "../notifications/notify.js";
import { findUser, fullName, type UserRecord } from "../users/user-record.js";
import { checkOwnPassword, WRONG_PASSWORD } from "./confirm-password.js";
import { loadFirmWithSso } from "./load-firm.js";

export const OWNERSHIP_TRANSFERRED = "firm.ownership_transferred";
export const JUSTIFICATION_MIN = 10;
export const JUSTIFICATION_MAX = 1000;

type FirmRow = typeof firms.$inferSelect;

export interface OwnershipTransferInput {
  to_user_id: string;
  password: string;
  full_name: string;
}

export interface OperatorTransferInput {
  firmId: string;
  toEmail: string;
  justification: string;
}

const notPrimary = () => forbidden("Only the primary subscriber can transfer ownership of the firm.");

/** The firm row, locked until the transaction ends; a closed firm is read-only (CLS-2). */
async function lockFirm(tx: Tx, firmId: string): Promise<FirmRow> {
  const [firm] = await tx.select().from(firms).where(eq(firms.id, firmId)).for("no key update");
  if (!firm) throw new AppError("not_found", `No firm has the id ${firmId}.`);
  if (firm.status !== "active") throw firmClosed();
  return firm;
}

const isAdministrator = (u: UserRecord) => u.roles.some((r) => r.permissions.includes("firm.settings"));

/** Why this user cannot become the primary subscriber, or null when they can (ACC-6). */
export function targetProblem(target: UserRecord): string | null {
  if (target.isPrimarySubscriber) return "This user is already the primary subscriber.";
  if (target.status === "invited") return "This user has not accepted their invitation yet; ownership goes only to an active administrator.";
  if (target.status === "deactivated") return "This user is deactivated; ownership goes only to an active administrator.";
  if (!isAdministrator(target)) {
    return "This user is not an administrator; give them a role with the firm.settings permission (such as Administrator) first.";
  }
  return null;
}

/** ACC-6: the primary subscriber hands the firm to another active administrator. */
export async function transferOwnership(db: Db, clock: Clock, actor: Actor, input: OwnershipTransferInput) {
  // A cheap refusal before argon2 runs; the locked firm row below has the final word.
  if (!actor.isPrimarySubscriber) throw notPrimary();
  const password = await checkOwnPassword(db, actor, input.password);

  return db.transaction(async (tx) => {
    const firm = await lockFirm(tx, actor.firmId);
    // Another transfer may have committed since this request was authenticated (ACC-2).
    if (firm.primarySubscriberId !== actor.userId) throw notPrimary();
    const owner = await findUser(tx, firm.id, firm.primarySubscriberId, actor.userId, { forUpdate: true });
    if (!owner) throw notPrimary();
    const target = await findUser(tx, firm.id, firm.primarySubscriberId, input.to_user_id, { forUpdate: true });
    if (!target) throw notFound("User");

    const errors = [];
    if (!password.stillRight(owner.passwordHash)) errors.push(WRONG_PASSWORD);
    // Exactly as on the account: no trimming, no case folding.
    if (input.full_name !== fullName(owner)) {
      errors.push({ path: "full_name", message: "Type your full name exactly as it appears on your account." });
    }
    const problem = targetProblem(target);
    if (problem) errors.push({ path: "to_user_id", message: problem });
    if (errors.length) throw validation(errors);

    await applyTransfer(tx, clock, { id: actor.userId, name: actor.name }, firm, owner, target, null);
    return loadFirmWithSso(tx, firm.id);
  });
}

/** ACC-7: an operator hands the firm to an active administrator, with a recorded justification. */
export async function transferOwnershipByOperator({ tx, clock }: TxContext, input: OperatorTransferInput) {
  const justification = input.justification.trim();
  if (justification.length < JUSTIFICATION_MIN || justification.length > JUSTIFICATION_MAX) {
    const message = `Give a justification of ${JUSTIFICATION_MIN} to ${JUSTIFICATION_MAX} characters, for example an affidavit reference.`;
    throw validation([{ path: "justification", message }], message);
  }
  const firm = await lockFirm(tx, input.firmId);
  // Deactivated users may share an email with a later user (USR-2): prefer the active one.
  const [match] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.firmId, firm.id), sql`lower(${users.email}) = ${normaliseEmail(input.toEmail)}`))
    .orderBy(sql`case ${users.status} when 'active' then 0 when 'invited' then 1 else 2 end`, asc(users.createdAt))
    .limit(1);
  if (!match) throw new AppError("not_found", `The firm has no user with the email ${input.toEmail.trim()}.`);
  const target = await findUser(tx, firm.id, firm.primarySubscriberId, match.id, { forUpdate: true });
  const owner = await findUser(tx, firm.id, firm.primarySubscriberId, firm.primarySubscriberId, { forUpdate: true });
  if (!target || !owner) throw new Error(`firm ${firm.id} lost a user row inside its transaction`);
  const problem = targetProblem(target);
  if (problem) throw validation([{ path: "to", message: problem }], problem);

  await applyTransfer(tx, clock, { id: null, name: "Operator" }, firm, owner, target, justification);
  return { firm: { id: firm.id, name: firm.name }, from: owner, to: target };
}

/** The change itself, shared by both paths: the firm row, ROL-6, versions, the feed, the notice. */
async function applyTransfer(
  tx: Tx,
  clock: Clock,
  by: { id: string | null; name: string },
  firm: FirmRow,
  owner: UserRecord,
  target: UserRecord,
  justification: string | null,
) {
  const now = clock.now();
  await tx.update(firms).set({ primarySubscriberId: target.id, updatedAt: now }).where(eq(firms.id, firm.id));

  // ROL-6: an administrator through a custom role gains the built-in Administrator role.
  if (!target.roles.some((r) => r.systemKey === "administrator")) {
    const [admin] = await tx
      .select({ id: roles.id, name: roles.name })
      .from(roles)
      .where(and(eq(roles.firmId, firm.id), eq(roles.systemKey, "administrator")));
    if (!admin) throw new Error(`firm ${firm.id} has no built-in Administrator role`);
    await tx.insert(userRoles).values({ firmId: firm.id, userId: target.id, roleId: admin.id });
    await recordActivity(tx, clock, {
      firmId: firm.id,
      actor: by,
      kind: "user.roles_assigned",
      subject: { type: "user", id: target.id, label: fullName(target) },
      before: { roles: target.roles.map((r) => r.name).sort() },
      after: { roles: [...target.roles.map((r) => r.name), admin.name].sort() },
    });
  }

  // Both records now read differently (is_primary_subscriber, abilities): a stale ETag must not match.
  for (const u of [owner, target]) {
    await tx.update(users).set({ updatedAt: now, version: u.version + 1 }).where(and(eq(users.firmId, firm.id), eq(users.id, u.id)));
  }

  await recordActivity(tx, clock, {
    firmId: firm.id,
    actor: by,
    kind: OWNERSHIP_TRANSFERRED,
    subject: { type: "firm", id: firm.id, label: firm.name },
    before: { primary_subscriber_id: owner.id, primary_subscriber: fullName(owner), justification: null },
    after: { primary_subscriber_id: target.id, primary_subscriber: fullName(target), justification },
  });
  const from = by.id === null ? "An operator of Chambers" : by.name;
  await notify(tx, clock, {
    firmId: firm.id,
    userId: target.id,
    kind: OWNERSHIP_TRANSFERRED,
    title: `You are now the primary subscriber of ${firm.name}`,
    body: `${from} transferred ownership of ${firm.name} to you. ${fullName(owner)} stays an administrator.`,
    data: { firm_id: firm.id, from_user_id: owner.id },
  });
}
