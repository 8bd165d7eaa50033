/**
 * IMP-8: how far each running import has got, for its progress stream. An import writes all or
 * nothing in one transaction, so nothing of it is visible in the database until it ends; its
 * progress lives here, in the process that runs it, from the moment its licenses are secured
 * to its commit. Pure: no database, no server.
 */
import { EventEmitter } from "node:events";
import type { ImportOut } from "../../shared/import-schemas.js";

export interface ProgressEvent {
  processed: number;
  rows: number;
  /** The import as it ended, on the last event. */
  done?: ImportOut;
}

/** What an import reports while it runs. */
export interface ProgressReporter {
  started(running: ImportOut): void;
  advanced(processed: number): void;
}

interface Running {
  firmId: string;
  current: ImportOut;
  processed: number;
}

export class ImportProgress {
  readonly #running = new Map<string, Running>();
  readonly #events = new EventEmitter();

  constructor() {
    this.#events.setMaxListeners(0);
  }

  /** A reporter for one import of the firm; `finished` is called by whoever awaited it. */
  reporter(firmId: string, onStart?: (running: ImportOut) => void): ProgressReporter & { finished(done: ImportOut | null): void } {
    let id: string | null = null;
    return {
      started: (running) => {
        id = running.id;
        this.#running.set(id, { firmId, current: running, processed: 0 });
        this.#events.emit(id, { processed: 0, rows: running.rows } satisfies ProgressEvent);
        onStart?.(running);
      },
      advanced: (processed) => {
        const run = id ? this.#running.get(id) : undefined;
        if (!run || !id) return;
        run.processed = processed;
        this.#events.emit(id, { processed, rows: run.current.rows } satisfies ProgressEvent);
      },
      finished: (done) => {
        if (!id) return;
        const run = this.#running.get(id);
        this.#running.delete(id);
        const rows = run?.current.rows ?? 0;
        const final = done ?? { ...run!.current, status: "failed" as const };
        this.#events.emit(id, { processed: final.status === "completed" ? rows : run?.processed ?? 0, rows, done: final } satisfies ProgressEvent);
      },
    };
  }

  /** The import while it runs in this process, as the firm sees it; null otherwise. */
  running(firmId: string, id: string): { current: ImportOut; processed: number } | null {
    const run = this.#running.get(id);
    return run && run.firmId === firmId ? { current: run.current, processed: run.processed } : null;
  }

  /** Calls `fn` on each step of the import until it ends; returns the unsubscribe function. */
  subscribe(id: string, fn: (e: ProgressEvent) => void): () => void {
    this.#events.on(id, fn);
    return () => this.#events.off(id, fn);
  }
}
