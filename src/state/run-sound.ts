// A run's sound, started in a tap as phones require: the cue sprite on howler's context, the cue
// loop that places cues ahead on the audio clock, the voice and vibration, and the person's settings.
import type { Clock } from '../engine/clock';
import type { Runner } from '../engine/runner';
import type { WebAudioCues } from '../audio/web-audio';
import { CueLoop } from '../audio/cue-loop';
import { prepareTicker } from '../audio/ticker';
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

/** The page's one cue output, made once (howler's context is one per page anyway) and kept for every run. */
let output: Promise<WebAudioCues> | null = null;
/** Its decoded sprite, once: a second run starts without decoding it again. */
let loaded: Promise<void> | null = null;
/** The output's class once its code has loaded: from then on a press makes the output in its own task. */
let Output: typeof WebAudioCues | null = null;

const loadOutputCode = () =>
  import('../audio/web-audio').then((module) => {
    Output = module.WebAudioCues;
    return module.WebAudioCues;
  });

function cueOutput(): Promise<WebAudioCues> {
  if (!output) {
    try {
      output = Output ? Promise.resolve(new Output()) : loadOutputCode().then((Made) => new Made());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    output.catch(() => (output = null)); // offline before the code was cached, say: try again next time
  }
  return output;
}

/** The output with its sprite decoding (or decoded): what a run's first cue needs. */
function readyOutput(): Promise<WebAudioCues> {
  return cueOutput().then((audio) => {
    loaded ??= audio.load().catch((err: unknown) => {
      loaded = null; // tried again at the next start
      console.warn('Cues are off:', err);
    });
    return audio;
  });
}

/**
 * Gets the run's sound ready before the Start tap, so that the tap has only to resume it. Creating an
 * AudioContext holds the page for tens of milliseconds on a phone and for 0.3–0.4 s in a VM without a sound
 * card, and decoding the sprite takes a fetch and a decode: made in the Start tap, they held back the run's
 * first frame, what a display window is sent, and the first cue (a second after Start), which was placed late
 * or not at all. The code is fetched now; the output is made, and its sprite decoded, when the page is next
 * idle (`atIdle`: a run screen before its Start) or at the first press on the screen, whichever comes first
 * (a class phone, whose timeline may already be running: no stall at idle lands on one of its boundaries).
 * The cue loop's ticking Worker is made then too. The context waits suspended until the tap resumes it (startRunSound). Returns the function that stops
 * waiting; a start with no press before it (a remote key) makes the output itself.
 */
export function prepareRunSound({ atIdle }: { atIdle: boolean }): () => void {
  let idle: number | null = null;
  const stop = () => {
    removeEventListener('pointerdown', prepare, true);
    removeEventListener('keydown', prepare, true);
    if (idle !== null) cancelIdleCallback(idle);
    idle = null;
  };
  const prepare = () => {
    stop();
    prepareTicker(); // the cue loop's Worker, so that Start and each Resume only send it a message
    void readyOutput().catch(() => {});
  };
  addEventListener('pointerdown', prepare, true);
  addEventListener('keydown', prepare, true);
  void loadOutputCode().then(
    () => {
      if (atIdle && output === null && 'requestIdleCallback' in window)
        idle = requestIdleCallback(prepare, { timeout: 1000 });
    },
    () => {},
  );
  return stop;
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
  const audio = await readyOutput();
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
