// What a run actually did, segment by segment, from the same replay that derives its state:
// the finish screen's summary now, and the log's rounds later.
import { deriveState, type LeaveReason, type RunLog } from './runner';
import type { Segment, SegmentPosition, Timeline } from './timeline';

export interface SegmentSpan {
  segment: Segment;
  /** Active time spent in this visit to the segment, ms. */
  spentMs: number;
  how: LeaveReason;
}

export interface RoundTally {
  block: number;
  blockName: string;
  roundsDone: number;
  rounds: number;
}

export interface RunSummary {
  /** Reached the end with at least one exercise done. */
  completed: boolean;
  /** Reached the end, however (skipping counts). */
  reachedEnd: boolean;
  activeMs: number;
  pausedMs: number;
  workMs: number;
  /** Steps (one per round; both sides of a per-side step are one) whose time ran out or were marked done. */
  exercisesDone: number;
  exercisesSkipped: number;
  exercisesPlanned: number;
  rounds: RoundTally[];
  spans: SegmentSpan[];
}

/** Summarises a run as of clock instant `at` (its end, or when it was stopped). */
export function summarizeRun(timeline: Timeline, log: RunLog, at: number): RunSummary {
  const spans: SegmentSpan[] = [];
  const state = deriveState(timeline, log, at, (index, enteredAt, leftAt, how) => {
    spans.push({ segment: timeline.segments[index]!, spentMs: leftAt - enteredAt, how });
  });

  // An exercise is one step of one round: both sides of a per-side step make one exercise.
  const stepKey = (seg: Segment) => `${seg.position!.block}:${seg.position!.round}:${seg.position!.step}`;
  const sidesOf = new Map<string, number>();
  for (const seg of timeline.segments)
    if (seg.kind === 'work') sidesOf.set(stepKey(seg), (sidesOf.get(stepKey(seg)) ?? 0) + 1);

  // Each work segment counts once, however often it was revisited; done beats skipped.
  const segmentDone = new Map<number, boolean>();
  for (const s of spans) {
    if (s.segment.kind !== 'work' || s.how === 'back') continue;
    segmentDone.set(s.segment.index, segmentDone.get(s.segment.index) === true || s.how === 'time' || s.how === 'done');
  }
  const stepOutcome = new Map<string, { left: number; done: number; last: Segment }>();
  for (const [index, done] of segmentDone) {
    const seg = timeline.segments[index]!;
    const o = stepOutcome.get(stepKey(seg)) ?? { left: 0, done: 0, last: seg };
    o.left++;
    if (done) o.done++;
    if (seg.index > o.last.index) o.last = seg;
    stepOutcome.set(stepKey(seg), o);
  }
  // Done when every side was done; skipped when every side was left but one was skipped.
  const finishedSteps = [...stepOutcome].filter(([key, o]) => o.left === sidesOf.get(key));
  const done = finishedSteps.filter(([, o]) => o.done === o.left).length;

  const rounds = new Map<number, RoundTally>();
  for (const seg of timeline.segments) {
    const p = seg.position;
    if (p && !rounds.has(p.block))
      rounds.set(p.block, { block: p.block, blockName: p.blockName, roundsDone: 0, rounds: p.rounds });
  }
  // A round is done when its last step has been left forwards and something in it was done:
  // a round skipped through from end to end was not done.
  const roundKey = (p: SegmentPosition) => `${p.block}:${p.round}`;
  const roundsWithWork = new Set(
    finishedSteps.filter(([, o]) => o.done > 0).map(([, o]) => roundKey(o.last.position!)),
  );
  for (const [, o] of finishedSteps) {
    const p = o.last.position!;
    if (p.step === p.steps - 1 && roundsWithWork.has(roundKey(p))) rounds.get(p.block)!.roundsDone++;
  }

  return {
    // Reaching the end by skipping everything is not completing the workout.
    completed: state.status === 'finished' && done > 0,
    reachedEnd: state.status === 'finished',
    activeMs: state.activeMs,
    pausedMs: state.pausedMs,
    workMs:
      spans.reduce((sum, s) => sum + (s.segment.kind === 'work' ? s.spentMs : 0), 0) +
      (state.segment?.kind === 'work' ? state.elapsedMs : 0),
    exercisesDone: done,
    exercisesSkipped: finishedSteps.length - done,
    exercisesPlanned: sidesOf.size,
    rounds: [...rounds.values()],
    spans,
  };
}
