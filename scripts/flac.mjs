// Encodes mono 16-bit PCM as FLAC: lossless, about a third of the WAV, and decoded by every browser we
// target (Chromium, Firefox, Safari 11+) through decodeAudioData and <audio>. Only what the cue sprite
// needs, within FLAC's streamable subset (RFC 9639 §7): fixed-size blocks, each stored as whichever of
// a constant, verbatim samples, a fixed predictor or an LPC predictor is smallest, with Rice-coded
// residuals. Deterministic: integers everywhere except the LPC fit, which uses only + − × ÷ (no
// Math.sin and the like, whose last bit may differ between engines).
import { createHash } from 'node:crypto';

const BITS_PER_SAMPLE = 16;
const MAX_LPC_ORDER = 12; // the subset's limit at rates up to 48 kHz
// Bits per quantised coefficient: the format's maximum. Searching 12–15 as well saved under 1 % here.
const LPC_PRECISION = 15;
const MAX_PARTITION_ORDER = 8; // the subset's limit
const MAX_RICE_PARAMETER = 14; // with 4-bit parameters; 15 is the escape code
/** Five finite-difference predictors, as the format defines them (RFC 9639 §9.2.5). */
const FIXED = [[], [1], [2, -1], [3, -3, 1], [4, -6, 4, -1]];

class BitWriter {
  bytes = [];
  #acc = 0;
  #count = 0;

  /** Writes `value` (which may be negative: two's complement) in `bits` bits, most significant first. */
  write(value, bits) {
    const v = value < 0 ? value + 2 ** bits : value;
    for (let i = bits - 1; i >= 0; i--) this.#bit(Math.floor(v / 2 ** i) % 2);
  }

  unary(zeros) {
    for (let i = 0; i < zeros; i++) this.#bit(0);
    this.#bit(1);
  }

