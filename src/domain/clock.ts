/** The clock every piece of domain code takes time from (DESIGN habit 8, OPS-5). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that only moves when told to. Used by tests and by the server's test clock
 * (`CHAMBERS_TEST_CLOCK=1`): it starts at the real time and then follows `set`/`advance`.
 */
export class TestClock implements Clock {
  #now: number;
  constructor(start: Date = new Date()) {
    this.#now = start.getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(to: Date): void {
    this.#now = to.getTime();
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}
