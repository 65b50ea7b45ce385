import { describe, expect, it } from 'vitest';
import { resumeRun, storeRun } from '../../../src/engine/resume';
import { deriveState, type RunLog } from '../../../src/engine/runner';
import { compileCircuit } from '../../../src/engine/timeline';
import { block, circuit, step } from '../fixtures';

const timeline = compileCircuit(
  circuit([block([step('Rows', { workSeconds: 30, restSeconds: 10 }), step('Swings')], { rounds: 3 })], {
    prepSeconds: 10,
  }),
);

describe('storeRun and resumeRun', () => {
  it('a running workout comes back paused exactly where it was last known to be, on a new clock', () => {
    // The old page: started at 5000 on its clock, skipped once, last seen 47.5 s in.
    const old: RunLog = { startedAt: 5000, events: [{ type: 'skip', at: 9000 }] };
    const stored = storeRun(old, 52_500);
    expect(stored).toEqual({ events: [{ type: 'skip', at: 4000 }], lastKnownMs: 47_500 });
    const before = deriveState(timeline, old, 52_500);

    // A new page, whose clock reads 300 (performance.now() restarted), an hour later by the wall.
    const resumed = resumeRun(stored, 300);
    const after = deriveState(timeline, resumed, 300);
    expect(after.status).toBe('paused');
    expect(after.index).toBe(before.index);
    expect(after.elapsedMs).toBe(before.elapsedMs);
    expect(after.remainingMs).toBe(before.remainingMs);
    // Time does not move while paused, and resuming carries on from there.
    expect(deriveState(timeline, resumed, 60_300).elapsedMs).toBe(before.elapsedMs);
    resumed.events.push({ type: 'resume', at: 60_300 });
    expect(deriveState(timeline, resumed, 61_300).elapsedMs).toBe(before.elapsedMs + 1000);
  });

  it('a workout that was paused stays paused at its pause, with no second pause', () => {
    const old: RunLog = {
      startedAt: 0,
      events: [
        { type: 'pause', at: 20_000 },
        { type: 'resume', at: 30_000 },
        { type: 'pause', at: 35_000 },
      ],
    };
    const stored = storeRun(old, 90_000); // paused for 55 s when last seen
    const resumed = resumeRun(stored, 1000);
    expect(resumed.events.filter((e) => e.type === 'pause')).toHaveLength(2);
    const was = deriveState(timeline, old, 90_000);
    const now = deriveState(timeline, resumed, 1000);
    expect([now.status, now.index, now.elapsedMs]).toEqual([was.status, was.index, was.elapsedMs]);
  });

  it('+10 s keeps its length through a store and resume', () => {
    const old: RunLog = { startedAt: 0, events: [{ type: 'extend', at: 12_000, ms: 10_000 }] };
    const resumed = resumeRun(storeRun(old, 15_000), 0);
    expect(resumed.events[0]).toEqual({ type: 'extend', at: -3000, ms: 10_000 });
    expect(deriveState(timeline, resumed, 0).remainingMs).toBe(deriveState(timeline, old, 15_000).remainingMs);
  });

  it('refuses a run that has not started', () => {
    expect(() => storeRun({ startedAt: null, events: [] }, 0)).toThrow(/not started/);
  });
});
