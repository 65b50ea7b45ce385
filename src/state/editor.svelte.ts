// The circuit being edited: a draft that is validated on every change and saved only when valid,
// so nothing stored is ever replaced by something broken.
import { SvelteSet } from 'svelte/reactivity';
import {
  CIRCUIT_SCHEMA_VERSION,
  LIMITS,
  splitPace,
  type Block,
  type Circuit,
  type ExerciseSnapshot,
  type Pace,
  type Step,
  type StepMode,
} from '../engine/model';
import { compileCircuit, type Timeline } from '../engine/timeline';
import { validateCircuit, type ValidationIssue } from '../engine/validate';
import { EXERCISES, exerciseSnapshot, findExercise } from '../data/exercises';

const newId = () => crypto.randomUUID();

/** The DOM id of the field a validation path belongs to: one name for both, so links always land. */
export const fieldId = (path: string): string => `f-${path.replaceAll('.', '-')}`;

const customExercise = (): ExerciseSnapshot => ({ id: null, name: '', perSide: false, tips: [] });

export function newStep(exerciseId: string | null = EXERCISES[0]!.id): Step {
  const ex = exerciseId ? findExercise(exerciseId) : undefined;
  return {
    id: newId(),
    exercise: ex ? exerciseSnapshot(ex) : customExercise(),
    mode: 'time',
    workSeconds: 40,
    reps: null,
    restSeconds: 20,
  };
}

export function newBlock(index: number): Block {
  return {
    id: newId(),
    name: `Block ${index + 1}`,
    steps: [newStep()],
    rounds: 3,
    restBetweenRoundsSeconds: 60,
    restAfterSeconds: 60,
    pace: null,
  };
}

export function newCircuit(): Circuit {
  return {
    schemaVersion: CIRCUIT_SCHEMA_VERSION,
    id: newId(),
    name: '',
    description: '',
    prepSeconds: 10,
    warmUpSeconds: 0,
    coolDownSeconds: 0,
    switchSidesSeconds: 5,
    blocks: [newBlock(0)],
  };
}

/** A fresh copy of a circuit for editing as a new one of the person's own. */
export function copyOf(source: Circuit): Circuit {
  const copy = structuredClone($state.snapshot(source)) as Circuit;
  copy.id = newId();
  copy.name = `${source.name} (copy)`.slice(0, LIMITS.maxName);
  delete copy.createdAt;
  delete copy.updatedAt;
  for (const block of copy.blocks) {
    block.id = newId();
    for (const step of block.steps) step.id = newId();
  }
  return copy;
}

export class EditorState {
  draft: Circuit = $state() as Circuit;
  issues: ValidationIssue[] = $derived(validateCircuit(this.draft));
  /** The compiled draft (for its total), or null while the draft is invalid. */
  timeline: Timeline | null = $derived(this.issues.length ? null : compileCircuit(this.draft));
  /**
   * Fields the person has changed: their messages show at once, the rest after a save attempt.
   * Kept by block and step id, so a message stays with its step when steps move.
   */
  private touched = new SvelteSet<string>();
  submitted = $state(false);
  saving = $state(false);
  saveError = $state<string | null>(null);

  constructor(circuit: Circuit) {
    this.draft = circuit;
  }

  /** `blocks.1.steps.2.reps` → `<block id>/<step id>/reps`. */
  private keyOf(path: string): string {
    const m = /^blocks\.(\d+)(?:\.steps\.(\d+))?(.*)$/.exec(path);
    if (!m) return path;
    const block = this.draft.blocks[Number(m[1])];
    const step = m[2] === undefined ? undefined : block?.steps[Number(m[2])];
    return [block?.id, step?.id, m[3]].filter((x) => x !== undefined).join('/');
  }

  touch(path: string): void {
    this.touched.add(this.keyOf(path));
  }

  /** The message to show beside a field, if any. */
  messageFor(path: string): string | undefined {
    if (!this.submitted && !this.touched.has(this.keyOf(path))) return undefined;
    return this.issues.find((i) => i.path === path)?.message;
  }

  addBlock(): void {
    this.draft.blocks.push(newBlock(this.draft.blocks.length));
  }

  removeBlock(b: number): void {
    this.draft.blocks.splice(b, 1);
  }

  moveBlock(b: number, by: -1 | 1): void {
    move(this.draft.blocks, b, by);
  }

  addStep(b: number): void {
    const block = this.draft.blocks[b]!;
    // A new step picks up the previous step's timing, which is what people add next most often.
    const last = block.steps.at(-1);
    const step = newStep();
    if (last) {
      const { workSeconds, restSeconds, mode, reps } = last;
      Object.assign(step, { workSeconds, restSeconds, mode, reps });
    }
    block.steps.push(step);
  }

  removeStep(b: number, s: number): void {
    this.draft.blocks[b]!.steps.splice(s, 1);
  }

  moveStep(b: number, s: number, by: -1 | 1): void {
    move(this.draft.blocks[b]!.steps, s, by);
  }

  /** Picks an exercise from the library, or '' for a custom one. */
  setExercise(b: number, s: number, exerciseId: string): void {
    const step = this.draft.blocks[b]!.steps[s]!;
    const ex = findExercise(exerciseId);
    step.exercise = ex ? exerciseSnapshot(ex) : customExercise();
    if (!ex) this.touched.delete(this.keyOf(`blocks.${b}.steps.${s}.exercise.name`));
  }

  /** Timed or tap-when-done; a timed step's rep goal is optional, so an unfinished entry is dropped. */
  setMode(b: number, s: number, mode: StepMode): void {
    const step = this.draft.blocks[b]!.steps[s]!;
    step.mode = mode;
    if (mode === 'time' && (step.reps === null || !Number.isInteger(step.reps))) step.reps = null;
    this.touch(`blocks.${b}.steps.${s}.mode`);
  }

  /** Turns ratio entry on or off; turning it off keeps the times the ratio gave. */
  setPace(b: number, pace: Pace | null): void {
    const block = this.draft.blocks[b]!;
    if (!pace && block.pace && this.issues.every((i) => !i.path.startsWith(`blocks.${b}.pace`))) {
      const { workSeconds, restSeconds } = splitPace(block.pace);
      for (const step of block.steps) Object.assign(step, { workSeconds, restSeconds });
    }
    block.pace = pace;
  }

  /**
   * Runs a block as stations or as ordinary steps. Off leaves no flag behind, so the block is stored
   * as it was before stations existed. Its message shows at once: it says what stations need.
   */
  setStations(b: number, on: boolean): void {
    const block = this.draft.blocks[b]!;
    if (on) block.stations = true;
    else delete block.stations;
    this.touch(`blocks.${b}.stations`);
  }

  /** Saves when valid; otherwise shows every message and saves nothing. Returns the saved circuit. */
  async save(persist: (c: Circuit) => Promise<Circuit>): Promise<Circuit | null> {
    this.submitted = true;
    this.saveError = null;
    if (this.issues.length > 0) return null;
    this.saving = true;
    try {
      return await persist($state.snapshot(this.draft) as Circuit);
    } catch (err) {
      this.saveError = err instanceof Error ? err.message : String(err);
      return null;
    } finally {
      this.saving = false;
    }
  }
}

function move<T>(list: T[], from: number, by: -1 | 1): void {
  const to = from + by;
  if (to < 0 || to >= list.length) return;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item!);
}
