import { describe, expect, it } from 'vitest';
import { EditorState, copyOf, newCircuit } from '../../../src/state/editor.svelte';
import { findPreset } from '../../../src/data/presets';
import type { Circuit } from '../../../src/engine/model';

function editorFor(c: Circuit = newCircuit()) {
  return new EditorState(c);
}

describe('EditorState', () => {
  it('a new circuit needs a name before it can be saved, and saves nothing until then', async () => {
    const editor = editorFor();
    const saved: Circuit[] = [];
    const persist = async (c: Circuit) => (saved.push(c), c);
    expect(editor.messageFor('name')).toBeUndefined(); // untouched fields stay quiet
    expect(await editor.save(persist)).toBeNull();
    expect(saved).toEqual([]);
    expect(editor.messageFor('name')).toBe('Circuit name is empty: give it a name.');
    editor.draft.name = 'Back day';
    const result = await editor.save(persist);
    expect(result?.name).toBe('Back day');
    expect(saved).toHaveLength(1);
  });

  it('shows a field’s message as soon as it is touched', () => {
    const editor = editorFor();
    editor.draft.blocks[0]!.rounds = 0;
    expect(editor.messageFor('blocks.0.rounds')).toBeUndefined();
    editor.touch('blocks.0.rounds');
    expect(editor.messageFor('blocks.0.rounds')).toMatch(/Rounds must be between 1 and 99/);
  });

  it('keeps the total in step with the draft, and has none while invalid', () => {
    const editor = editorFor();
    editor.draft.name = 'x';
    // 10 s prep + 3 rounds of 40 s work with 60 s between rounds.
    expect(editor.timeline?.totalMs).toBe((10 + 40 * 3 + 60 * 2) * 1000);
    editor.draft.blocks[0]!.steps[0]!.workSeconds = 0;
    expect(editor.timeline).toBeNull();
  });

  it('reports a storage failure on save without losing the draft', async () => {
    const editor = editorFor();
    editor.draft.name = 'Kept';
    expect(
      await editor.save(async () => {
        throw new Error('This device is out of storage space: free some space, then try again.');
      }),
    ).toBeNull();
    expect(editor.saveError).toMatch(/out of storage space/);
    expect(editor.draft.name).toBe('Kept');
  });

  it('turning ratio entry off keeps the times the ratio gave', () => {
    const editor = editorFor();
    editor.setPace(0, { ratio: '3:1', intervalSeconds: 60 });
    editor.setPace(0, null);
    expect(editor.draft.blocks[0]!.steps[0]).toMatchObject({ workSeconds: 45, restSeconds: 15 });
  });

  it('adds, moves and removes steps and blocks', () => {
    const editor = editorFor();
    editor.addStep(0);
    editor.setExercise(0, 1, 'bird-dog');
    expect(editor.draft.blocks[0]!.steps.map((s) => s.exercise.id)).toEqual(['barbell-bent-over-row', 'bird-dog']);
    editor.moveStep(0, 1, -1);
    expect(editor.draft.blocks[0]!.steps.map((s) => s.exercise.id)).toEqual(['bird-dog', 'barbell-bent-over-row']);
    editor.moveStep(0, 0, -1); // already first: nothing moves
    expect(editor.draft.blocks[0]!.steps[0]!.exercise.perSide).toBe(true);
    editor.setExercise(0, 0, '');
    expect(editor.draft.blocks[0]!.steps[0]!.exercise).toEqual({ id: null, name: '', perSide: false, tips: [] });
    editor.removeStep(0, 0);
    editor.addBlock();
    expect(editor.draft.blocks.map((b) => b.name)).toEqual(['Block 1', 'Block 2']);
    editor.removeBlock(0);
    expect(editor.draft.blocks).toHaveLength(1);
  });
});

describe('copyOf', () => {
  it('copies a preset under new ids, leaving the preset untouched', () => {
    const preset = findPreset('metabolic-back-beginner')!.circuit;
    const before = JSON.stringify(preset);
    const copy = copyOf(preset);
    expect(copy.id).not.toBe(preset.id);
    expect(copy.name).toBe(`${preset.name} (copy)`);
    expect(copy.blocks[0]!.id).not.toBe(preset.blocks[0]!.id);
    copy.blocks[0]!.steps[0]!.workSeconds = 1;
    expect(JSON.stringify(preset)).toBe(before);
  });

  it('keeps a copied name within 80 characters', () => {
    expect(copyOf({ ...newCircuit(), name: 'x'.repeat(80) }).name).toHaveLength(80);
  });
});

describe('EditorState keeps messages and values sensible as the draft changes', () => {
  it('a message stays with its step when the steps are reordered', () => {
    const editor = editorFor();
    editor.addStep(0);
    editor.draft.blocks[0]!.steps[1]!.workSeconds = 0;
    editor.touch('blocks.0.steps.1.workSeconds');
    expect(editor.messageFor('blocks.0.steps.1.workSeconds')).toMatch(/Work time/);
    editor.moveStep(0, 1, -1);
    expect(editor.messageFor('blocks.0.steps.0.workSeconds')).toMatch(/Work time/);
    expect(editor.messageFor('blocks.0.steps.1.workSeconds')).toBeUndefined();
  });

  it('switching an emptied rep target back to timed drops the unfinished optional goal', () => {
    const editor = editorFor();
    editor.draft.name = 'x';
    editor.setMode(0, 0, 'reps');
    editor.draft.blocks[0]!.steps[0]!.reps = NaN; // the person cleared the field
    editor.setMode(0, 0, 'time');
    expect(editor.draft.blocks[0]!.steps[0]!.reps).toBeNull();
    expect(editor.issues).toEqual([]);
  });

  it('a step added after a tap-when-done step copies its rep target too', () => {
    const editor = editorFor();
    editor.setMode(0, 0, 'reps');
    editor.draft.blocks[0]!.steps[0]!.reps = 12;
    editor.addStep(0);
    expect(editor.draft.blocks[0]!.steps[1]).toMatchObject({ mode: 'reps', reps: 12 });
  });
});

describe('EditorState runs a block as stations', () => {
  it('says at once what stations need when ticked, and saves a block of 3 equal stations', async () => {
    const editor = editorFor();
    editor.draft.name = 'Stations';
    editor.setStations(0, true);
    expect(editor.messageFor('blocks.0.stations')).toMatch(/needs at least 2 stations/);
    editor.addStep(0);
    editor.addStep(0);
    expect(editor.messageFor('blocks.0.stations')).toBeUndefined();
    expect(editor.timeline?.segments.find((s) => s.kind === 'work')?.station).toMatchObject({
      interval: 1,
      intervals: 9,
    });

    editor.draft.blocks[0]!.steps[2]!.restSeconds = 30;
    expect(editor.messageFor('blocks.0.stations')).toMatch(/^Stations all work at once/);
    editor.setPace(0, { ratio: '2:1', intervalSeconds: 60 });
    expect(editor.issues).toEqual([]);

    const saved = await editor.save(async (c) => c);
    expect(saved?.blocks[0]).toMatchObject({ stations: true });
    expect(saved?.blocks[0]?.steps).toHaveLength(3);
  });

  it('unticking leaves no stations flag, so the block is stored as an ordinary one', () => {
    const editor = editorFor();
    editor.setStations(0, true);
    editor.setStations(0, false);
    expect('stations' in editor.draft.blocks[0]!).toBe(false);
    expect(editor.messageFor('blocks.0.stations')).toBeUndefined();
  });
});
