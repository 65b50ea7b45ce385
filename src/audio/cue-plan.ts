// Which sound plays at which instant: pure functions from the timeline and the runner's state to
// cue instants on the monotonic clock. The scheduler puts them on the audio clock.
import type { RunState } from '../engine/runner';
import type { Segment, Timeline } from '../engine/timeline';
import type { CueSound } from './sprite';

export interface CueOptions {
  /** Work-start, rest-start and switch-sides tones. */
  phaseTones: boolean;
  /** 3-2-1 pips before each part ends. */
  countdown: boolean;
  /** A chime halfway through work of 20 s or more. */
  halfway: boolean;
  /** A marker at the start of each block's last round. */
  lastRound: boolean;
  /** The finish sound when the workout ends. */
  finish: boolean;
}

export const ALL_CUES: CueOptions = { phaseTones: true, countdown: true, halfway: true, lastRound: true, finish: true };

/** A sound of one segment, placed from its start or from its (possibly extended) end. */
export interface SegmentCue extends Placement {
  sound: CueSound;
}

/** A cue at a clock instant, with a key that names this cue of this visit to its segment. */
export interface TimedCue {
  key: string;
  sound: CueSound;
  segment: number;
  /** Monotonic-clock instant, ms. */
  at: number;
}

const COUNTDOWN_KINDS = new Set(['prep', 'work', 'rest', 'roundRest', 'switch']);
const HALFWAY_MIN_MS = 20_000;

/**
 * When a part's 3-2-1 pips sound, in seconds before its end, first pip first: 3, 2 and 1 where each
 * clears the part's own start tone by a second. The voice times its lines and its cut from this too.
 */
export function countdownPips(seg: Pick<Segment, 'kind' | 'duration'>): number[] {
  if (seg.duration === null || !COUNTDOWN_KINDS.has(seg.kind)) return [];
  const duration = seg.duration;
  return [3, 2, 1].filter((s) => duration - s * 1000 >= 1000);
}

/** The cues of segment `index`, in order. */
export function segmentCues(timeline: Timeline, index: number, options: CueOptions): SegmentCue[] {
  const seg = timeline.segments[index];
  if (!seg) return [];
  const cues: SegmentCue[] = [];
  const p = seg.position;
  const lastRoundStarts =
    seg.kind === 'work' && p !== null && p.rounds > 1 && p.round === p.rounds && p.step === 0 && seg.side !== 'right';
  if (lastRoundStarts && options.lastRound)
    cues.push({ name: 'lastRound', sound: 'lastRound', from: 'start', offsetMs: 0 });
  else if (options.phaseTones) {
    const tone: Partial<Record<typeof seg.kind, CueSound>> = {
      work: 'workStart',
      rest: 'restStart',
      roundRest: 'restStart',
      warmup: 'restStart',
      cooldown: 'restStart',
      switch: 'switchSides',
    };
    const sound = tone[seg.kind];
    if (sound) cues.push({ name: 'start', sound, from: 'start', offsetMs: 0 });
  }
  if (seg.duration === null) return cues; // waits for a tap: nothing can be timed against its end

  if (options.halfway && seg.kind === 'work' && seg.duration >= HALFWAY_MIN_MS)
    cues.push({ name: 'halfway', sound: 'halfway', from: 'start', offsetMs: Math.round(seg.duration / 2) });
  if (options.countdown)
    for (const s of countdownPips(seg)) cues.push({ name: `pip${s}`, sound: 'pip', from: 'end', offsetMs: -s * 1000 });
  if (options.finish && index === timeline.segments.length - 1)
    cues.push({ name: 'finish', sound: 'finish', from: 'end', offsetMs: 0 });
  return cues;
}

/** Anything placed against a segment's start or end: a sound, a spoken line, a vibration. */
export interface Placement {
  name: string;
  from: 'start' | 'end';
  offsetMs: number;
}

/**
 * Every placement due in [from, until) on the clock, projected from the state at `now` as if nothing
 * is pressed: the current segment's (its end includes any extension), then the segments after it
 * back to back, up to a segment that waits for a tap. Nothing is due unless the run is running, or
 * its start is scheduled ahead (a class link: the first cues are placed before the start).
 * Keys name one placement of one visit to its segment, so a re-plan recognises what it placed.
 */
export function project<P extends Placement>(
  timeline: Timeline,
  state: RunState,
  from: number,
  until: number,
  placementsOf: (index: number) => P[],
): (P & { key: string; segment: number; at: number })[] {
  if (state.segmentStartedAt === null) return [];
  const out: (P & { key: string; segment: number; at: number })[] = [];
  let start = state.segmentStartedAt;
  for (let i = state.index; i < timeline.segments.length && start < until; i++) {
    const length = i === state.index ? state.durationMs : timeline.segments[i]!.duration;
    for (const p of placementsOf(i)) {
      if (p.from === 'end' && length === null) continue;
      const at = p.from === 'start' ? start + p.offsetMs : start + length! + p.offsetMs;
      if (at >= from && at < until) out.push({ ...p, key: `${i}@${start}:${p.name}`, segment: i, at });
    }
    if (length === null) break;
    start += length;
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Every sound cue due in [from, until) on the clock (see `project`). */
export function dueCues(
  timeline: Timeline,
  state: RunState,
  from: number,
  until: number,
  options: CueOptions,
): TimedCue[] {
  return project(timeline, state, from, until, (i) => segmentCues(timeline, i, options)).map(
    ({ key, sound, segment, at }) => ({
      key,
      sound,
      segment,
      at,
    }),
  );
}
