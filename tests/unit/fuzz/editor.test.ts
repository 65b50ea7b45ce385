// Fuzzing the editor as a person drives it: any text into the name fields, any number (or none) into
// the number fields, and steps and blocks added, moved and removed in any order. Nothing throws; while
// the draft is invalid, save is refused with a message per field and nothing is written.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditorState, copyOf, newCircuit } from '../../../src/state/editor.svelte';
import { CircuitRepository } from '../../../src/storage/circuits';
import { openDatabase } from '../../../src/storage/db';
import { parseCircuit } from '../../../src/storage/circuit-schema';
import { EXERCISES } from '../../../src/data/exercises';
import { PRESETS } from '../../../src/data/presets';
import { RATIOS } from '../../../src/engine/model';
import { expectMessage, fuzz, TIMEOUT, nastyString, runsOf } from './arbitraries';

const EDGE = 'editor fields';

/** What a number field hands the editor: its valueAsNumber (NaN for bad input) or null when emptied. */
const entered = fc.oneof(
  fc.integer({ min: -5, max: 8000 }),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1, 0, 0.5, 7200, 7201, 99, 100, null),
);

type Action =
  | { kind: 'text'; field: 'name' | 'description' | 'block' | 'exercise'; value: string }
  | { kind: 'number'; field: string; value: number | null }
  | { kind: 'ratio'; value: string }
  | { kind: 'structure'; op: string; b: number; s: number; by: -1 | 1; pick: number; on: boolean };

const CIRCUIT_NUMBERS = ['prepSeconds', 'warmUpSeconds', 'coolDownSeconds', 'switchSidesSeconds'];
const BLOCK_NUMBERS = ['rounds', 'restBetweenRoundsSeconds', 'restAfterSeconds', 'intervalSeconds'];
const STEP_NUMBERS = ['workSeconds', 'reps', 'restSeconds'];

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('text' as const),
    field: fc.constantFrom('name', 'description', 'block', 'exercise') as fc.Arbitrary<
      'name' | 'description' | 'block' | 'exercise'
    >,
    value: nastyString,
  }),
  fc.record({
    kind: fc.constant('number' as const),
    field: fc.constantFrom(...CIRCUIT_NUMBERS, ...BLOCK_NUMBERS, ...STEP_NUMBERS),
    value: entered,
  }),
  fc.record({ kind: fc.constant('ratio' as const), value: fc.oneof(fc.constantFrom(...RATIOS), fc.string()) }),
  fc.record({
    kind: fc.constant('structure' as const),
    op: fc.constantFrom(
      ...['addBlock', 'removeBlock', 'moveBlock', 'addStep', 'removeStep', 'moveStep', 'setExercise'],
      ...['setMode', 'setPace', 'setStations'],
    ),
    b: fc.nat(),
    s: fc.nat(),
    by: fc.constantFrom(-1 as const, 1 as const),
    pick: fc.nat(),
    on: fc.boolean(),
  }),
);

/** Carries out one action as the editor's fields and buttons do. */
function apply(editor: EditorState, a: Action): void {
  const draft = editor.draft;
  const blocks = draft.blocks;
  const b = blocks.length ? ('b' in a ? a.b : 0) % blocks.length : -1;
  const block = b >= 0 ? blocks[b] : undefined;
  const s = block?.steps.length ? ('s' in a ? a.s : 0) % block.steps.length : -1;
  const step = s >= 0 ? block!.steps[s] : undefined;
  switch (a.kind) {
    case 'text':
      if (a.field === 'name') draft.name = a.value;
      else if (a.field === 'description') draft.description = a.value;
      else if (a.field === 'block' && block) block.name = a.value;
      else if (a.field === 'exercise' && step) step.exercise.name = a.value;
      editor.touch(a.field === 'name' || a.field === 'description' ? a.field : `blocks.${b}.name`);
      return;
    case 'number': {
      const value = a.value as number;
      if (CIRCUIT_NUMBERS.includes(a.field)) (draft as unknown as Record<string, unknown>)[a.field] = value;
      else if (a.field === 'intervalSeconds') {
        if (block?.pace) block.pace.intervalSeconds = value;
      } else if (BLOCK_NUMBERS.includes(a.field)) {
        if (block) (block as unknown as Record<string, unknown>)[a.field] = value;
      } else if (step) (step as unknown as Record<string, unknown>)[a.field] = a.value;
      editor.touch(step ? `blocks.${b}.steps.${s}.${a.field}` : a.field);
      return;
    }
    case 'ratio':
      if (block?.pace) block.pace.ratio = a.value as (typeof RATIOS)[number];
      return;
    case 'structure':
      switch (a.op) {
        case 'addBlock':
          if (blocks.length < 25) editor.addBlock();
          return;
        case 'removeBlock':
          if (block) editor.removeBlock(b);
          return;
        case 'moveBlock':
          if (block) editor.moveBlock(b, a.by);
          return;
        case 'addStep':
          if (block && block.steps.length < 55) editor.addStep(b);
          return;
        case 'removeStep':
          if (step) editor.removeStep(b, s);
          return;
        case 'moveStep':
          if (step) editor.moveStep(b, s, a.by);
          return;
        case 'setExercise':
          if (step) editor.setExercise(b, s, a.pick % 5 === 0 ? '' : EXERCISES[a.pick % EXERCISES.length]!.id);
          return;
        case 'setMode':
          if (step) editor.setMode(b, s, a.on ? 'time' : 'reps');
          return;
        case 'setPace':
          if (block)
            editor.setPace(
              b,
              a.on ? { ratio: RATIOS[a.pick % RATIOS.length]!, intervalSeconds: 30 + (a.pick % 90) } : null,
            );
          return;
        case 'setStations':
          if (block) editor.setStations(b, a.on);
          return;
      }
  }
}

describe('the editor, fuzzed', () => {
  it(
    'any entries in any order never throw; an invalid draft saves nothing, a valid one saves what re-validates',
    async () => {
      const db = openDatabase(`fuzz-editor-${Date.now()}`);
      const repo = new CircuitRepository(db);
      let stored = 0;
      const start = fc.oneof(
        fc.constant(null),
        fc.constantFrom(...PRESETS).map((p) => p.circuit),
      );
      await fuzz(
        EDGE,
        fc.asyncProperty(start, fc.array(action, { minLength: 1, maxLength: 25 }), async (preset, actions) => {
          const editor = new EditorState(preset ? copyOf(preset) : newCircuit());
          for (const a of actions) {
            apply(editor, a);
            // What the screen reads after every keystroke.
            void editor.timeline;
            for (const issue of editor.issues) editor.messageFor(issue.path);
          }
          const issues = editor.issues;
          const saved = await editor.save((c) => repo.save(c));
          const count = await (await db).count('circuits');
          if (issues.length > 0) {
            expect(saved).toBeNull();
            expect(count).toBe(stored);
            for (const issue of issues) expectMessage(editor.messageFor(issue.path));
            return;
          }
          expect(editor.timeline).not.toBeNull();
          if (saved === null) {
            // Refused by storage's own checks (a shape the editor's rules allow): said, and nothing written.
            expectMessage(editor.saveError);
            expect(count).toBe(stored);
            return;
          }
          stored++;
          expect(count).toBe(stored);
          expect(parseCircuit(await repo.get(saved.id)).ok).toBe(true);
        }),
        runsOf(1),
      );
    },
    TIMEOUT,
  );
});
