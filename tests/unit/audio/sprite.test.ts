// The cue sprite on disk: a small, clean FLAC whose regions match sprite.ts, rebuilt byte for byte by the script.
// It is decoded here by a reader of its own, which checks every frame's CRCs and the samples' MD5.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SPRITE, SPRITE_URL, howlerSprite, type CueSound } from '../../../src/audio/sprite';

// Not new URL(…, import.meta.url): the client transform would turn that into an asset URL.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const FLAC_PATH = join(ROOT, 'public', 'sounds', 'cues.flac');
const SAMPLE_RATE = 11025;
const FULL_SCALE = 32767;
/** The precache budget is shared by everything; the sprite keeps to this much of it. */
const MAX_BYTES = 32 * 1024;

interface Flac {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  totalSamples: number;
  md5: string;
  samples: Int16Array;
}

/** Reads bits most significant first, as FLAC writes them. */
class BitReader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++, this.pos++) v = v * 2 + (((this.buf[this.pos >> 3] ?? 0) >> (7 - (this.pos & 7))) & 1);
    return v;
  }
  signed(n: number): number {
    const v = this.bits(n);
    return v >= 2 ** (n - 1) ? v - 2 ** n : v;
  }
  unary(): number {
    let zeros = 0;
    while (this.bits(1) === 0) zeros++;
    return zeros;
  }
  get byte(): number {
    return Math.ceil(this.pos / 8);
  }
}

/** CRC with the given polynomial, no reflection, zero start: FLAC's CRC-8 (0x07) and CRC-16 (0x8005). */
function crc(bytes: Uint8Array, width: number, poly: number): number {
  const top = 2 ** (width - 1);
  const mask = 2 ** width - 1;
  let c = 0;
  for (const byte of bytes) {
    c ^= byte << (width - 8);
    for (let i = 0; i < 8; i++) c = c & top ? ((c << 1) ^ poly) & mask : (c << 1) & mask;
  }
  return c;
}

/** The residual of a subframe: Rice-coded partitions (4- or 5-bit parameters, with escapes). */
function readResidual(r: BitReader, out: number[], blockSize: number, order: number): void {
  const parameterBits = [4, 5][r.bits(2)];
  if (!parameterBits) throw new Error('reserved residual coding');
  const partitions = 2 ** r.bits(4);
  for (let p = 0; p < partitions; p++) {
    const count = blockSize / partitions - (p === 0 ? order : 0);
    const k = r.bits(parameterBits);
    const raw = k === 2 ** parameterBits - 1 ? r.bits(5) : -1;
    for (let i = 0; i < count; i++) {
      if (raw >= 0) {
        out.push(raw === 0 ? 0 : r.signed(raw));
        continue;
      }
      const u = r.unary() * 2 ** k + r.bits(k);
      out.push(u % 2 ? -(u + 1) / 2 : u / 2);
    }
  }
}

const FIXED = [[], [1], [2, -1], [3, -3, 1], [4, -6, 4, -1]];

function readSubframe(r: BitReader, blockSize: number, bps: number): number[] {
  expect(r.bits(1), 'subframe padding').toBe(0);
  const type = r.bits(6);
  expect(r.bits(1), 'wasted bits').toBe(0);
  if (type === 0) return new Array<number>(blockSize).fill(r.signed(bps));
  if (type === 1) return Array.from({ length: blockSize }, () => r.signed(bps));
  const lpc = type >= 32;
  const order = lpc ? type - 31 : type - 8;
  if (!lpc && (type < 8 || order > 4)) throw new Error(`reserved subframe type ${type}`);
  const x = Array.from({ length: order }, () => r.signed(bps));
  let coefficients = FIXED[order] ?? [];
  let shift = 0;
  if (lpc) {
    const precision = r.bits(4) + 1;
    shift = r.signed(5);
    expect(precision, 'coefficient precision').toBeLessThanOrEqual(15);
    expect(shift, 'coefficient shift').toBeGreaterThanOrEqual(0);
    coefficients = Array.from({ length: order }, () => r.signed(precision));
  }
  const residual: number[] = [];
  readResidual(r, residual, blockSize, order);
  for (const [i, e] of residual.entries()) {
    const n = order + i;
    const sum = coefficients.reduce((s, c, j) => s + c * (x[n - 1 - j] ?? 0), 0);
    x.push(Math.floor(sum / 2 ** shift) + e);
  }
  return x;
}

