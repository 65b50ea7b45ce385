import { describe, expect, it } from 'vitest';
import { compileCircuit } from '../../../src/engine/timeline';
import { InvalidCircuitError } from '../../../src/engine/validate';
import { splitPace } from '../../../src/engine/model';
import { block, circuit, step } from '../fixtures';

const kinds = (c: ReturnType<typeof compileCircuit>) => c.segments.map((s) => `${s.kind}:${s.duration}`);

describe('compileCircuit', () => {
  it('lays out prep, warm-up, work and rest, round rests and cool-down with cumulative starts', () => {
    const t = compileCircuit(
      circuit(
        [
          block(
            [
              step('Rows', { workSeconds: 40, restSeconds: 20 }),
              step('Face pulls', { workSeconds: 30, restSeconds: 15 }),
            ],
            { rounds: 2, restBetweenRoundsSeconds: 60 },
          ),
        ],
        {
          prepSeconds: 10,
          warmUpSeconds: 120,
          coolDownSeconds: 90,
        },
      ),
    );
    expect(kinds(t)).toEqual([
      'prep:10000',
      'warmup:120000',
      'work:40000',
      'rest:20000',
      'work:30000',
      'roundRest:60000',
      'work:40000',
      'rest:20000',
      'work:30000',
      'cooldown:90000',
    ]);
    let expected = 0;
    for (const s of t.segments) {
      expect(s.start).toBe(expected);
      expected += s.duration ?? 0;
    }
    expect(t.totalMs).toBe(expected);
    expect(t.totalMs).toBe((10 + 120 + 40 + 20 + 30 + 60 + 40 + 20 + 30 + 90) * 1000);
    expect(t.workMs).toBe(140_000);
  });

  it('keeps the last step’s own rest between rounds when no round rest is set (Tabata)', () => {
    const t = compileCircuit(circuit([block([step('Burpees', { workSeconds: 20, restSeconds: 10 })], { rounds: 8 })]));
    expect(t.segments).toHaveLength(15);
    expect(t.totalMs).toBe(8 * 20_000 + 7 * 10_000);
    expect(t.segments.at(-1)?.kind).toBe('work');
    expect(t.segments[1]).toMatchObject({ kind: 'roundRest', duration: 10_000, label: 'Round rest' });
  });

  it('gives each side half the work time, in whole seconds, with a switch-sides moment between', () => {
    const t = compileCircuit(
      circuit([
        block([
          step('Bird-dog', {
            workSeconds: 45,
            exercise: { id: 'bird-dog', name: 'Bird-dog', perSide: true, tips: ['x'] },
          }),
        ]),
      ]),
    );
    expect(t.segments.map((s) => [s.kind, s.duration, s.side])).toEqual([
      ['work', 23_000, 'left'],
      ['switch', 5000, 'right'],
      ['work', 22_000, 'right'],
    ]);
    expect(t.segments[0]?.label).toBe('Bird-dog — left side');
    expect(t.segments[1]?.label).toBe('Switch sides');
  });

  it('honours a block pace: 2:1 of 60 s is 40 s work and 20 s rest', () => {
    expect(splitPace({ ratio: '2:1', intervalSeconds: 60 })).toEqual({ workSeconds: 40, restSeconds: 20 });
    expect(splitPace({ ratio: '1:2', intervalSeconds: 60 })).toEqual({ workSeconds: 20, restSeconds: 40 });
    expect(splitPace({ ratio: '3:1', intervalSeconds: 60 })).toEqual({ workSeconds: 45, restSeconds: 15 });
    expect(splitPace({ ratio: '1:1', intervalSeconds: 45 })).toEqual({ workSeconds: 23, restSeconds: 22 });
    const t = compileCircuit(
      circuit([
        block([step('A', { workSeconds: 5, restSeconds: 5 }), step('B')], {
          pace: { ratio: '2:1', intervalSeconds: 60 },
        }),
      ]),
    );
    expect(kinds(t)).toEqual(['work:40000', 'rest:20000', 'work:40000']);
  });

  it('marks "tap when done" steps as open-ended and counts them apart from the total', () => {
    const t = compileCircuit(
      circuit([block([step('Push-ups', { mode: 'reps', reps: 15, restSeconds: 30 }), step('Rows')])]),
    );
    expect(t.segments[0]).toMatchObject({ kind: 'work', duration: null, reps: 15 });
    expect(t.untilTapCount).toBe(1);
    expect(t.totalMs).toBe(30_000 + 30_000);
  });

  it('links every segment to the next work segment, for "next up"', () => {
    const t = compileCircuit(circuit([block([step('A'), step('B')], { rounds: 2 })], { prepSeconds: 5 }));
    const names = t.segments.map((s) => (s.nextWork === null ? null : t.segments[s.nextWork]?.label));
    expect(names).toEqual(['A', 'B', 'B', 'A', 'A', 'B', 'B', null]);
  });

  it('records block, round and step positions', () => {
    const t = compileCircuit(
      circuit([
        block([step('A'), step('B')], { rounds: 3, name: 'Rows block', restAfterSeconds: 90 }),
        block([step('C')], { name: 'Finisher' }),
      ]),
    );
    const last = t.segments.at(-1)!;
    expect(last.position).toMatchObject({ block: 1, blocks: 2, round: 1, rounds: 1, blockName: 'Finisher' });
    const thirdRoundB = t.segments.filter((s) => s.label === 'B')[2]!;
    expect(thirdRoundB.position).toMatchObject({ block: 0, round: 3, rounds: 3, step: 1, steps: 2 });
    expect(t.segments.find((s) => s.label === 'Rest before next block')).toMatchObject({
      kind: 'roundRest',
      duration: 90_000,
    });
  });

  it('refuses an invalid circuit with every reason', () => {
    const bad = circuit([block([step('', { workSeconds: 0 })], { rounds: 100 })], { name: '' });
    try {
      compileCircuit(bad);
      expect.unreachable('compile should throw');
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidCircuitError);
      const paths = (err as InvalidCircuitError).issues.map((i) => i.path);
      expect(paths).toEqual([
        'name',
        'blocks.0.rounds',
        'blocks.0.steps.0.exercise.name',
        'blocks.0.steps.0.workSeconds',
      ]);
      expect((err as Error).message).toMatch(/can't run/);
    }
  });
});
