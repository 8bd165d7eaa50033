/**
 * Work a request starts but does not wait for, so that its answer takes the same time
 * whatever the work finds (ACC-9: a reset asked for an unknown email must not answer faster).
 * Failures are logged; shutdown and tests wait for what is still running with `idle()`.
 */
export class BackgroundTasks {
  readonly #running = new Set<Promise<void>>();

  constructor(private readonly log: { error(obj: object, msg: string): void }) {}

  run(name: string, task: () => Promise<unknown>): void {
    const p: Promise<void> = Promise.resolve()
      .then(task)
      .then(
        () => undefined,
        (err: unknown) => this.log.error({ err, task: name }, "background task failed"),
      )
      .finally(() => this.#running.delete(p));
    this.#running.add(p);
  }

  /** Resolves once every task started so far has finished. */
  async idle(): Promise<void> {
    while (this.#running.size) await Promise.all([...this.#running]);
  }
}
