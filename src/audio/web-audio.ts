// Cue output on the Web Audio clock. howler gives the one shared AudioContext, its master gain
// (volume, mute) and unlocking on the first gesture; howler's play() can only start a sound now,
// so each cue is an AudioBufferSourceNode of our own, started at its exact instant.
import { Howl, Howler } from 'howler';
import { SPRITE, SPRITE_URL, howlerSprite, type CueSound } from './sprite';
import type { CueOutput } from './scheduler';

export class WebAudioCues implements CueOutput {
  private buffer: AudioBuffer | null = null;
  private readonly sprite: Howl;

  constructor() {
    // howler suspends its context after 30 s without a sound of its own; our cues are not its own.
    Howler.autoSuspend = false;
    // Creating the Howl sets up howler's AudioContext (ahead of the Start tap, suspended until the tap resumes
    // it: run-sound.ts). It is not loaded yet: a run decodes the sprite itself (load()), and decoding it twice
    // would cost a run's start.
    this.sprite = new Howl({ src: [SPRITE_URL], sprite: howlerSprite(), preload: false });
  }

  /** The sprite as a howler sound, for one-off sounds such as a "test sound" button; loaded on first use. */
  get howl(): Howl {
    if (this.sprite.state() === 'unloaded') this.sprite.load();
    return this.sprite;
  }

  get context(): AudioContext {
    return Howler.ctx;
  }

  /** Decodes the sprite once for scheduling; until then no cue is placed, and each is tried on the next tick. */
  async load(): Promise<void> {
    const response = await fetch(SPRITE_URL);
    if (!response.ok) throw new Error(`The cue sounds could not be loaded (${response.status}).`);
    this.buffer = await this.context.decodeAudioData(await response.arrayBuffer());
  }

  /** Resumes a suspended or interrupted context (needs a user gesture on phones). */
  async resume(): Promise<void> {
    if (this.context.state !== 'running') await this.context.resume();
  }

  /** Master volume, 0–1, for the cues and every howler sound. */
  setVolume(volume: number): void {
    Howler.volume(volume);
  }

  /**
   * Keeps the output from ever being exactly silent while a run lasts; returns the function that lets it go.
   * After 30 s of pure zeros Chromium swaps the Web Audio output for a fake sink, and swaps back when the next
   * sound starts, which steps the audio/page clock pairing by ~9 ms after that cue was placed: the first cue
   * after a long warm-up or pause sounded early. A constant of 2^-20 (about -120 dBFS, and DC, which no
   * speaker plays) is far below hearing but not zero. It bypasses the master gain so that volume 0 keeps it.
   */
  holdOutputOpen(): () => void {
    const hum = new ConstantSourceNode(this.context, { offset: 2 ** -20 });
    hum.connect(this.context.destination);
    hum.start();
    return () => {
      try {
        hum.stop();
      } catch {
        // already stopped
      }
      hum.disconnect();
    };
  }

  running(): boolean {
    return this.context.state === 'running';
  }

  currentTime(): number {
    return this.context.currentTime;
  }

  toAudioTime(clockMs: number): number {
    // The output timestamp pairs the audio instant being heard with its performance.now() instant,
    // so a cue placed this way is heard at clockMs, output latency included.
    const stamp = this.context.getOutputTimestamp?.();
    if (stamp?.performanceTime && stamp.contextTime !== undefined)
      return stamp.contextTime + (clockMs - stamp.performanceTime) / 1000;
    const latency = this.context.outputLatency || this.context.baseLatency || 0;
    return this.context.currentTime + (clockMs - performance.now()) / 1000 - latency;
  }

  play(sound: CueSound, when: number): { stop(): void } | null {
    if (!this.buffer) return null;
    const source = this.context.createBufferSource();
    source.buffer = this.buffer;
    source.connect(Howler.masterGain);
    const { offsetMs, durationMs } = SPRITE[sound];
    source.start(when, offsetMs / 1000, durationMs / 1000);
    return {
      stop() {
        try {
          source.stop();
        } catch {
          // already stopped
        }
        source.disconnect();
      },
    };
  }
}
