import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Speaker } from '../../../src/audio/speech';

/** A stand-in for the browser's speech: voices that arrive late, as Chromium's do, and what was spoken. */
class FakeUtterance {
  rate = 1;
  volume = 1;
  lang = '';
  voice: SpeechSynthesisVoice | null = null;
  constructor(readonly text: string) {}
}

const daniel = { name: 'Daniel', lang: 'en-GB' } as SpeechSynthesisVoice;
let voices: SpeechSynthesisVoice[] = [];
let spoken: FakeUtterance[] = [];

beforeEach(() => {
  voices = [];
  spoken = [];
  vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
  vi.stubGlobal('speechSynthesis', {
    getVoices: () => voices,
    speak: (u: FakeUtterance) => spoken.push(u),
    cancel() {},
    speaking: false,
    pending: false,
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('Speaker', () => {
  it('finds the chosen voice once the browser has listed its voices, after it was configured', () => {
    const speaker = new Speaker();
    speaker.configure('Daniel', 1.2, 0.4); // Chromium lists no voices until 'voiceschanged'
    speaker.say('Bent-over row.');
    voices = [{ name: 'Samantha', lang: 'en-US' } as SpeechSynthesisVoice, daniel];
    speaker.say('Next: Swings.');
    expect(spoken.map((u) => [u.text, u.voice?.name ?? null, u.lang])).toEqual([
      ['Bent-over row.', null, ''],
      ['Next: Swings.', 'Daniel', 'en-GB'],
    ]);
  });

  it('speaks at the chosen rate and the master volume', () => {
    voices = [daniel];
    const speaker = new Speaker();
    speaker.configure('Daniel', 0.8, 0.4);
    speaker.say('Switch sides.');
    expect(spoken[0]).toMatchObject({ rate: 0.8, volume: 0.4, lang: 'en-GB', voice: daniel });
    speaker.configure(null, 1, 0.9); // the browser's default voice
    speaker.say('Last round.');
    expect(spoken[1]).toMatchObject({ rate: 1, volume: 0.9, voice: null });
  });
});
