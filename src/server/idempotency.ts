/**
 * `Idempotency-Key`: the first answer to a key is stored in the same transaction as its effect;
 * a repeat returns that answer and does nothing else. Two requests racing with one key queue on
 * the key's primary key: the second sees the first's answer once it commits.
 */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../db/client.js";
import { idempotencyKeys } from "../db/schema.js";
import type { Clock } from "../domain/clock.js";
import type { Actor } from "../domain/context.js";
import { AppError, validation } from "../domain/errors.js";
import { sha256 } from "../domain/secrets.js";

export interface Answer {
  status: number;
  body: unknown;
}

const isKeyConflict = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return (e.code ?? e.cause?.code) === "23505" && (e.constraint ?? e.cause?.constraint ?? "").startsWith("idempotency_keys");
};

export async function idempotent(
  db: Db,
  clock: Clock,
  actor: Actor,
  key: string | undefined,
  request: { method: string; url: string; body: unknown },
  run: (tx: Tx) => Promise<Answer>,
): Promise<Answer & { replayed: boolean }> {
  if (key === undefined) return { ...(await db.transaction(run)), replayed: false };
  if (key.length < 1 || key.length > 200) throw validation([{ path: "Idempotency-Key", message: "Use 1 to 200 characters." }]);
  const fingerprint = sha256(`${request.method} ${request.url} ${JSON.stringify(request.body ?? null)}`);
  const where = and(eq(idempotencyKeys.firmId, actor.firmId), eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, key));
  try {
    const answer = await db.transaction(async (tx) => {
      await tx.insert(idempotencyKeys).values({ firmId: actor.firmId, userId: actor.userId, key, fingerprint, statusCode: 0, body: {}, createdAt: clock.now() });
      const result = await run(tx);
      await tx.update(idempotencyKeys).set({ statusCode: result.status, body: result.body as object }).where(where);
      return result;
    });
    return { ...answer, replayed: false };
  } catch (err) {
    if (!isKeyConflict(err)) throw err;
    const [stored] = await db.select().from(idempotencyKeys).where(where);
    if (!stored) throw err;
    if (stored.fingerprint !== fingerprint) {
      throw new AppError("conflict", "This Idempotency-Key was used for a different request.");
    }
    return { status: stored.statusCode, body: stored.body, replayed: true };
  }
}
