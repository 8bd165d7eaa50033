/**
 * Fans committed notifications out to open pages (NTF-1). Notifications are announced with
 * NOTIFY inside their transaction, so every instance hears of them once they commit.
 */
import { EventEmitter } from "node:events";
import type { Database } from "../db/client.js";
import { NOTIFICATION_CHANNEL } from "../domain/notifications/notify.js";

export interface LiveEvent {
  firm_id: string;
  user_id: string;
  id: string;
}

export class LiveNotifications {
  readonly #events = new EventEmitter();
  #stop: (() => Promise<void>) | null = null;

  constructor(private readonly database: Database) {
    this.#events.setMaxListeners(0);
  }

  async start(): Promise<void> {
    this.#stop = await this.database.listen(NOTIFICATION_CHANNEL, (payload) => {
      try {
        const event = JSON.parse(payload) as LiveEvent;
        this.#events.emit(`${event.firm_id}:${event.user_id}`, event);
      } catch {
        // A malformed payload is not ours; ignore it.
      }
    });
  }

  /** Calls `fn` for each new notification of the user; returns the unsubscribe function. */
  subscribe(firmId: string, userId: string, fn: (e: LiveEvent) => void): () => void {
    const key = `${firmId}:${userId}`;
    this.#events.on(key, fn);
    return () => this.#events.off(key, fn);
  }

  async stop(): Promise<void> {
    await this.#stop?.();
    this.#stop = null;
  }
}
