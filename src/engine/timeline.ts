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
  /**
   * In a station block, the stations and which interval this is: set on its work segments and on
   * the rests between them (where everyone rotates); null elsewhere, including the rest before the
   * next block (nobody rotates there).
   */
  station: StationInfo | null;
}

/** Where a station block is: the stations, and this interval of it. */
export interface StationInfo {
  /** Station names in order: station i+1 does names[i]. */
  names: string[];
  /** 1-based number of this interval in the block (each interval everyone works once): 1 … intervals. */
  interval: number;
  /** Intervals in the block: stations × rounds. */
  intervals: number;
}

/**
 * The 0-based station where the group that started at station `group` (0-based) works during this
 * interval: everyone moves one station on after each interval, wrapping from the last to the first.
 * During a rotate rest it is the station just worked.
 */
export function stationOf(group: number, info: StationInfo): number {
  const n = info.names.length;
  return (((group + info.interval - 1) % n) + n) % n;
}

/** Rotations still to come after this interval's work (0 in the last interval). */
export function rotationsLeft(info: StationInfo): number {
  return info.intervals - info.interval;
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
  const push = (seg: Omit<Segment, 'index' | 'start' | 'nextWork' | 'station'>, station: StationInfo | null = null) => {
    segments.push({ ...seg, index: segments.length, start: cursor, nextWork: null, station });
    cursor += seg.duration ?? 0;
  };
  const plain = (
    kind: SegmentKind,
    seconds: number,
    label: string,
    position: SegmentPosition | null = null,
    station: StationInfo | null = null,
  ) => {
    if (seconds > 0)
      push({ kind, duration: seconds * 1000, label, exercise: null, side: null, reps: null, position }, station);
  };

  plain('prep', circuit.prepSeconds, 'Get ready');
  plain('warmup', circuit.warmUpSeconds, 'Warm-up');

  const blocks = circuit.blocks;
  blocks.forEach((block, b) => {
    // A station block is laid out as the group that starts at station 1 does it; the others do the
    // same intervals one or more stations on, so every segment holds for everyone.
    const stations = block.stations === true;
    const names = stations ? block.steps.map((step) => step.exercise.name.trim()) : [];
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
        const station: StationInfo | null = stations
          ? { names, interval: (round - 1) * block.steps.length + s + 1, intervals: block.rounds * block.steps.length }
          : null;
        const work = (duration: number | null, side: 'left' | 'right' | null) =>
          push(
            {
              kind: 'work',
              duration,
              label: station
                ? `Stations — interval ${station.interval}/${station.intervals}`
                : side
                  ? `${name} — ${SIDE_LABEL[side]}`
                  : name,
              exercise: step.exercise,
              side,
              reps: step.reps,
              position,
            },
            station,
          );
        const workMs = step.mode === 'reps' ? null : workSeconds * 1000;
        // At a station the others keep working, so a per-side exercise is not halved with a pause:
        // each person switches sides when it suits them.
        if (step.exercise.perSide && !station) {
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
        if (!lastStep) plain('rest', restSeconds, station ? 'Rotate' : 'Rest', position, station);
        else if (round < block.rounds) {
          // The round rest replaces the last step's own rest; with none set, that rest is kept.
          const roundRest = block.restBetweenRoundsSeconds > 0 ? block.restBetweenRoundsSeconds : restSeconds;
          plain('roundRest', roundRest, station ? 'Rotate — round rest' : 'Round rest', position, station);
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
