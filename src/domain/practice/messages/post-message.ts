/**
 * PRC-8: a message in a thread, written by one of its users. The feed records that a message
 * was sent, never what it says: secure messages are for those taking part (DEA-6).
 */
import { and, eq } from "drizzle-orm";
import { messages, messageThreads } from "../../../db/schema.js";
import { requirePolicy } from "../../../policies/authorize.js";
import { threadPolicy } from "../../../policies/threads.js";
import type { ActorContext } from "../../context.js";
import { newId } from "../../secrets.js";
import { recordPracticeActivity } from "../practice-feed.js";
import { lockVisibleThread, PRIVATE_THREAD_LABEL } from "./thread-record.js";

export async function postMessage(ctx: ActorContext, threadId: string, input: { body: string }): Promise<string> {
  const { tx, clock, actor } = ctx;
  const thread = await lockVisibleThread(tx, actor, threadId);
  requirePolicy(threadPolicy.post(actor, thread));
  const now = clock.now();
  const id = newId();
  await tx.insert(messages).values({ firmId: actor.firmId, id, threadId, authorId: actor.userId, body: input.body, createdAt: now });
  await tx.update(messageThreads).set({ lastActivityAt: now }).where(and(eq(messageThreads.firmId, actor.firmId), eq(messageThreads.id, threadId)));
  await recordPracticeActivity(ctx, {
    kind: "message.posted",
    subject: { type: "message_thread", id: threadId, label: thread.subject },
    privateLabel: thread.onPrivateMatter ? PRIVATE_THREAD_LABEL : null,
    after: { message_id: id },
  });
  return id;
}
