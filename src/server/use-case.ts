/**
 * How a route runs its use case (DESIGN habit 15): the context is built here once, never by
 * hand in a handler. A change runs in one transaction; a read runs on the database directly.
 */
import type { FastifyRequest } from "fastify";
import type { ActorContext, ReadContext, TxContext } from "../domain/context.js";
import { actorOf } from "./plugins/auth.js";
import type { Deps } from "./deps.js";

/** Runs a change as the signed-in actor, in one transaction. */
export function change<T>(deps: Deps, request: FastifyRequest, useCase: (ctx: ActorContext) => Promise<T>): Promise<T> {
  const actor = actorOf(request);
  return deps.database.db.transaction((tx) => useCase({ tx, clock: deps.clock, actor }));
}

/** Runs a change made by nobody signed in (sign-up, accepting a link), in one transaction. */
export function publicChange<T>(deps: Deps, useCase: (ctx: TxContext) => Promise<T>): Promise<T> {
  return deps.database.db.transaction((tx) => useCase({ tx, clock: deps.clock }));
}

/** Runs a read as the signed-in actor. */
export function read<T>(deps: Deps, request: FastifyRequest, useCase: (ctx: ReadContext) => Promise<T>): Promise<T> {
  return useCase({ db: deps.database.db, clock: deps.clock, actor: actorOf(request) });
}

/** A change's context seen as a read's, to read back what it changed in the same transaction. */
export const readingIn = ({ tx, clock, actor }: ActorContext): ReadContext => ({ db: tx, clock, actor });
