/** The actor's own live API tokens, newest first; never their secrets (SEC-4). */
import { desc } from "drizzle-orm";
import { sessions } from "../../db/schema.js";
import { LIMITS } from "../../shared/limits.js";
import type { ReadContext } from "../context.js";
import { liveSessionsOf } from "./list-user-sessions.js";

export async function listOwnApiTokens({ db, clock, actor }: ReadContext) {
  const rows = await db
    .select()
    .from(sessions)
    .where(liveSessionsOf(actor.firmId, actor.userId, "api_token", clock.now()))
    .orderBy(desc(sessions.createdAt))
    .limit(LIMITS.pageMax);
  return {
    data: rows.map((s) => ({
      id: s.id,
      name: s.name ?? "",
      created_at: s.createdAt.toISOString(),
      // A token never used has been seen only when it was made.
      last_seen_at: s.lastSeenAt > s.createdAt ? s.lastSeenAt.toISOString() : null,
    })),
    next_cursor: null,
  };
}
