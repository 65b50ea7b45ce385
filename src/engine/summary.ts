// What a run actually did, segment by segment, from the same replay that derives its state:
// the finish screen's summary now, and the log's rounds later.
import { deriveState, type LeaveReason, type RunLog } from './runner';
import type { Segment, Timeline } from './timeline';

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
  completed: boolean;
  activeMs: number;
  pausedMs: number;
  workMs: number;
  /** Work segments whose time ran out or that were marked done. */
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

  const work = spans.filter((s) => s.segment.kind === 'work' && s.how !== 'back');
  // A work segment counts once, however often it was revisited; done beats skipped.
  const outcome = new Map<number, LeaveReason>();
  for (const s of work)
    if (outcome.get(s.segment.index) !== 'time' && outcome.get(s.segment.index) !== 'done')
      outcome.set(s.segment.index, s.how);
  const done = [...outcome.values()].filter((how) => how === 'time' || how === 'done').length;

  const rounds = new Map<number, RoundTally>();
  for (const seg of timeline.segments) {
    const p = seg.position;
    if (p && !rounds.has(p.block))
      rounds.set(p.block, { block: p.block, blockName: p.blockName, roundsDone: 0, rounds: p.rounds });
  }
  // A round is done when the last work segment of that round has been left forwards.
  for (const [index] of outcome) {
    const seg = timeline.segments[index]!;
    const p = seg.position!;
    const lastOfRound = p.step === p.steps - 1 && seg.side !== 'left';
    if (lastOfRound) rounds.get(p.block)!.roundsDone++;
  }

  return {
    completed: state.status === 'finished',
    activeMs: state.activeMs,
    pausedMs: state.pausedMs,
    workMs:
      spans.reduce((sum, s) => sum + (s.segment.kind === 'work' ? s.spentMs : 0), 0) +
      (state.segment?.kind === 'work' ? state.elapsedMs : 0),
    exercisesDone: done,
    exercisesSkipped: outcome.size - done,
    exercisesPlanned: timeline.segments.filter((s) => s.kind === 'work').length,
    rounds: [...rounds.values()],
    spans,
  };
}
