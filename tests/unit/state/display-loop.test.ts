import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runDisplayLoop, type DisplayTarget } from '../../../src/state/display-loop';

// A minimal page: a document whose visibility the test flips, and animation frames that would run.
let visibility: 'visible' | 'hidden' = 'visible';
const docListeners = new Set<() => void>();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  visibility = 'visible';
  vi.stubGlobal('document', {
    get visibilityState() {
      return visibility;
    },
    addEventListener: (_: string, f: () => void) => docListeners.add(f),
    removeEventListener: (_: string, f: () => void) => docListeners.delete(f),
  });
  vi.stubGlobal('addEventListener', () => {});
  vi.stubGlobal('removeEventListener', () => {});
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 16));
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  docListeners.clear();
});

/** A countdown of `ms` whose shown second changes on whole seconds, recording when it was woken. */
function countdown(ms: number) {
  const start = performance.now();
  const ticks: number[] = [];
  const remaining = () => ms - (performance.now() - start);
  const target: DisplayTarget = {
    tick: () => void ticks.push(performance.now() - start),
    nextChangeIn: () => (remaining() > 0 ? remaining() - (Math.ceil(remaining() / 1000) - 1) * 1000 : null),
  };
  return { target, ticks };
}

describe('runDisplayLoop', () => {
  it('wakes exactly when each shown second changes, not before', () => {
    const { target, ticks } = countdown(3000);
    runDisplayLoop(target);
    vi.advanceTimersByTime(5000);
    expect(ticks).toEqual([0, 1000, 2000, 3000]);
  });

  it('rounds a fractional wait up, so it never wakes just before the change', () => {
    const { target, ticks } = countdown(2500.4);
    runDisplayLoop(target);
    vi.advanceTimersByTime(3000);
    // The changes are at 500.4 and 1500.4 ms; the whole-millisecond timer lands on 501 and 1501.
    expect(ticks).toEqual([0, 501, 1501, 2501]);
  });

  it('catches up at once when the page becomes visible again', () => {
    const { target, ticks } = countdown(60_000);
    runDisplayLoop(target);
    vi.advanceTimersByTime(400);
    visibility = 'hidden';
    for (const f of docListeners) f();
    expect(ticks).toEqual([0]); // hidden: nothing to catch up on
    vi.advanceTimersByTime(300);
    visibility = 'visible';
    for (const f of docListeners) f();
    expect(ticks).toEqual([0, 700]);
  });

  it('does not wake between the changes, even while animation frames run (the bar sweeps by itself)', () => {
    const { target, ticks } = countdown(60_000);
    runDisplayLoop(target);
    vi.advanceTimersByTime(999);
    expect(ticks).toEqual([0]);
  });

  it('stops waking and lets go of the page when stopped', () => {
    const { target, ticks } = countdown(60_000);
    const stop = runDisplayLoop(target);
    vi.advanceTimersByTime(50);
    stop();
    const count = ticks.length;
    vi.advanceTimersByTime(5000);
    expect(ticks.length).toBe(count);
    expect(docListeners.size).toBe(0);
  });
});
