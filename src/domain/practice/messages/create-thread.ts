/**
 * PRC-8: a new secure-message thread with its participants (active users of the firm, its
 * contacts) and optionally a matter the actor sees. Whoever starts it takes part in it.
 */
import { and, eq, inArray } from "drizzle-orm";
import { contacts, messageThreads, threadContacts, threadUsers } from "../../../db/schema.js";
import { requirePolicy } from "../../../policies/authorize.js";
import { threadPolicy } from "../../../policies/threads.js";
import type { FieldError } from "../../../shared/errors.js";
import type { CreateThreadInput } from "../../../shared/practice-schemas.js";
import type { ActorContext } from "../../context.js";
import { validation } from "../../errors.js";
import { newId } from "../../secrets.js";
import { choiceErrors, distinct, lockChosenUsers } from "../chosen-users.js";
import { findVisibleMatter, NO_SUCH_MATTER } from "../matter-access.js";
import { recordPracticeActivity } from "../practice-feed.js";
import { PRIVATE_THREAD_LABEL } from "./thread-record.js";

export async function createThread(ctx: ActorContext, input: CreateThreadInput): Promise<string> {
  const { tx, clock, actor } = ctx;
  requirePolicy(threadPolicy.create(actor));
  const chosenUsers = distinct(input.participant_user_ids, "participant_user_ids").filter((u) => u.id !== actor.userId);
  const chosenContacts = distinct(input.participant_contact_ids ?? [], "participant_contact_ids");
  const statuses = await lockChosenUsers(tx, actor.firmId, chosenUsers.map((u) => u.id));
  const errors: FieldError[] = choiceErrors(statuses, chosenUsers);
  if (chosenContacts.length) {
    const found = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.firmId, actor.firmId), inArray(contacts.id, chosenContacts.map((c) => c.id))))
      .for("key share");
    for (const c of chosenContacts) if (!found.some((f) => f.id === c.id)) errors.push({ path: c.path, message: "No such contact in this firm." });
  }
  const matter = input.matter_id ? await findVisibleMatter(tx, actor, input.matter_id) : null;
  if (input.matter_id && !matter) errors.push({ path: "matter_id", message: NO_SUCH_MATTER });
  if (errors.length) throw validation(errors);

  const now = clock.now();
  const id = newId();
  const userIds = [actor.userId, ...chosenUsers.map((u) => u.id)];
  const contactIds = chosenContacts.map((c) => c.id);
  await tx.insert(messageThreads).values({ firmId: actor.firmId, id, subject: input.subject, matterId: matter?.id ?? null, createdById: actor.userId, createdAt: now, lastActivityAt: now });
  await tx.insert(threadUsers).values(userIds.map((userId) => ({ firmId: actor.firmId, threadId: id, userId })));
  if (contactIds.length) await tx.insert(threadContacts).values(contactIds.map((contactId) => ({ firmId: actor.firmId, threadId: id, contactId })));
  await recordPracticeActivity(ctx, {
    kind: "message_thread.created",
    subject: { type: "message_thread", id, label: input.subject },
    privateLabel: matter?.isPrivate ? PRIVATE_THREAD_LABEL : null,
    after: { subject: input.subject, matter_id: matter?.id ?? null, participant_user_ids: [...userIds].sort(), participant_contact_ids: [...contactIds].sort() },
  });
  return id;
}
