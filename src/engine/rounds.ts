// The rounds a run has completed, with what each exercise actually took: derived from the same
// replay as the state, so the log can write each round as it completes and, after a reload, derive
// the very same rounds again (and skip those already written).
import type { Circuit } from './model';
import { deriveState, type LeaveReason, type RunLog } from './runner';
import type { Segment, Timeline } from './timeline';

export interface ExerciseOutcome {
  stepId: string;
  exerciseId: string | null;
  name: string;
  perSide: boolean;
  /** Planned work, both sides; null for a "tap when done" step. */
  plannedWorkMs: number | null;
  /** Active work time spent, both sides, every visit. */
  workMs: number;
  plannedRestMs: number;
  /** Active time spent in the rest after it (the last step's rest belongs to the round, not here). */
  restMs: number;
  outcome: 'done' | 'skipped';
}

export interface CompletedRound {
  blockIndex: number;
  blockId: string;
  blockName: string;
  /** 1-based. */
  round: number;
  rounds: number;
  exercises: ExerciseOutcome[];
  /** Clock instant the round completed: its last exercise was left forwards. */
  completedAt: number;
}

interface Visit {
  spentMs: number;
  /** Clock instant. */
  leftAt: number;
  how: LeaveReason;
}

/**
 * Every round completed by clock instant `at`, in the order they completed. A round is complete
 * when each of its steps has been left forwards (time up, done or skipped) and at least one was
 * done: skipping through a whole round does not log it.
 */
export function completedRounds(circuit: Circuit, timeline: Timeline, log: RunLog, at: number): CompletedRound[] {
  const visits = new Map<number, Visit[]>();
  deriveState(timeline, log, at, (index, enteredAt, leftAt, how, clockAt) => {
    const list = visits.get(index) ?? [];
    list.push({ spentMs: leftAt - enteredAt, leftAt: clockAt, how });
    visits.set(index, list);
  });

  // The segments of each round, step by step.
  const rounds = new Map<string, { block: number; round: number; rounds: number; steps: Segment[][] }>();
  for (const seg of timeline.segments) {
    const p = seg.position;
    if (!p) continue;
    const key = `${p.block}/${p.round}`;
    let entry = rounds.get(key);
    if (!entry) {
      entry = { block: p.block, round: p.round, rounds: p.rounds, steps: Array.from({ length: p.steps }, () => []) };
      rounds.set(key, entry);
    }
    entry.steps[p.step]!.push(seg);
  }

  const completed: CompletedRound[] = [];
  for (const { block, round, rounds: roundCount, steps } of rounds.values()) {
    const blockData = circuit.blocks[block]!;
    const exercises: ExerciseOutcome[] = [];
    let completedAt = -Infinity;
    let complete = true;
    for (const [s, segments] of steps.entries()) {
      const work = segments.filter((seg) => seg.kind === 'work');
      // Each side must have been left forwards at least once; its first forward leave counts.
      const forward = work.map((seg) => (visits.get(seg.index) ?? []).find((v) => v.how !== 'back'));
      if (forward.some((v) => v === undefined)) {
        complete = false;
        break;
      }
      const done = forward.every((v) => v!.how === 'time' || v!.how === 'done');
      if (s === steps.length - 1) completedAt = Math.max(...forward.map((v) => v!.leftAt));
      const spent = (list: Segment[]) =>
        list.reduce((sum, seg) => sum + (visits.get(seg.index) ?? []).reduce((t, v) => t + v.spentMs, 0), 0);
      const rest = segments.filter((seg) => seg.kind === 'rest');
      const step = blockData.steps[s]!;
      exercises.push({
        stepId: step.id,
        exerciseId: step.exercise.id,
        name: step.exercise.name.trim(),
        perSide: step.exercise.perSide,
        plannedWorkMs: work.some((seg) => seg.duration === null)
          ? null
          : work.reduce((sum, seg) => sum + seg.duration!, 0),
        workMs: spent(work),
        plannedRestMs: rest.reduce((sum, seg) => sum + (seg.duration ?? 0), 0),
        restMs: spent(rest),
        outcome: done ? 'done' : 'skipped',
      });
    }
    if (!complete || !exercises.some((e) => e.outcome === 'done')) continue;
    completed.push({
      blockIndex: block,
      blockId: blockData.id,
      blockName: blockData.name.trim(),
      round,
      rounds: roundCount,
      exercises,
      completedAt,
    });
  }
  return completed.sort((a, b) => a.completedAt - b.completedAt);
}
