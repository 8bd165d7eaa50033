/**
 * Who may do what with secure-message threads (PRC-8, DEA-6). Pure functions. Which threads the
 * actor sees is decided in the query: those they take part in, and those of a matter they see.
 */
import { whileOpen } from "./closed-firm.js";
import type { Actor } from "../domain/context.js";

export interface ThreadTarget {
  /** The actor is one of the thread's users. */
  isParticipant: boolean;
}

export const threadPolicy = {
  /** Anyone starts a thread; they take part in it. */
  create: (_actor: Actor) => true,
  /** Only those taking part write to it; others who see it through its matter read it. */
  post: (_actor: Actor, thread: ThreadTarget) => thread.isParticipant,
};

/** What the actor may do with the thread, sent with it (DESIGN habit 3). */
export const threadAbilities = (actor: Actor, thread: ThreadTarget) => whileOpen(actor, { post: threadPolicy.post(actor, thread) });