  align() {
    while (this.#count !== 0) this.#bit(0);
  }

  #bit(b) {
    this.#acc = (this.#acc << 1) | b;
    if (++this.#count === 8) {
      this.bytes.push(this.#acc);
      this.#acc = 0;
      this.#count = 0;
    }
  }
}

function crc8(bytes) {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

function crc16(bytes) {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** A frame number in FLAC's UTF-8-like coding. */
function codedNumber(n) {
  if (n < 0x80) return [n];
  let length = 2;
  while (n >= 2 ** (5 * length + 1)) length++;
  const out = [((0xff << (8 - length)) & 0xff) | Math.floor(n / 2 ** (6 * (length - 1)))];
  for (let i = length - 2; i >= 0; i--) out.push(0x80 | (Math.floor(n / 2 ** (6 * i)) % 64));
  return out;
}

/** Zigzag: 0, −1, 1, −2, … → 0, 1, 2, 3, … */
const fold = (r) => (r >= 0 ? 2 * r : -2 * r - 1);

/**
 * The cheapest Rice coding of a residual whose first `order` samples are warm-up (not coded): the partition
 * order and each partition's parameter, and the bits they take, header included.
 */
function planResidual(residual, order) {
  const n = residual.length;
  const K = MAX_RICE_PARAMETER + 1;
  let finest = 0;
  while (finest < MAX_PARTITION_ORDER && n % 2 ** (finest + 1) === 0 && n / 2 ** (finest + 1) > order) finest++;
  // costs[k * parts + p]: the bits of partition p's samples with parameter k, at the finest partition order
  // first, then merged pairwise going coarser.
  let parts = 2 ** finest;
  let costs = new Float64Array(K * parts);
  const size = n / parts;
  for (let i = order; i < n; i++) {
    const u = fold(residual[i]);
    const p = Math.floor(i / size);
    for (let k = 0; k < K; k++) costs[k * parts + p] += (u >>> k) + 1 + k;
  }
  let best = null;
  for (let po = finest; po >= 0; po--) {
    const parameters = [];
    let bits = 2 + 4;
    for (let p = 0; p < parts; p++) {
      let k = 0;
      for (let c = 1; c < K; c++) if (costs[c * parts + p] < costs[k * parts + p]) k = c;
      parameters.push(k);
      bits += 4 + costs[k * parts + p];
    }
    if (!best || bits < best.bits) best = { partitionOrder: po, parameters, bits };
    const half = parts / 2;
    const merged = new Float64Array(K * half);
    for (let k = 0; k < K; k++)
      for (let p = 0; p < half; p++) merged[k * half + p] = costs[k * parts + 2 * p] + costs[k * parts + 2 * p + 1];
    parts = half;
    costs = merged;
  }
  return best;
}

function writeResidual(w, residual, order, { partitionOrder, parameters }) {
  w.write(0, 2); // Rice coding with 4-bit parameters
  w.write(partitionOrder, 4);
  const size = residual.length / 2 ** partitionOrder;
  parameters.forEach((k, p) => {
    w.write(k, 4);
    for (let i = Math.max(p * size, order); i < (p + 1) * size; i++) {
      const u = fold(residual[i]);
      w.unary(u >>> k);
      w.write(u % 2 ** k, k);
    }
  });
}

/** x[i] minus the prediction, for i ≥ order; the first `order` entries are the samples themselves. */
function residualOf(x, coefficients, shift) {
  const order = coefficients.length;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (i < order) {
      out[i] = x[i];
      continue;
    }
    let sum = 0;
    for (let j = 0; j < order; j++) sum += coefficients[j] * x[i - 1 - j];
    out[i] = x[i] - Math.floor(sum / 2 ** shift); // an arithmetic shift, as the decoder does it
  }
  return out;
}

/** LPC coefficients for orders 1…max (x[i] ≈ Σ a[j]·x[i−1−j]), by Levinson–Durbin on a Welch-windowed block. */
function lpcCoefficients(x, max) {
  const n = x.length;
  const windowed = x.map((s, i) => s * (1 - ((2 * i - (n - 1)) / (n + 1)) ** 2));
  const r = [];
  for (let lag = 0; lag <= max; lag++) {
    let sum = 0;
    for (let i = lag; i < n; i++) sum += windowed[i] * windowed[i - lag];
    r.push(sum);
  }
  const all = [];
  let a = [];
  let error = r[0];
  for (let p = 1; p <= max && error > 0; p++) {
    let acc = r[p];
    for (let j = 1; j < p; j++) acc -= a[j - 1] * r[p - j];
    const k = acc / error;
    a = [...a.map((c, j) => c - k * a[p - 2 - j]), k];
    error *= 1 - k * k;
    all.push(a);
  }
  return all;
}

/** Coefficients as `precision`-bit integers over 2^shift, rounding with the error carried forward. */
function quantise(a, precision) {
  const limit = 2 ** (precision - 1);
  const max = Math.max(...a.map(Math.abs));
  if (max === 0) return null;
  let shift = 15;
  while (shift > 0 && max * 2 ** shift >= limit) shift--;
  if (max * 2 ** shift >= limit) return null;
  let carry = 0;
  const coefficients = a.map((c) => {
    const exact = c * 2 ** shift + carry;
    const q = Math.min(limit - 1, Math.max(-limit, Math.round(exact)));
    carry = exact - q;
    return q;
  });
  return { coefficients, shift };
}

/** Every way to store the block as a subframe, with its size in bits; the caller keeps the smallest. */
function candidates(x) {
  const n = x.length;
  if (x.every((s) => s === x[0])) return [{ type: 'constant', bits: 8 + BITS_PER_SAMPLE }];
  const out = [{ type: 'verbatim', bits: 8 + n * BITS_PER_SAMPLE }];
  const predicted = (type, coefficients, shift, precision = 0) => {
    const order = coefficients.length;
    const residual = residualOf(x, coefficients, shift);
    if (residual.some((r) => Math.abs(r) >= 2 ** 30)) return; // the format wants residuals well inside 32 bits
    const plan = planResidual(residual, order);
    const header = order * BITS_PER_SAMPLE + (type === 'lpc' ? 4 + 5 + order * precision : 0);
    out.push({ type, order, coefficients, shift, precision, residual, plan, bits: 8 + header + plan.bits });
  };
  for (let order = 0; order < FIXED.length && order < n; order++) predicted('fixed', FIXED[order], 0);
  for (const a of lpcCoefficients(x, Math.min(MAX_LPC_ORDER, n - 1))) {
    const q = quantise(a, LPC_PRECISION);
    if (q) predicted('lpc', q.coefficients, q.shift, LPC_PRECISION);
  }
  return out;
}

function writeSubframe(w, x) {
  const best = candidates(x).reduce((a, b) => (b.bits < a.bits ? b : a));
  w.write(0, 1); // padding bit
  if (best.type === 'constant') {
    w.write(0b000000, 6);
    w.write(0, 1); // no wasted bits
    w.write(x[0], BITS_PER_SAMPLE);
    return;
  }
  if (best.type === 'verbatim') {
    w.write(0b000001, 6);
    w.write(0, 1);
    for (const s of x) w.write(s, BITS_PER_SAMPLE);
    return;
  }
  w.write(best.type === 'fixed' ? 0b001000 | best.order : 0b100000 | (best.order - 1), 6);
  w.write(0, 1);
  for (let i = 0; i < best.order; i++) w.write(x[i], BITS_PER_SAMPLE);
  if (best.type === 'lpc') {
    w.write(best.precision - 1, 4);
    w.write(best.shift, 5);
    for (const c of best.coefficients) w.write(c, best.precision);
  }
  writeResidual(w, best.residual, best.order, best.plan);
}

function encodeFrame(x, frameNumber, sampleRate) {
  const w = new BitWriter();
  w.write(0b11111111111110, 14); // sync code
  w.write(0, 1);
  w.write(0, 1); // fixed-size blocks
  w.write(0b0111, 4); // block size: 16 bits follow
  w.write(0b1101, 4); // sample rate: 16 bits of Hz follow (the subset forbids "see STREAMINFO")
  w.write(0b0000, 4); // one channel
  w.write(0b100, 3); // 16 bits per sample
  w.write(0, 1);
  for (const byte of codedNumber(frameNumber)) w.write(byte, 8);
  w.write(x.length - 1, 16);
  w.write(sampleRate, 16);
  w.write(crc8(w.bytes), 8);
  writeSubframe(w, x);
  w.align();
  w.write(crc16(w.bytes), 16);
  return w.bytes;
}

/** A FLAC file of `pcm` (signed 16-bit samples, one channel) in blocks of `blockSize` samples. */
export function encodeFlac(pcm, sampleRate, blockSize) {
  if (!(sampleRate > 0 && sampleRate < 65536 && Number.isInteger(sampleRate)))
    throw new Error(`sample rate ${sampleRate} Hz cannot be written in the frame header`);
  const frames = [];
  for (let start = 0, frame = 0; start < pcm.length; start += blockSize, frame++)
    frames.push(encodeFrame(Array.from(pcm.subarray(start, start + blockSize)), frame, sampleRate));
  const sizes = frames.map((f) => f.length);

  const info = new BitWriter();
  info.write(blockSize, 16); // smallest block (the last one may be shorter, and is not counted)
  info.write(blockSize, 16); // largest block
  info.write(Math.min(...sizes), 24);
  info.write(Math.max(...sizes), 24);
  info.write(sampleRate, 20);
  info.write(0, 3); // channels − 1
  info.write(BITS_PER_SAMPLE - 1, 5);
  info.write(pcm.length, 36);
  // The MD5 of the samples as little-endian bytes, which lets a decoder (and our tests) check it got them all.
  const raw = Buffer.alloc(pcm.length * 2);
  pcm.forEach((s, i) => raw.writeInt16LE(s, i * 2));
  const md5 = createHash('md5').update(raw).digest();

  const header = new BitWriter();
  header.write(1, 1); // the last metadata block
  header.write(0, 7); // STREAMINFO
  header.write(34, 24);
  return Buffer.concat([
    Buffer.from('fLaC', 'ascii'),
    Buffer.from(header.bytes),
    Buffer.from(info.bytes),
    md5,
    ...frames.map((f) => Buffer.from(f)),
  ]);
}
