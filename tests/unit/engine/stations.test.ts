import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { completedRounds } from '../../../src/engine/rounds';
import { Runner } from '../../../src/engine/runner';
import { summarizeRun } from '../../../src/engine/summary';
import { compileCircuit, rotationsLeft, stationOf } from '../../../src/engine/timeline';
import { InvalidCircuitError, validateCircuit } from '../../../src/engine/validate';
import { block, circuit, step } from '../fixtures';

const birdDogs = { id: 'bird-dog', name: 'Bird-dogs', perSide: true, tips: ['Reach long.'] };

/** 3 stations × 2 rounds, 30 s work / 15 s rest, 45 s between rounds, then a second, ordinary block. */
function stationCircuit() {
  return circuit(
    [
      block(
        [
          step('Rows', { id: 'rows', workSeconds: 30, restSeconds: 15 }),
          step('Face pulls', { id: 'pulls', workSeconds: 30, restSeconds: 15 }),
          step('Bird-dogs', { id: 'dogs', exercise: birdDogs, workSeconds: 30, restSeconds: 15 }),
        ],
        { id: 'st', name: 'Stations', rounds: 2, restBetweenRoundsSeconds: 45, restAfterSeconds: 60, stations: true },
      ),
      block([step('Plank', { workSeconds: 40, restSeconds: 0 })], { name: 'Finisher' }),
    ],
    { prepSeconds: 10 },
  );
}

describe('a station block on the timeline', () => {
  it('runs as the group starting at station 1 does it: work, Rotate, …, with the round rest as a rotation', () => {
    const t = compileCircuit(stationCircuit());
    expect(t.segments.map((s) => [s.kind, s.duration, s.label])).toEqual([
      ['prep', 10_000, 'Get ready'],
      ['work', 30_000, 'Stations — interval 1/6'],
      ['rest', 15_000, 'Rotate'],
      ['work', 30_000, 'Stations — interval 2/6'],
      ['rest', 15_000, 'Rotate'],
      ['work', 30_000, 'Stations — interval 3/6'],
      ['roundRest', 45_000, 'Rotate — round rest'],
      ['work', 30_000, 'Stations — interval 4/6'],
      ['rest', 15_000, 'Rotate'],
      ['work', 30_000, 'Stations — interval 5/6'],
      ['rest', 15_000, 'Rotate'],
      ['work', 30_000, 'Stations — interval 6/6'],
      ['roundRest', 60_000, 'Rest before next block'],
      ['work', 40_000, 'Plank'],
    ]);
    // Every work segment still carries its step's exercise, so logging, summary and cues are unchanged.
    expect(t.segments.filter((s) => s.kind === 'work').map((s) => s.exercise?.name)).toEqual([
      'Rows',
      'Face pulls',
      'Bird-dogs',
      'Rows',
      'Face pulls',
      'Bird-dogs',
      'Plank',
    ]);
  });

  it('does not split a per-side exercise at a station: no halves, no switch-sides pause', () => {
    const t = compileCircuit(stationCircuit());
    expect(t.segments.some((s) => s.kind === 'switch')).toBe(false);
    expect(t.segments.filter((s) => s.exercise?.id === 'bird-dog').map((s) => [s.duration, s.side])).toEqual([
      [30_000, null],
      [30_000, null],
    ]);
  });

  it('numbers the intervals, counts the rotations left and places each group, through the whole block', () => {
    const t = compileCircuit(stationCircuit());
    const inBlock = t.segments.filter((s) => s.position?.block === 0);
    // The rest before the next block is no rotation: it has no station info.
    expect(inBlock.at(-1)).toMatchObject({ label: 'Rest before next block', station: null });
    expect(t.segments.filter((s) => s.position === null || s.position.block === 1).map((s) => s.station)).toEqual([
      null,
      null,
    ]);

    const rows = inBlock
      .filter((s) => s.station)
      .map((s) => {
        const info = s.station!;
        expect(info.names).toEqual(['Rows', 'Face pulls', 'Bird-dogs']);
        expect(info.intervals).toBe(6);
        return [s.kind, info.interval, rotationsLeft(info), [0, 1, 2].map((g) => stationOf(g, info))];
      });
    expect(rows).toEqual([
      ['work', 1, 5, [0, 1, 2]],
      ['rest', 1, 5, [0, 1, 2]],
      ['work', 2, 4, [1, 2, 0]],
      ['rest', 2, 4, [1, 2, 0]],
      ['work', 3, 3, [2, 0, 1]],
      ['roundRest', 3, 3, [2, 0, 1]],
      ['work', 4, 2, [0, 1, 2]],
      ['rest', 4, 2, [0, 1, 2]],
      ['work', 5, 1, [1, 2, 0]],
      ['rest', 5, 1, [1, 2, 0]],
      ['work', 6, 0, [2, 0, 1]],
    ]);
    // The group starting at station 1 does what the segment's exercise says.
    for (const s of inBlock.filter((seg) => seg.kind === 'work'))
      expect(s.station!.names[stationOf(0, s.station!)]).toBe(s.exercise!.name);
  });

  it('gives every station the block’s pace, whatever the steps say', () => {
    const c = stationCircuit();
    c.blocks[0]!.pace = { ratio: '2:1', intervalSeconds: 60 };
    c.blocks[0]!.steps[1]!.workSeconds = 5;
    const t = compileCircuit(c);
    expect(t.segments.filter((s) => s.station?.interval === 2).map((s) => [s.kind, s.duration])).toEqual([
      ['work', 40_000],
      ['rest', 20_000],
    ]);
  });

  it('leaves ordinary blocks without station info', () => {
    const c = stationCircuit();
    delete c.blocks[0]!.stations;
    const t = compileCircuit(c);
    expect(t.segments.every((s) => s.station === null)).toBe(true);
    expect(t.segments.filter((s) => s.kind === 'switch')).toHaveLength(2);
    expect(t.segments[2]?.label).toBe('Rest');
  });
});

