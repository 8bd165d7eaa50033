/**
 * Drains a queue (due jobs, due mail) now and on a timer. Drains never overlap; a drain asked
 * for while one runs starts after it, so work that fell due meanwhile (the test clock moving,
 * say) is not missed. Timer ticks are skipped while a drain is under way.
 */
export class DrainLoop {
  #tail: Promise<number> = Promise.resolve(0);
  #pending = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly drain: () => Promise<number>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Drains everything due; resolves with how many items were handled. */
  run(): Promise<number> {
    this.#pending += 1;
    const next = this.#tail.catch(() => 0).then(() => this.drain());
    this.#tail = next.finally(() => {
      this.#pending -= 1;
    });
    return next;
  }

  start(intervalMs: number): void {
    this.#timer = setInterval(() => {
      if (this.#pending === 0) this.run().catch(this.onError);
    }, intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#tail.catch(() => 0);
  }
}
