// Look-ahead scheduling, as metronomes do: on every tick, every cue due within the horizon is
// placed on the audio clock at its exact instant. Cues whose instant moved (pause, skip, back,
// +10 s) are stopped and placed again; a cue is never placed twice.
import type { RunState } from '../engine/runner';
import type { Timeline } from '../engine/timeline';
import { dueCues, type CueOptions } from './cue-plan';
import type { CueSound } from './sprite';

/** The sound output, as the scheduler sees it: an audio clock and sounds started at a given instant. */
export interface CueOutput {
  /**
   * Whether the audio clock runs. A suspended one (a phone call, iOS, a tab the browser quietens)
   * stands still, so a cue placed on it would sound late by the whole suspension.
   */
  running(): boolean;
  /** The audio clock now, seconds. */
  currentTime(): number;
  /** The audio-clock instant (s) that will be heard at monotonic-clock instant `clockMs`. */
  toAudioTime(clockMs: number): number;
  /**
   * Starts `sound` at audio-clock instant `when` (s); the handle stops it if it has not played yet.
   * Null when it cannot be placed (the sounds are not decoded yet): it is tried again on the next tick.
   */
  play(sound: CueSound, when: number): { stop(): void } | null;
}

interface Placed {
  sound: CueSound;
  /** The cue's instant on the monotonic clock: it moved only if this changed. */
  at: number;
  when: number;
  handle: { stop(): void };
}

/** A cue placed less than this before its instant is on time; later than this, it is dropped as missed. */
const LATE_S = 0.05;
/** A cue whose instant moved less than this has not moved (float noise). */
const SAME_MS = 0.001;

export class CueScheduler {
  private placed = new Map<string, Placed>();

  constructor(
    private readonly out: CueOutput,
    private options: CueOptions,
  ) {}

  setOptions(options: CueOptions): void {
    this.options = options;
  }

  /** Places every cue due from now to now + horizon; cancels placed cues that are no longer due. */
  update(timeline: Timeline, state: RunState, now: number, horizonMs: number): void {
    if (state.status === 'finished') return; // what was placed for the end (the finish sound) plays out
    if (!this.out.running()) {
      // Nothing placed can sound on time: cancel it, place nothing, and plan afresh once the clock runs.
      this.stop();
      return;
    }
    const audioNow = this.out.currentTime();
    const due = dueCues(timeline, state, now - LATE_S * 1000, now + horizonMs, this.options);
    const keep = new Set<string>();
    for (const cue of due) {
      keep.add(cue.key);
      const when = this.out.toAudioTime(cue.at);
      const already = this.placed.get(cue.key);
      if (already) {
        // Compared on the monotonic clock: jitter in the audio-clock mapping must not move a cue.
        if (Math.abs(already.at - cue.at) < SAME_MS || already.when <= audioNow) continue; // in place, or sounding
        already.handle.stop();
      } else if (when < audioNow - LATE_S) {
        keep.delete(cue.key); // too late to be a cue: silence beats a pip out of time
        continue;
      }
      const handle = this.out.play(cue.sound, Math.max(when, audioNow));
      if (handle) this.placed.set(cue.key, { sound: cue.sound, at: cue.at, when, handle });
      else this.placed.delete(cue.key); // not placed: the next tick tries again, if it is still on time
    }
    for (const [key, placed] of this.placed) {
      if (keep.has(key)) continue;
      // Not due any more: cancel it if it has not started; forget it once it has long played.
      if (placed.when > audioNow) {
        placed.handle.stop();
        this.placed.delete(key);
      } else if (placed.when < audioNow - 10) this.placed.delete(key);
    }
  }

  /** Cancels everything not yet played (leaving the run screen). */
  stop(): void {
    const audioNow = this.out.currentTime();
    for (const placed of this.placed.values()) if (placed.when > audioNow) placed.handle.stop();
    this.placed.clear();
  }
}