describe('station rules', () => {
  const paths = (c: ReturnType<typeof stationCircuit>) => validateCircuit(c).map((i) => i.path);

  it('accepts stations with one work and rest for all, or a pace', () => {
    expect(validateCircuit(stationCircuit())).toEqual([]);
    const c = stationCircuit();
    c.blocks[0]!.steps[2]!.restSeconds = 5;
    c.blocks[0]!.pace = { ratio: '1:1', intervalSeconds: 40 };
    expect(validateCircuit(c)).toEqual([]);
  });

  it('refuses stations with different work or rest, saying which and what to do', () => {
    const c = stationCircuit();
    c.blocks[0]!.steps[2]!.restSeconds = 20;
    expect(validateCircuit(c)).toEqual([
      {
        path: 'blocks.0.stations',
        message:
          'Stations all work at once: give every station the same work and rest, or set a work:rest ratio for the ' +
          'block (station 1 works 30 s and rests 15 s, station 3 works 30 s and rests 20 s).',
      },
    ]);
    expect(() => compileCircuit(c)).toThrow(InvalidCircuitError);
    c.blocks[0]!.steps[2]!.restSeconds = 15;
    c.blocks[0]!.steps[1]!.workSeconds = 31;
    expect(paths(c)).toEqual(['blocks.0.stations']);
  });

  it('refuses a tap-when-done station: stations share one clock', () => {
    const c = stationCircuit();
    Object.assign(c.blocks[0]!.steps[1]!, { mode: 'reps', reps: 10 });
    const issues = validateCircuit(c);
    expect(issues.map((i) => i.path)).toEqual(['blocks.0.steps.1.mode']);
    expect(issues[0]!.message).toMatch(/^Stations share one clock: station 2 can’t wait for a tap/);
    // The same step is fine in an ordinary block.
    delete c.blocks[0]!.stations;
    expect(validateCircuit(c)).toEqual([]);
  });

  it('needs at least 2 stations', () => {
    const c = circuit([block([step('Rows')], { stations: true })]);
    expect(validateCircuit(c)).toEqual([
      {
        path: 'blocks.0.stations',
        message: 'A station block needs at least 2 stations: add a step, or untick “Run as stations”.',
      },
    ]);
    c.blocks[0]!.stations = false;
    expect(validateCircuit(c)).toEqual([]);
  });
});

describe('a station block in the log', () => {
  function run() {
    const c = stationCircuit();
    const timeline = compileCircuit(c);
    const clock = new FakeClock(1000);
    const runner = new Runner(timeline, clock);
    runner.start();
    clock.advance(timeline.totalMs);
    return { c, timeline, clock, runner };
  }

  it('logs each round of stations as a round with every station’s exercise, planned and actual', () => {
    const { c, timeline, clock, runner } = run();
    const rounds = completedRounds(c, timeline, runner.runLog, clock.now());
    expect(rounds.map((r) => [r.blockName, r.round, r.rounds])).toEqual([
      ['Stations', 1, 2],
      ['Stations', 2, 2],
      ['Finisher', 1, 1],
    ]);
    for (const r of rounds.slice(0, 2))
      expect(r.exercises.map((e) => [e.stepId, e.name, e.plannedWorkMs, e.workMs, e.restMs, e.outcome])).toEqual([
        ['rows', 'Rows', 30_000, 30_000, 15_000, 'done'],
        ['pulls', 'Face pulls', 30_000, 30_000, 15_000, 'done'],
        ['dogs', 'Bird-dogs', 30_000, 30_000, 0, 'done'],
      ]);
  });

  it('counts a station block’s rounds and exercises in the summary', () => {
    const { timeline, clock, runner } = run();
    const s = summarizeRun(timeline, runner.runLog, clock.now());
    expect(s).toMatchObject({ completed: true, exercisesDone: 7, exercisesPlanned: 7, exercisesSkipped: 0 });
    expect(s.rounds.map((r) => [r.blockName, r.roundsDone, r.rounds])).toEqual([
      ['Stations', 2, 2],
      ['Finisher', 1, 1],
    ]);
  });
});
