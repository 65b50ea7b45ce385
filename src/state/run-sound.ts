// A run's sound, started in a tap as phones require: the cue sprite on howler's context, the cue
// loop that places cues ahead on the audio clock, the voice and vibration, and the person's settings.
import type { Clock } from '../engine/clock';
import type { Runner } from '../engine/runner';
import { CueLoop } from '../audio/cue-loop';
import { Speaker } from '../audio/speech';
import { soundSettings } from './settings.svelte';

export interface RunSound {
  readonly loop: CueLoop;
  /** Master volume, 0–1. */
  setVolume(volume: number): void;
  /** Asks the browser to play again after it stopped the sound (needs a tap on phones). */
  restore(): Promise<void>;
  /** Silences what was placed and lets the output go. */
  dispose(): void;
}

/**
 * Starts the sound for `runner`; `onBlocked` hears whether the browser is holding the sound back
 * (autoplay rules, a phone call, an iOS interruption). Call it in the tap that starts the run.
 */
export async function startRunSound(
  runner: Runner,
  clock: Clock,
  onBlocked: (blocked: boolean) => void,
): Promise<RunSound> {
  const { WebAudioCues } = await import('../audio/web-audio');
  const audio = new WebAudioCues();
  const context = audio.context;
  context.addEventListener('statechange', () => onBlocked(context.state !== 'running'));
  await audio.resume().catch(() => {});
  onBlocked(context.state !== 'running');
  const releaseOutput = audio.holdOutputOpen();
  const loop = new CueLoop(runner, clock, {
    out: audio,
    speaker: Speaker.supported() ? new Speaker() : null,
    vibrate: 'vibrate' in navigator ? (pattern) => navigator.vibrate(pattern) : null,
    settings: () => soundSettings.current,
  });
  void audio.load().catch((err: unknown) => console.warn('Cues are off:', err));
  return {
    loop,
    setVolume: (volume) => audio.setVolume(volume),
    restore: () => audio.resume().catch(() => {}),
    dispose: () => {
      loop.dispose();
      releaseOutput();
    },
  };
}
