/** What every use case receives: who acts, in which firm, on which transaction, at what time. */
import type { Executor, Tx } from "../db/client.js";
import type { Clock } from "./clock.js";
import type { Permission } from "../shared/permissions.js";

export interface Actor {
  userId: string;
  firmId: string;
  name: string;
  email: string;
  isPrimarySubscriber: boolean;
  permissions: ReadonlySet<Permission>;
  sessionId: string;
  sessionKind: "session" | "api_token";
  /** CLS-2: the firm is closed, and read-only. */
  firmClosed?: boolean;
}

/** The context of a use case running inside one transaction. */
export interface TxContext {
  tx: Tx;
  clock: Clock;
}

export interface ActorContext extends TxContext {
  actor: Actor;
}

/** Read-only work may run outside a transaction. */
export interface ReadContext {
  db: Executor;
  clock: Clock;
  actor: Actor;
}
