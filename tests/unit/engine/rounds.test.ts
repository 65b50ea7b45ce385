import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { completedRounds } from '../../../src/engine/rounds';
import { Runner } from '../../../src/engine/runner';
import { compileCircuit } from '../../../src/engine/timeline';
import { block, circuit, step } from '../fixtures';

/** 3 rounds of rows 30 s / rest 10 s, side plank 20 s per side (5 s switch) / rest 10 s, 60 s between rounds. */
function setUp() {
  const c = circuit(
    [
      block(
        [
          step('Rows', { id: 'rows', workSeconds: 30, restSeconds: 10 }),
          step('Side plank', {
            id: 'plank',
            exercise: { id: 'side-plank', name: 'Side plank', perSide: true, tips: [] },
            workSeconds: 20,
            restSeconds: 10,
          }),
        ],
        { id: 'main', name: 'Main', rounds: 3, restBetweenRoundsSeconds: 60 },
      ),
    ],
    { prepSeconds: 10 },
  );
  const timeline = compileCircuit(c);
  const clock = new FakeClock(1000);
  const runner = new Runner(timeline, clock);
  runner.start();
  const rounds = () => completedRounds(c, timeline, runner.runLog, clock.now());
  return { c, timeline, clock, runner, rounds };
}

// One round: rows 30 + rest 10 + plank 10 + switch 5 + 10 = 65 s of round, then 60 s round rest.
const PREP = 10_000;
const ROUND = 65_000;
const ROUND_REST = 60_000;

describe('completedRounds', () => {
  it('a round completes the instant its last exercise ends, with planned and actual times', () => {
    const { clock, rounds } = setUp();
    clock.advance(PREP + ROUND - 1);
    expect(rounds()).toEqual([]);
    clock.advance(1);
    const [first, ...rest] = rounds();
    expect(rest).toEqual([]);
    expect(first).toEqual({
      blockIndex: 0,
      blockId: 'main',
      blockName: 'Main',
      round: 1,
      rounds: 3,
      completedAt: 1000 + PREP + ROUND,
      exercises: [
        {
          stepId: 'rows',
          exerciseId: null,
          name: 'Rows',
          perSide: false,
          plannedWorkMs: 30_000,
          workMs: 30_000,
          plannedRestMs: 10_000,
          restMs: 10_000,
          outcome: 'done',
        },
        {
          stepId: 'plank',
          exerciseId: 'side-plank',
          name: 'Side plank',
          perSide: true,
          plannedWorkMs: 20_000,
          workMs: 20_000,
          plannedRestMs: 0,
          restMs: 0,
          outcome: 'done',
        },
      ],
    });
  });

  it('pauses are not work time; +10 s and a skipped exercise show as they happened', () => {
    const { clock, runner, rounds } = setUp();
    clock.advance(PREP + 5000);
    runner.pause();
    clock.advance(60_000); // paused a minute in the rows
    runner.resume();
    runner.extend(); // rows now 40 s
    clock.advance(35_000); // rows done
    clock.advance(10_000); // rest done
    clock.advance(3000);
    runner.skip(); // left side of the plank skipped
    clock.advance(5000 + 10_000); // switch, then the right side runs out
    const [round] = rounds();
    expect(round!.exercises.map((e) => [e.workMs, e.outcome])).toEqual([
      [40_000, 'done'],
      [13_000, 'skipped'],
    ]);
    expect(round!.completedAt).toBe(clock.now()); // on the clock: the paused minute included
  });

  it('the same rounds come out at any later instant: a round is never reported twice or lost', () => {
    const { clock, rounds } = setUp();
    clock.advance(PREP + 3 * ROUND + 2 * ROUND_REST);
    const atEnd = rounds();
    expect(atEnd.map((r) => r.round)).toEqual([1, 2, 3]);
    clock.advance(3_600_000);
    expect(rounds()).toEqual(atEnd);
  });

  it('a round skipped through from end to end is not logged, and going back does not unlog one', () => {
    const { clock, runner, rounds } = setUp();
    clock.advance(1000);
    for (let i = 0; i < 6; i++) runner.skip(); // prep, rows, rest, left, switch, right
    expect(rounds()).toEqual([]);
    clock.advance(ROUND_REST + ROUND); // round 2 runs in full
    expect(rounds().map((r) => r.round)).toEqual([2]);
    runner.back();
    runner.back();
    expect(rounds().map((r) => r.round)).toEqual([2]);
  });
});
