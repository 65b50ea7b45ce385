// An audio output on the fake clock, for the scheduler and cue-loop tests: it records every placement
// and whether it was stopped, on an audio clock with its own origin.
import type { FakeClock } from '../../../src/engine/clock';
import type { CueOutput } from '../../../src/audio/scheduler';
import type { CueSound } from '../../../src/audio/sprite';

/** The audio clock runs on its own origin: 123.456 s when the monotonic clock reads 0. */
export const AUDIO_OFFSET_S = 123.456;

export class FakeAudio implements CueOutput {
  placements: { sound: CueSound; when: number; stopped: boolean }[] = [];
  constructor(private readonly clock: FakeClock) {}
  currentTime() {
    return this.clock.now() / 1000 + AUDIO_OFFSET_S;
  }
  toAudioTime(clockMs: number) {
    return clockMs / 1000 + AUDIO_OFFSET_S;
  }
  play(sound: CueSound, when: number) {
    const p = { sound, when, stopped: false };
    this.placements.push(p);
    return { stop: () => void (p.stopped = true) };
  }
  /** What is heard: placements not stopped, as clock instants (ms) to the nanosecond, past float noise. */
  heard() {
    return this.placements
      .filter((p) => !p.stopped)
      .map((p) => ({ sound: p.sound, at: Math.round((p.when - AUDIO_OFFSET_S) * 1e9) / 1e6 }));
  }
}
