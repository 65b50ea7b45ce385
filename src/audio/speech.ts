// The spoken voice: SpeechSynthesis with the chosen voice and rate. It cannot be scheduled on the
// audio clock, so lines are started on the cue loop's ticks; where speech is missing it is silent.

export class Speaker {
  private voice: SpeechSynthesisVoice | null = null;
  private rate = 1;

  static supported(): boolean {
    return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
  }

  configure(voiceName: string | null, rate: number): void {
    this.rate = rate;
    this.voice = Speaker.supported() ? (speechSynthesis.getVoices().find((v) => v.name === voiceName) ?? null) : null;
  }

  say(text: string): void {
    if (!Speaker.supported()) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = this.rate;
    if (this.voice) utterance.voice = this.voice;
    speechSynthesis.speak(utterance);
  }

  /** Stops whatever is being said (before the countdown pips, or when leaving the run). */
  cancel(): void {
    if (Speaker.supported() && (speechSynthesis.speaking || speechSynthesis.pending)) speechSynthesis.cancel();
  }
}
