import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { Runner } from '../../../src/engine/runner';
import { summarizeRun } from '../../../src/engine/summary';
import { compileCircuit } from '../../../src/engine/timeline';
import { block, circuit, step } from '../fixtures';

function setup() {
  const clock = new FakeClock(0);
  const timeline = compileCircuit(
    circuit([
      block([step('A', { workSeconds: 30, restSeconds: 10 }), step('B', { workSeconds: 20, restSeconds: 10 })], {
        rounds: 3,
      }),
    ]),
  );
  return { clock, timeline, runner: new Runner(timeline, clock) };
}

describe('summarizeRun', () => {
  it('a run left to the end did every exercise and every round, with exact times', () => {
    const { clock, timeline, runner } = setup();
    runner.start();
    clock.advance(5000);
    runner.pause();
    clock.advance(7000);
    runner.resume();
    clock.advance(timeline.totalMs);
    const s = summarizeRun(timeline, runner.runLog, clock.now());
    expect(s).toMatchObject({ completed: true, activeMs: timeline.totalMs, pausedMs: 7000, workMs: 150_000 });
    expect(s).toMatchObject({ exercisesDone: 6, exercisesSkipped: 0, exercisesPlanned: 6 });
    expect(s.rounds).toEqual([{ block: 0, blockName: 'Main', roundsDone: 3, rounds: 3 }]);
    expect(s.spans.map((x) => x.spentMs)).toEqual(timeline.segments.map((x) => x.duration));
  });

  it('counts skipped exercises and stops the tally where the run was ended', () => {
    const { clock, timeline, runner } = setup();
    runner.start();
    clock.advance(12_000);
    runner.skip(); // A skipped after 12 s
    clock.advance(10_000 + 20_000 + 10_000 + 5000); // rest, B, round rest, 5 s into A of round 2
    const s = summarizeRun(timeline, runner.runLog, clock.now());
    expect(s).toMatchObject({
      completed: false,
      exercisesDone: 1,
      exercisesSkipped: 1,
      workMs: 12_000 + 20_000 + 5000,
    });
    expect(s.rounds[0]?.roundsDone).toBe(1);
  });

  it('a revisited exercise counts once', () => {
    const { clock, timeline, runner } = setup();
    runner.start();
    clock.advance(30_000 + 1000); // 1 s into the rest
    runner.back(); // back to A
    clock.advance(30_000 + 10_000 + 1000);
    const s = summarizeRun(timeline, runner.runLog, clock.now());
    expect(s.exercisesDone).toBe(1);
    expect(s.exercisesSkipped).toBe(0);
  });
});

describe('summarizeRun with per-side steps', () => {
  it('counts both sides of a per-side step as one exercise, done only when both sides are', () => {
    const clock = new FakeClock(0);
    const birdDog = { id: 'bird-dog', name: 'Bird-dog', perSide: true, tips: [] };
    const timeline = compileCircuit(
      circuit([
        block(
          [
            step('Rows', { workSeconds: 10, restSeconds: 5 }),
            step('Bird-dog', { workSeconds: 20, restSeconds: 5, exercise: birdDog }),
          ],
          { rounds: 2 },
        ),
      ]),
    );
    const runner = new Runner(timeline, clock);
    runner.start();
    clock.advance(10_000 + 5000 + 10_000 + 5000 + 10_000); // rows, rest, left side, switch, right side
    let s = summarizeRun(timeline, runner.runLog, clock.now());
    expect(s).toMatchObject({ exercisesPlanned: 4, exercisesDone: 2, exercisesSkipped: 0 });
    expect(s.rounds[0]?.roundsDone).toBe(1);
    clock.advance(5000 + 10_000 + 5000 + 3000); // round rest, rows, rest, 3 s into the left side
    runner.skip();
    clock.advance(5000 + 10_000);
    s = summarizeRun(timeline, runner.runLog, clock.now());
    expect(s).toMatchObject({ completed: true, exercisesDone: 3, exercisesSkipped: 1 });
    expect(s.rounds[0]?.roundsDone).toBe(2);
  });
});

describe('summarizeRun when everything is skipped', () => {
  it('a run skipped from end to end is not complete and did no rounds', () => {
    const { clock, timeline, runner } = setup();
    runner.start();
    for (let i = 0; i < timeline.segments.length; i++) {
      clock.advance(100);
      runner.skip();
    }
    const s = summarizeRun(timeline, runner.runLog, clock.now());
    expect(s).toMatchObject({ completed: false, exercisesDone: 0, exercisesSkipped: 6 });
    expect(s.rounds[0]?.roundsDone).toBe(0);
  });
});
