import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { encodeShare } from '../../../src/share/link';
import { ClassRun } from '../../../src/state/class-run.svelte';
import { block, circuit, step } from '../fixtures';

const WALL = Date.UTC(2026, 11, 1, 18, 0, 0);
const CLASS = circuit([block([step('Rows', { workSeconds: 30, restSeconds: 10 })], { rounds: 4 })], {
  prepSeconds: 10,
});

/** A phone whose page has been open `uptime` ms when the wall clock reads `wall`. */
function phone(wall: number, uptime: number) {
  const clock = new FakeClock(uptime);
  const offset = wall - uptime;
  return { clock, run: new ClassRun(clock, () => clock.now() + offset) };
}

describe('ClassRun', () => {
  it('counts down to the class start, then runs from that instant', async () => {
    const { clock, run } = phone(WALL, 5_000);
    await run.open(await encodeShare({ circuit: CLASS, classStartsAt: WALL + 90_000 }));
    expect(run.error).toBeNull();
    expect(run.workout!.state.status).toBe('ready');
    expect(run.workout!.startsInSeconds).toBe(90);
    clock.advance(90_000);
    run.workout!.tick();
    expect(run.workout!.state).toMatchObject({ status: 'running', index: 0, elapsedMs: 0 });
  });

  it('phones opened at different times, on clocks with other origins, are at the same part and second', async () => {
    const startsAt = WALL + 20_000;
    const payload = await encodeShare({ circuit: CLASS, classStartsAt: startsAt });
    const early = phone(WALL, 1_000);
    await early.run.open(payload);
    // The late one opens the link 67.5 s after the start, its page 3 hours old.
    const late = phone(startsAt + 67_500, 3 * 3600_000);
    await late.run.open(payload);
    early.clock.advance(20_000 + 67_500);
    for (let i = 0; i < 40; i++) {
      const a = early.run.workout!.runner.state();
      const b = late.run.workout!.runner.state();
      expect([b.index, b.elapsedMs, b.status]).toEqual([a.index, a.elapsedMs, a.status]);
      early.clock.advance(1_234);
      late.clock.advance(1_234);
    }
  });

  it('refuses a link with no class, one with tap-when-done steps, one long over, and a broken one', async () => {
    const reps = circuit([block([step('Push-ups', { mode: 'reps', reps: 10 })])]);
    const cases: [string, RegExp][] = [
      [await encodeShare({ circuit: CLASS }), /schedules no class/],
      [await encodeShare({ circuit: reps, classStartsAt: WALL }), /wait for a tap/],
      [await encodeShare({ circuit: CLASS, classStartsAt: WALL - 2 * 24 * 3600_000 }), /is over/],
      ['%%%', /./],
    ];
    for (const [payload, message] of cases) {
      const { run } = phone(WALL, 0);
      await run.open(payload);
      expect(run.workout).toBeNull();
      expect(run.error).toMatch(message);
    }
  });
});
