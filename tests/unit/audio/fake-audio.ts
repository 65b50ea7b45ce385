// An audio output on the fake clock, for the scheduler and cue-loop tests: it records every placement
// and whether it was stopped, on an audio clock with its own origin.
import type { FakeClock } from '../../../src/engine/clock';
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
