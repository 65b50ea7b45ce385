// The spoken voice: SpeechSynthesis with the chosen voice, rate and volume. It cannot be scheduled on
// the audio clock, so lines are started on the cue loop's ticks; where speech is missing it is silent.

export class Speaker {
  private voiceName: string | null = null;
  private voice: SpeechSynthesisVoice | null = null;
  private rate = 1;
  private volume = 1;

  static supported(): boolean {
    return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
  }

  /** The chosen voice (null: the browser's default), rate, and volume 0–1 (the master volume). */
  configure(voiceName: string | null, rate: number, volume: number): void {
    this.rate = rate;
    this.volume = volume;
    this.voiceName = voiceName;
    this.voice = this.findVoice();
  }

  say(text: string): void {
    if (!Speaker.supported()) return;
    // Chromium lists no voices until 'voiceschanged': look again until the chosen one turns up.
    this.voice ??= this.findVoice();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = this.rate;
    utterance.volume = this.volume;
    if (this.voice) {
      utterance.voice = this.voice;
      utterance.lang = this.voice.lang;
    }
    speechSynthesis.speak(utterance);
  }

  /** Stops whatever is being said (before the countdown pips, or when leaving the run). */
  cancel(): void {
    if (Speaker.supported() && (speechSynthesis.speaking || speechSynthesis.pending)) speechSynthesis.cancel();
  }

  private findVoice(): SpeechSynthesisVoice | null {
    if (this.voiceName === null || !Speaker.supported()) return null;
    return speechSynthesis.getVoices().find((v) => v.name === this.voiceName) ?? null;
  }
}
