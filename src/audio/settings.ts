// What the person chose for sound, voice and vibration: plain data with defaults, read by the cue
// loop, the voice and the vibration, and kept by the settings store.
import { ALL_CUES, type CueOptions } from './cue-plan';

export interface SoundSettings {
  /** Master volume, 0–1 (howler's master gain). */
  volume: number;
  /** Beeps and tones at all; `cues` picks which. */
  beeps: boolean;
  cues: CueOptions;
  voice: boolean;
  /** A SpeechSynthesis voice name, or null for the browser's default. */
  voiceName: string | null;
  /** Speech rate, 0.5–2. */
  voiceRate: number;
  vibration: boolean;
}

export const DEFAULT_SOUND_SETTINGS: SoundSettings = {
  volume: 0.9,
  beeps: true,
  cues: { ...ALL_CUES },
  voice: true,
  voiceName: null,
  voiceRate: 1,
  vibration: true,
};

/** The cue options in force: none at all when beeps are off. */
export function activeCues(settings: SoundSettings): CueOptions {
  if (settings.beeps) return settings.cues;
  return { phaseTones: false, countdown: false, halfway: false, lastRound: false, finish: false };
}
