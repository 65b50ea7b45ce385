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

/**
 * Notices the monotonic clock stalling while the wall clock moves on — a device that slept:
 * `performance.now()` does not advance during system sleep on most platforms, so a run would fall
 * behind the workout the person is really doing. Returns how far the wall clock ran ahead.
 */
export class ClockJumpDetector {
  private offset: number | null = null;

  /** A stall shorter than this is timer jitter or a small wall-clock correction, not sleep. */
  constructor(private readonly thresholdMs = 2000) {}

  /** Compares the two clocks now; the ms the monotonic clock missed since the last check, or 0. */
  check(monotonicMs: number, wallMs: number): number {
    const offset = wallMs - monotonicMs;
    const previous = this.offset;
    this.offset = offset;
    if (previous === null) return 0;
    const jump = offset - previous;
    // A wall clock set back (or forward by over a day) is a changed clock, not sleep: ignore it.
    return jump >= this.thresholdMs && jump <= 24 * 3600_000 ? jump : 0;
  }
}
