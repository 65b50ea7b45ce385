import { describe, expect, it } from 'vitest';
import { validateCircuit } from '../../../src/engine/validate';
import { block, circuit, step } from '../fixtures';

const messages = (c: Parameters<typeof validateCircuit>[0]) =>
  Object.fromEntries(validateCircuit(c).map((i) => [i.path, i.message]));

describe('validateCircuit', () => {
  it('accepts a valid circuit', () => {
    expect(validateCircuit(circuit([block([step('Rows')])]))).toEqual([]);
  });

  it('accepts the limits themselves: 1 s and 2 h, 1 and 99 rounds, 80-character names', () => {
    const c = circuit(
      [
        block([step('x'.repeat(80), { workSeconds: 1 }), step('B', { workSeconds: 7200, restSeconds: 7200 })], {
          rounds: 99,
        }),
      ],
      {
        name: 'n'.repeat(80),
      },
    );
    expect(validateCircuit(c)).toEqual([]);
    expect(validateCircuit(circuit([block([step('A')], { rounds: 1 })]))).toEqual([]);
  });

  it('refuses durations outside 1 s–2 h and says what was entered', () => {
    const m = messages(
      circuit([block([step('A', { workSeconds: 0 }), step('B', { workSeconds: 7201, restSeconds: -1 })])]),
    );
    expect(m['blocks.0.steps.0.workSeconds']).toBe('Work time must be between 1 s and 2 h (you entered 0 s).');
    expect(m['blocks.0.steps.1.workSeconds']).toMatch(/between 1 s and 2 h \(you entered 7201 s\)/);
    expect(m['blocks.0.steps.1.restSeconds']).toMatch(/Rest must be between 0 s and 2 h/);
  });

  it('refuses fractional, empty and non-numeric durations with a clear message', () => {
    const m = messages(
      circuit([
        block([
          step('A', { workSeconds: 1.5 }),
          step('B', { workSeconds: NaN }),
          step('C', { restSeconds: null as unknown as number }),
        ]),
      ]),
    );
    expect(m['blocks.0.steps.0.workSeconds']).toBe('Work time: enter a whole number of seconds.');
    expect(m['blocks.0.steps.1.workSeconds']).toBe('Work time: enter a whole number of seconds.');
    expect(m['blocks.0.steps.2.restSeconds']).toBe('Rest: enter a whole number of seconds.');
  });

  it('refuses rounds outside 1–99', () => {
    expect(messages(circuit([block([step('A')], { rounds: 0 })]))['blocks.0.rounds']).toMatch(
      /between 1 and 99 \(you entered 0\)/,
    );
    expect(messages(circuit([block([step('A')], { rounds: 100 })]))['blocks.0.rounds']).toMatch(/between 1 and 99/);
  });

  it('refuses empty and over-long names, ignoring surrounding spaces', () => {
    expect(messages(circuit([block([step('A')])], { name: '   ' })).name).toBe(
      'Circuit name is empty: give it a name.',
    );
    expect(messages(circuit([block([step('A')])], { name: 'x'.repeat(81) })).name).toMatch(
      /81 characters long: keep it to 80/,
    );
    expect(messages(circuit([block([step('  ')])]))['blocks.0.steps.0.exercise.name']).toMatch(
      /Exercise name is empty/,
    );
  });

  it('needs at least one step', () => {
    expect(messages(circuit([])).blocks).toMatch(/at least one/);
    expect(messages(circuit([block([])]))['blocks.0.steps']).toMatch(/add at least one exercise/);
  });

  it('needs a rep target for a "tap when done" step and ignores step times under a pace', () => {
    expect(messages(circuit([block([step('A', { mode: 'reps', reps: null })])]))['blocks.0.steps.0.reps']).toMatch(
      /Rep target/,
    );
    expect(
      validateCircuit(
        circuit([block([step('A', { workSeconds: 0 })], { pace: { ratio: '1:1', intervalSeconds: 60 } })]),
      ),
    ).toEqual([]);
    expect(
      messages(circuit([block([step('A')], { pace: { ratio: '1:1', intervalSeconds: 1 } })]))[
        'blocks.0.pace.intervalSeconds'
      ],
    ).toMatch(/Interval length must be between 2 s and 2 h/);
  });
});

describe('validateCircuit between blocks', () => {
  it('checks the rest before the next block only where there is a next block', () => {
    const bad = -5;
    expect(validateCircuit(circuit([block([step('A')], { restAfterSeconds: bad })]))).toEqual([]);
    expect(validateCircuit(circuit([block([step('A')], { restAfterSeconds: bad }), block([step('B')])]))).toEqual([
      {
        path: 'blocks.0.restAfterSeconds',
        message: 'Rest before the next block must be between 0 s and 2 h (you entered -5 s).',
      },
    ]);
  });
});
