// The speech voices this browser offers, kept up to date: browsers list them late and announce
// them with `voiceschanged`.
export interface VoiceOption {
  name: string;
  lang: string;
}

export class Voices {
  readonly supported = typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
  list = $state.raw<VoiceOption[]>([]);

  /** Lists the voices now and whenever they change; returns a function that stops listening. */
  watch(): () => void {
    if (!this.supported) return () => {};
    const read = () => {
      // Settings keep a voice by name, so one option per name.
      this.list = speechSynthesis
        .getVoices()
        .filter((v, i, all) => all.findIndex((w) => w.name === v.name) === i)
        .map((v) => ({ name: v.name, lang: v.lang }));
    };
    read();
    speechSynthesis.addEventListener('voiceschanged', read);
    return () => speechSynthesis.removeEventListener('voiceschanged', read);
  }
}

export const voices = new Voices();
