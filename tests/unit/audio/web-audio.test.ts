import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** How many times the sprite was decoded: by howler (its Howl loading) or by the cue output itself. */
const decoded = { byHowler: 0, byCues: 0 };

vi.mock('howler', () => {
  class Howl {
    private loaded = false;
    constructor(options: { preload?: boolean }) {
      if (options.preload !== false) this.load();
    }
    load() {
      this.loaded = true;
      decoded.byHowler++;
      return this;
    }
    state() {
      return this.loaded ? 'loaded' : 'unloaded';
    }
    play() {
      return 1;
    }
  }
  const ctx = {
    state: 'running',
    decodeAudioData: async () => {
      decoded.byCues++;
      return {};
    },
  };
  return { Howl, Howler: { ctx, autoSuspend: true } };
});

const { WebAudioCues } = await import('../../../src/audio/web-audio');

beforeEach(() => {
  decoded.byHowler = decoded.byCues = 0;
  vi.stubGlobal('fetch', async () => new Response(new ArrayBuffer(8)));
});
afterEach(() => vi.unstubAllGlobals());

describe('WebAudioCues', () => {
  it('decodes the sprite once for a run', async () => {
    const cues = new WebAudioCues();
    await cues.load();
    expect(decoded).toEqual({ byHowler: 0, byCues: 1 });
  });

  it('loads the howler sprite when a one-off sound first asks for it, and only then', () => {
    const cues = new WebAudioCues();
    expect(decoded.byHowler).toBe(0);
    cues.howl.play('workStart');
    cues.howl.play('workStart');
    expect(decoded.byHowler).toBe(1);
  });

  it('places no cue until the sprite is decoded', () => {
    const cues = new WebAudioCues();
    expect(cues.play('pip', 1)).toBeNull();
  });
});
