// The monotonic clock the runner reads time from, injected so tests run hours in milliseconds.

export interface Clock {
  /** Milliseconds on a monotonic scale (never jumps back, unaffected by wall-clock changes). */
  now(): number;
}

export const monotonicClock: Clock = { now: () => performance.now() };

/** A clock that only moves when told to. */
export class FakeClock implements Clock {
  constructor(private t = 0) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(ms: number): void {
    this.t = ms;
  }
}
