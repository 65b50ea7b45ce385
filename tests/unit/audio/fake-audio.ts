// An audio output on the fake clock, for the scheduler and cue-loop tests: it records every placement
// and whether it was stopped, on an audio clock with its own origin. And what a run should sound like.
import { expect } from 'vitest';
import type { FakeClock } from '../../../src/engine/clock';
import type { Timeline } from '../../../src/engine/timeline';
import { ALL_CUES, segmentCues } from '../../../src/audio/cue-plan';
import type { CueOutput } from '../../../src/audio/scheduler';
import type { CueSound } from '../../../src/audio/sprite';

/** The audio clock runs on its own origin: 123.456 s when the monotonic clock reads 0. */
export const AUDIO_OFFSET_S = 123.456;

export class FakeAudio implements CueOutput {
  placements: { sound: CueSound; when: number; stopped: boolean }[] = [];
  /** Audio-clock origin (s at clock 0) of each stretch of the audio clock, from the audio instant it began. */
  private epochs = [{ from: -Infinity, offset: AUDIO_OFFSET_S }];
  private frozenAt: number | null = null;
  /** Whether the sprite is decoded: until it is, nothing can be placed. */
  loaded = true;
  constructor(private readonly clock: FakeClock) {}
  private get offset() {
    return this.epochs.at(-1)!.offset;
  }
  running() {
    return this.frozenAt === null;
  }
  currentTime() {
    return this.frozenAt ?? this.clock.now() / 1000 + this.offset;
  }
  /** While suspended, the last pairing of audio and clock instants stands, as the output timestamp's does. */
  toAudioTime(clockMs: number) {
    return clockMs / 1000 + this.offset;
  }
  play(sound: CueSound, when: number) {
    if (!this.loaded) return null;
    const p = { sound, when, stopped: false };
    this.placements.push(p);
    return { stop: () => void (p.stopped = true) };
  }
  /** The browser suspends the context: its clock stands still. */
  suspend() {
    this.frozenAt = this.currentTime();
  }
  /** The context runs again, its clock on from where it stood. */
  resume() {
    if (this.frozenAt === null) return;
    this.epochs.push({ from: this.frozenAt, offset: this.frozenAt - this.clock.now() / 1000 });
    this.frozenAt = null;
  }
  /** Placements made more than once: the same sound at the same instant. */
  placedTwice() {
    const seen = new Set<string>();
    return this.placements
      .map((p) => `${p.sound}@${Math.round(p.when * 1e9)}`)
      .filter((key) => seen.has(key) || !seen.add(key));
  }
  /** What is heard: placements not stopped, as clock instants (ms) to the nanosecond, past float noise. */
  heard() {
    return this.placements
      .filter((p) => !p.stopped)
      .map((p) => {
        const { offset } = this.epochs.filter((e) => e.from <= p.when).at(-1)!;
        return { sound: p.sound, at: Math.round((p.when - offset) * 1e9) / 1e6 };
      });
  }
}

/**
 * Every cue of segment `from` onwards at its ideal clock instant, uninterrupted from `startedAt` (the
 * whole run from segment 0; from a skip or back, the rest of it from the segment it went to).
 */
export function idealCues(timeline: Timeline, startedAt: number, from = 0) {
  const origin = timeline.segments[from]?.start ?? 0;
  return timeline.segments.flatMap((seg, i) =>
    i < from
      ? []
      : segmentCues(timeline, i, ALL_CUES).map((cue) => ({
          sound: cue.sound,
          at: startedAt + seg.start - origin + (cue.from === 'start' ? 0 : seg.duration!) + cue.offsetMs,
        })),
  );
}

/** The cues heard are the ideal ones, in order, each to a nanosecond. */
export function expectHeard(heard: { sound: CueSound; at: number }[], ideal: { sound: CueSound; at: number }[]) {
  expect(heard.map((c) => c.sound)).toEqual(ideal.map((c) => c.sound));
  heard.forEach((c, i) => expect(c.at).toBeCloseTo(ideal[i]!.at, 6));
}
