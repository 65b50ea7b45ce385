// Compiles a circuit into a flat timeline of segments with nominal start and duration, so the
// runner only has to locate an instant on it. Refuses circuits that break the rules.
import { stepTiming, type Circuit, type ExerciseSnapshot } from './model';
import { InvalidCircuitError, validateCircuit } from './validate';

export type SegmentKind = 'prep' | 'warmup' | 'work' | 'rest' | 'roundRest' | 'switch' | 'cooldown';

export interface SegmentPosition {
  block: number;
  blocks: number;
  blockName: string;
  round: number;
  rounds: number;
  step: number;
  steps: number;
}

export interface Segment {
  index: number;
  kind: SegmentKind;
  /** Nominal start in ms from the start of the workout (tap-when-done segments count as 0 ms). */
  start: number;
  /** Length in ms, or null for a "tap when done" segment that lasts until tapped. */
  duration: number | null;
  label: string;
  /** The exercise being done (work), or about to be resumed (switch sides). */
  exercise: ExerciseSnapshot | null;
  side: 'left' | 'right' | null;
  reps: number | null;
  /** Where in the circuit this is; null for get-ready, warm-up and cool-down. */
  position: SegmentPosition | null;
  /** Index of the next work segment after this one, or null when none is left. */
  nextWork: number | null;
}

export interface Timeline {
  circuitId: string;
  name: string;
  segments: Segment[];
  /** Sum of every timed segment, ms. */
  totalMs: number;
  workMs: number;
  /** How many segments wait for a tap (their time adds to the total as it happens). */
  untilTapCount: number;
}

const SIDE_LABEL = { left: 'left side', right: 'right side' } as const;

export function compileCircuit(circuit: Circuit): Timeline {
  const issues = validateCircuit(circuit);
  if (issues.length > 0) throw new InvalidCircuitError(issues);

  const segments: Segment[] = [];
  let cursor = 0;
  const push = (seg: Omit<Segment, 'index' | 'start' | 'nextWork'>) => {
    segments.push({ ...seg, index: segments.length, start: cursor, nextWork: null });
    cursor += seg.duration ?? 0;
  };
  const plain = (kind: SegmentKind, seconds: number, label: string, position: SegmentPosition | null = null) => {
    if (seconds > 0) push({ kind, duration: seconds * 1000, label, exercise: null, side: null, reps: null, position });
  };

  plain('prep', circuit.prepSeconds, 'Get ready');
  plain('warmup', circuit.warmUpSeconds, 'Warm-up');

  const blocks = circuit.blocks;
  blocks.forEach((block, b) => {
    for (let round = 1; round <= block.rounds; round++) {
      block.steps.forEach((step, s) => {
        const position: SegmentPosition = {
          block: b,
          blocks: blocks.length,
          blockName: block.name.trim(),
          round,
          rounds: block.rounds,
          step: s,
          steps: block.steps.length,
        };
        const { workSeconds, restSeconds } = stepTiming(block, step);
        const name = step.exercise.name.trim();
        const work = (duration: number | null, side: 'left' | 'right' | null) =>
          push({
            kind: 'work',
            duration,
            label: side ? `${name} — ${SIDE_LABEL[side]}` : name,
            exercise: step.exercise,
            side,
            reps: step.reps,
            position,
          });
        const workMs = step.mode === 'reps' ? null : workSeconds * 1000;
        if (step.exercise.perSide) {
          // Each side gets half of the work time in whole seconds (the first side takes an odd
          // second); a reps step asks for the target on each side.
          const first = workMs === null ? null : Math.ceil(workSeconds / 2) * 1000;
          work(first, 'left');
          if (circuit.switchSidesSeconds > 0)
            push({
              kind: 'switch',
              duration: circuit.switchSidesSeconds * 1000,
              label: 'Switch sides',
              exercise: step.exercise,
              side: 'right',
              reps: null,
              position,
            });
          work(workMs === null ? null : workMs - first!, 'right');
        } else {
          work(workMs, null);
        }

        const lastStep = s === block.steps.length - 1;
        if (!lastStep) plain('rest', restSeconds, 'Rest', position);
        else if (round < block.rounds) {
          // The round rest replaces the last step's own rest; with none set, that rest is kept.
          const roundRest = block.restBetweenRoundsSeconds > 0 ? block.restBetweenRoundsSeconds : restSeconds;
          plain('roundRest', roundRest, 'Round rest', position);
        } else if (b < blocks.length - 1) {
          plain('roundRest', block.restAfterSeconds, 'Rest before next block', position);
        }
      });
    }
  });

  plain('cooldown', circuit.coolDownSeconds, 'Cool-down');

  let nextWork: number | null = null;
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i]!;
    seg.nextWork = nextWork;
    if (seg.kind === 'work') nextWork = i;
  }

  return {
    circuitId: circuit.id,
    name: circuit.name.trim(),
    segments,
    totalMs: cursor,
    workMs: segments.reduce((sum, seg) => sum + (seg.kind === 'work' ? (seg.duration ?? 0) : 0), 0),
    untilTapCount: segments.filter((seg) => seg.duration === null).length,
  };
}
