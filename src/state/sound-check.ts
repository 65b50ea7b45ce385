// "Test sound": the work-start tone at the chosen volume and a spoken sample in the chosen voice
// and rate, so a person hears their settings. The audio code loads with the settings screen, not with the app.
import { activeCues, type SoundSettings } from '../audio/settings';
import type { WebAudioCues } from '../audio/web-audio';

export const SAMPLE_LINE = 'Work. Thirty seconds. Keep your back flat.';

export const canVibrate = typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function';

type AudioModules = [typeof import('../audio/web-audio'), typeof import('howler')];

let modules: Promise<AudioModules> | null = null;
let cues: WebAudioCues | null = null;

/** Starts loading the audio code, so that a later press plays at once. */
export function preloadSoundCheck(): Promise<AudioModules> {
  modules ??= Promise.all([import('../audio/web-audio'), import('howler')]);
  modules.catch(() => (modules = null)); // offline before the code was cached, say: try again next time
  return modules;
}

/**
 * Plays the sample for these settings; call it straight from the button's click, since phones
 * allow speech and sound only in a gesture. Resolves to what was played, for the screen to say;
 * rejects with a message when the sound cannot be played.
 */
export async function playSoundCheck(settings: SoundSettings): Promise<string> {
  const tone = activeCues(settings).phaseTones;
  const voice = settings.voice && speak(settings);
  if (!tone) return voice ? 'Speaking a sample line.' : 'Beeps and voice are off: there is nothing to hear.';
  try {
    const [{ WebAudioCues }, { Howler }] = await preloadSoundCheck();
    cues ??= new WebAudioCues();
    Howler.volume(settings.volume);
    // Not awaited: a context that may not resume yet must not hold the sound back; howler queues it.
    cues.resume().catch(() => {});
    cues.howl.play('workStart');
  } catch (err) {
    throw new Error(`The test sound could not be played (${err instanceof Error ? err.message : String(err)}).`, {
      cause: err,
    });
  }
  return voice ? 'Playing the work tone and a sample line.' : 'Playing the work tone.';
}

/** Speaks the sample line; false when this browser cannot speak. */
function speak(settings: SoundSettings): boolean {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return false;
  speechSynthesis.cancel();
  const line = new SpeechSynthesisUtterance(SAMPLE_LINE);
  line.rate = settings.voiceRate;
  line.volume = settings.volume;
  const chosen = speechSynthesis.getVoices().find((v) => v.name === settings.voiceName);
  if (chosen) {
    line.voice = chosen;
    line.lang = chosen.lang;
  }
  speechSynthesis.speak(line);
  return true;
}
