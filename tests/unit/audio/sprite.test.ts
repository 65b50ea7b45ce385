// The cue sprite on disk: a small, clean WAV whose regions match sprite.ts, rebuilt byte for byte by the script.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SPRITE, SPRITE_URL, howlerSprite, type CueSound } from '../../../src/audio/sprite';

// Not new URL(…, import.meta.url): the client transform would turn that into an asset URL.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const WAV_PATH = join(ROOT, 'public', 'sounds', 'cues.wav');
const SAMPLE_RATE = 11025;
const FULL_SCALE = 32767;

interface Wav {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  samples: Int16Array;
}

/** Walks the RIFF chunks rather than assuming a 44-byte header. */
function parseWav(buf: Buffer): Wav {
  expect(buf.toString('ascii', 0, 4)).toBe('RIFF');
  expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
  expect(buf.toString('ascii', 8, 12)).toBe('WAVE');
  let fmt: Omit<Wav, 'samples'> | undefined;
  let samples: Int16Array | undefined;
  for (let pos = 12; pos + 8 <= buf.length;) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      fmt = {
        format: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      expect(body + size).toBeLessThanOrEqual(buf.length);
      samples = new Int16Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(body + i * 2);
    }
    pos = body + size + (size % 2);
  }
  if (!fmt) throw new Error("no 'fmt ' chunk");
  if (!samples) throw new Error("no 'data' chunk");
  return { ...fmt, samples };
}

const bytes = readFileSync(WAV_PATH);
const wav = parseWav(bytes);
const names = Object.keys(SPRITE) as CueSound[];
/** Each cue's samples, rounded outwards so a region never loses an edge sample. */
const regions = names
  .map((name) => ({
    name,
    start: Math.floor((SPRITE[name].offsetMs * SAMPLE_RATE) / 1000),
    end: Math.ceil(((SPRITE[name].offsetMs + SPRITE[name].durationMs) * SAMPLE_RATE) / 1000),
  }))
  .sort((a, b) => a.start - b.start);

const maxAbs = (s: Int16Array) => s.reduce((max, v) => Math.max(max, Math.abs(v)), 0) / FULL_SCALE;
const rms = (s: Int16Array) => Math.sqrt(s.reduce((sum, v) => sum + v * v, 0) / s.length) / FULL_SCALE;

describe('cue sound sprite', () => {
  it('is a mono 16-bit PCM WAV at 11025 Hz within the 100 KB budget', () => {
    expect(wav).toMatchObject({ format: 1, channels: 1, sampleRate: SAMPLE_RATE, bitsPerSample: 16 });
    expect(bytes.length).toBeLessThanOrEqual(100 * 1024);
    expect(SPRITE_URL).toBe('/sounds/cues.wav');
  });

  it('places every cue inside the data, without overlaps', () => {
    expect(names).toHaveLength(7);
    for (const [i, region] of regions.entries()) {
      expect(region.start).toBeGreaterThanOrEqual(0);
      expect(region.end).toBeLessThanOrEqual(wav.samples.length);
      expect(region.end).toBeGreaterThan(region.start);
      const next = regions[i + 1];
      if (next) expect(region.end, `${region.name} runs into ${next.name}`).toBeLessThanOrEqual(next.start);
    }
  });

  it('has sound in every cue and silence everywhere else', () => {
    for (const { name, start, end } of regions) {
      expect(rms(wav.samples.subarray(start, end)), `${name} is too quiet`).toBeGreaterThan(0.02);
    }
    let silentFrom = 0;
    for (const { name, start, end } of regions) {
      expect(maxAbs(wav.samples.subarray(silentFrom, start)), `noise before ${name}`).toBeLessThan(0.001);
      silentFrom = end;
    }
    expect(maxAbs(wav.samples.subarray(silentFrom)), 'noise after the last cue').toBeLessThan(0.001);
  });

  it('starts and ends every cue at silence, so none clicks', () => {
    for (const { name, start, end } of regions) {
      const region = wav.samples.subarray(start, end);
      expect(maxAbs(region.subarray(0, 3)), `${name} starts abruptly`).toBeLessThan(0.01);
      expect(maxAbs(region.subarray(-3)), `${name} stops abruptly`).toBeLessThan(0.01);
    }
  });

  it('keeps peaks at or below -3 dBFS', () => {
    expect(maxAbs(wav.samples)).toBeLessThanOrEqual(0.708);
  });

  it('gives howler each cue as [offsetMs, durationMs]', () => {
    const sprite = howlerSprite();
    expect(Object.keys(sprite).sort()).toEqual([...names].sort());
    for (const name of names) expect(sprite[name]).toEqual([SPRITE[name].offsetMs, SPRITE[name].durationMs]);
  });

  it('is rebuilt by the script byte for byte, with the same sprite map', () => {
    const out = mkdtempSync(join(tmpdir(), 'cues-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'make-sounds.mjs'), '--out', out], { stdio: 'pipe' });
      expect(readFileSync(join(out, 'cues.wav')).equals(bytes)).toBe(true);
      expect(readFileSync(join(out, 'sprite.ts'), 'utf8')).toBe(
        readFileSync(join(ROOT, 'src', 'audio', 'sprite.ts'), 'utf8'),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