/** Walks the metadata blocks, then decodes every frame, checking its sync code, numbering and CRCs. */
function parseFlac(buf: Buffer): Flac {
  expect(buf.toString('ascii', 0, 4)).toBe('fLaC');
  const r = new BitReader(buf);
  r.pos = 32;
  let info: Omit<Flac, 'samples'> | undefined;
  for (let last = false; !last;) {
    last = r.bits(1) === 1;
    const type = r.bits(7);
    const length = r.bits(24);
    const body = r.byte;
    if (type === 0) {
      r.bits(16 + 16 + 24 + 24); // block and frame sizes
      info = {
        sampleRate: r.bits(20),
        channels: r.bits(3) + 1,
        bitsPerSample: r.bits(5) + 1,
        totalSamples: r.bits(36),
        md5: buf.toString('hex', body + 18, body + 34),
      };
    }
    r.pos = (body + length) * 8;
  }
  if (!info) throw new Error('no STREAMINFO block');
  const samples: number[] = [];
  for (let frame = 0; r.byte < buf.length; frame++) {
    const start = r.byte;
    expect(r.bits(15), `frame ${frame} sync code`).toBe(0b111111111111100);
    expect(r.bits(1), 'fixed-size blocks').toBe(0);
    const sizeCode = r.bits(4);
    const rateCode = r.bits(4);
    expect(r.bits(4), 'one channel').toBe(0);
    expect(r.bits(3), '16 bits per sample').toBe(0b100);
    r.bits(1);
    // The frame number, coded like UTF-8: as many leading 1 bits as bytes, then 6 bits per extra byte.
    const first = r.bits(8);
    let ones = 0;
    while (ones < 8 && first & (0x80 >> ones)) ones++;
    let number = first & (0xff >> (ones + 1));
    for (let i = 1; i < ones; i++) number = number * 64 + (r.bits(8) & 0x3f);
    expect(number, 'frame number').toBe(frame);
    expect(sizeCode, 'block size given in the header').toBe(0b0111);
    const blockSize = r.bits(16) + 1;
    // The streamable subset wants the rate in the frame header, not "see STREAMINFO".
    expect(rateCode, 'sample rate in Hz in the header').toBe(0b1101);
    expect(r.bits(16)).toBe(info.sampleRate);
    r.bits(8);
    expect(crc(buf.subarray(start, r.byte), 8, 0x07), `frame ${frame} header CRC`).toBe(0);
    samples.push(...readSubframe(r, blockSize, info.bitsPerSample));
    r.pos = r.byte * 8;
    r.bits(16);
    expect(crc(buf.subarray(start, r.byte), 16, 0x8005), `frame ${frame} CRC`).toBe(0);
  }
  expect(samples).toHaveLength(info.totalSamples);
  return { ...info, samples: Int16Array.from(samples) };
}

const bytes = readFileSync(FLAC_PATH);
const sound = parseFlac(bytes);
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
  it('is a mono 16-bit FLAC at 11025 Hz within its 32 KiB budget', () => {
    expect(sound).toMatchObject({ channels: 1, sampleRate: SAMPLE_RATE, bitsPerSample: 16 });
    expect(bytes.length).toBeLessThanOrEqual(MAX_BYTES);
    expect(SPRITE_URL).toBe('/sounds/cues.flac');
  });

  it('decodes to exactly the samples it was made from (their MD5, as the file states it)', () => {
    const le = Buffer.alloc(sound.samples.length * 2);
    sound.samples.forEach((s, i) => le.writeInt16LE(s, i * 2));
    expect(createHash('md5').update(le).digest('hex')).toBe(sound.md5);
  });

  it('places every cue inside the data, without overlaps', () => {
    expect(names).toHaveLength(7);
    for (const [i, region] of regions.entries()) {
      expect(region.start).toBeGreaterThanOrEqual(0);
      expect(region.end).toBeLessThanOrEqual(sound.samples.length);
      expect(region.end).toBeGreaterThan(region.start);
      const next = regions[i + 1];
      if (next) expect(region.end, `${region.name} runs into ${next.name}`).toBeLessThanOrEqual(next.start);
    }
  });

  it('has sound in every cue and silence everywhere else', () => {
    for (const { name, start, end } of regions) {
      expect(rms(sound.samples.subarray(start, end)), `${name} is too quiet`).toBeGreaterThan(0.02);
    }
    let silentFrom = 0;
    for (const { name, start, end } of regions) {
      expect(maxAbs(sound.samples.subarray(silentFrom, start)), `noise before ${name}`).toBeLessThan(0.001);
      silentFrom = end;
    }
    expect(maxAbs(sound.samples.subarray(silentFrom)), 'noise after the last cue').toBeLessThan(0.001);
  });

  it('starts and ends every cue at silence, so none clicks', () => {
    for (const { name, start, end } of regions) {
      const region = sound.samples.subarray(start, end);
      expect(maxAbs(region.subarray(0, 3)), `${name} starts abruptly`).toBeLessThan(0.01);
      expect(maxAbs(region.subarray(-3)), `${name} stops abruptly`).toBeLessThan(0.01);
    }
  });

  it('keeps peaks at or below -3 dBFS', () => {
    expect(maxAbs(sound.samples)).toBeLessThanOrEqual(0.708);
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
      expect(readFileSync(join(out, 'cues.flac')).equals(bytes)).toBe(true);
      expect(readFileSync(join(out, 'sprite.ts'), 'utf8')).toBe(
        readFileSync(join(ROOT, 'src', 'audio', 'sprite.ts'), 'utf8'),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
