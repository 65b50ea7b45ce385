// The circuit model: plain, serialisable data that the editor edits, storage keeps and the
// compiler turns into a timeline. Durations here are whole seconds, as people enter them.

export const CIRCUIT_SCHEMA_VERSION = 1;

/** A snapshot of an exercise as used in a circuit, so a circuit is self-contained. */
export interface ExerciseSnapshot {
  /** Id in the exercise library, or null for a custom exercise. */
  id: string | null;
  name: string;
  /** Done one side at a time: the step splits into left and right halves. */
  perSide: boolean;
  /** Short form tips shown during work. */
  tips: string[];
}

export type StepMode = 'time' | 'reps';

export interface Step {
  id: string;
  exercise: ExerciseSnapshot;
  /** 'time' runs for workSeconds; 'reps' waits for a tap ("tap when done"). */
  mode: StepMode;
  workSeconds: number;
  /** Rep target: required in 'reps' mode, an optional goal in 'time' mode. */
  reps: number | null;
  /** Rest after this step (0 = none). The last step's rest gives way to the round rest. */
  restSeconds: number;
}

export const RATIOS = ['1:2', '1:1', '2:1', '3:1'] as const;
export type Ratio = (typeof RATIOS)[number];

/** Work/rest entered as a ratio of an interval, e.g. 2:1 × 60 s → 40 s work, 20 s rest. */
export interface Pace {
  ratio: Ratio;
  intervalSeconds: number;
}

export interface Block {
  id: string;
  name: string;
  steps: Step[];
  rounds: number;
  /** Rest after each round; when 0 the last step's own rest is used. */
  restBetweenRoundsSeconds: number;
  /** Rest after the block's last round, before the next block (0 = none; unused for the last block). */
  restAfterSeconds: number;
  /** When set, every timed step of the block takes its work and rest from the pace. */
  pace: Pace | null;
  /**
   * Run as stations: step i is station i+1, everyone works at once (one station each) and moves
   * one station on at each rest. Absent means false, so circuits stored before it stay valid.
   */
  stations?: boolean;
}

export type Level = 'beginner' | 'intermediate' | 'advanced';

export interface Circuit {
  schemaVersion: typeof CIRCUIT_SCHEMA_VERSION;
  id: string;
  name: string;
  description: string;
  /** Countdown before the first segment (0 = none). */
  prepSeconds: number;
  warmUpSeconds: number;
  coolDownSeconds: number;
  /** Length of the "switch sides" moment between halves of a per-side step. */
  switchSidesSeconds: number;
  blocks: Block[];
  /** Set on presets (stable id of the preset it is, or was copied from). */
  presetId?: string;
  level?: Level;
  createdAt?: number;
  updatedAt?: number;
}

/** Limits shared by the editor, the compiler and every import edge. */
export const LIMITS = {
  minWorkSeconds: 1,
  maxSeconds: 2 * 60 * 60,
  minRounds: 1,
  maxRounds: 99,
  minReps: 1,
  maxReps: 999,
  minName: 1,
  maxName: 80,
  maxDescription: 500,
  maxSwitchSidesSeconds: 60,
  maxTips: 5,
  maxTipLength: 200,
  maxBlocks: 20,
  maxStepsPerBlock: 50,
} as const;

/** Splits an interval by a work:rest ratio into whole seconds (work rounded, rest the remainder). */
export function splitPace(pace: Pace): { workSeconds: number; restSeconds: number } {
  const [w, r] = pace.ratio.split(':').map(Number) as [number, number];
  const workSeconds = Math.round((pace.intervalSeconds * w) / (w + r));
  return { workSeconds, restSeconds: pace.intervalSeconds - workSeconds };
}

/** The work and rest a step really runs for, honouring its block's pace. */
export function stepTiming(block: Block, step: Step): { workSeconds: number; restSeconds: number } {
  if (block.pace && step.mode === 'time') return splitPace(block.pace);
  if (block.pace) return { workSeconds: step.workSeconds, restSeconds: splitPace(block.pace).restSeconds };
  return { workSeconds: step.workSeconds, restSeconds: step.restSeconds };
}
