// Synthesises the workout cue sounds into one mono 16-bit sprite, stored losslessly as FLAC (a third of the
// WAV's bytes, and precached on every device), and writes the matching sprite map (src/audio/sprite.ts) so the
// two never disagree. Deterministic: same code, same bytes.
//
// Usage: node scripts/make-sounds.mjs             writes public/sounds/cues.flac and src/audio/sprite.ts
//        node scripts/make-sounds.mjs --out DIR   writes DIR/cues.flac and DIR/sprite.ts instead
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFlac } from './flac.mjs';

const SAMPLE_RATE = 11025;
const GAP_MS = 50;
/** FLAC block length in samples: the smallest file of those tried (576 to 4608). */
const FLAC_BLOCK = 1152;
const MAX_BYTES = 32 * 1024;
// Every partial stays well under the 5512 Hz Nyquist limit, so nothing aliases.
const MAX_PARTIAL_HZ = 4000;
// A click-free start and end for every note.
const FADE_MS = 8;
const PEAK_CEILING_DB = -3;

/** Band-limited triangle: odd harmonics falling as 1/k², with alternating sign. */
const TRIANGLE = [
  [1, 1],
  [3, -1 / 9],
  [5, 1 / 25],
  [7, -1 / 49],
];
const SINE = [[1, 1]];
/** A sine with a touch of octave, for presence on small phone speakers. */
const WARM = [
  [1, 1],
  [2, 0.18],
];

/**
 * Each cue: its length, the peak it is normalised to, and its notes. A note starts at `at` ms, lasts `ms`,
 * rises over `attack` ms and decays exponentially with time constant `tau` ms; each partial is
 * [frequency ratio, amplitude, decay-speed factor].
 */
const CUES = [
  {
    name: 'pip',
    ms: 90,
    peakDb: -4,
    notes: [{ at: 0, ms: 90, hz: 880, partials: WARM, attack: 4, tau: 70 }],
  },
  {
    // Bright and rising: go.
    name: 'workStart',
    ms: 300,
    peakDb: -3.5,
    notes: [
      { at: 0, ms: 130, hz: 880, partials: TRIANGLE, attack: 4, tau: 120 },
      { at: 120, ms: 180, hz: 1320, partials: TRIANGLE, attack: 4, tau: 140 },
    ],
  },
  {
    // Soft and falling: ease off. Pure sines with a gentler attack.
    name: 'restStart',
    ms: 300,
    peakDb: -5,
    notes: [
      { at: 0, ms: 145, hz: 660, partials: SINE, attack: 12, tau: 150 },
      { at: 130, ms: 170, hz: 440, partials: SINE, attack: 12, tau: 160 },
    ],
  },
  {
    // A struck bell: inharmonic partials that die faster the higher they are.
    name: 'halfway',
    ms: 400,
    peakDb: -3.5,
    notes: [
      {
        at: 0,
        ms: 400,
        hz: 784,
        attack: 3,
        tau: 170,
        partials: [
          [1, 1, 1],
          [2.76, 0.45, 2],
          [4.07, 0.2, 3.2],
        ],
      },
    ],
  },
  {
    // Three quick climbing notes (G major), the last one ringing a little.
    name: 'lastRound',
    ms: 450,
    peakDb: -4,
    notes: [
      { at: 0, ms: 140, hz: 784, partials: TRIANGLE, attack: 4, tau: 90 },
      { at: 130, ms: 140, hz: 988, partials: TRIANGLE, attack: 4, tau: 90 },
      { at: 260, ms: 190, hz: 1175, partials: TRIANGLE, attack: 4, tau: 120 },
    ],
  },
  {
    // C major arpeggio whose notes keep sounding, so it lands on a held chord.
    name: 'finish',
    ms: 1000,
    peakDb: -3.5,
    notes: [
      { at: 0, ms: 1000, hz: 523.25, partials: WARM, attack: 5, tau: 450 },
      { at: 110, ms: 890, hz: 659.26, partials: WARM, attack: 5, tau: 450 },
      { at: 220, ms: 780, hz: 783.99, partials: WARM, attack: 5, tau: 450 },
      { at: 330, ms: 670, hz: 1046.5, partials: WARM, attack: 5, tau: 420 },
    ],
  },
  {
    // High-low-high-low: a quick alternation, unlike any other cue.
    name: 'switchSides',
    ms: 250,
    peakDb: -5.5,
    notes: [
      { at: 0, ms: 62, hz: 1319, partials: WARM, attack: 4, tau: 80 },
      { at: 62, ms: 62, hz: 988, partials: WARM, attack: 4, tau: 80 },
      { at: 124, ms: 62, hz: 1319, partials: WARM, attack: 4, tau: 80 },
      { at: 186, ms: 64, hz: 988, partials: WARM, attack: 4, tau: 80 },
    ],
  },
];

const msToSamples = (ms) => Math.round((ms * SAMPLE_RATE) / 1000);

/** Raised-cosine ramp from 0 to 1 over `n` samples, evaluated at sample `i`. */
const ramp = (i, n) => (i >= n ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * i) / n));

function addNote(out, note) {
  const start = msToSamples(note.at);
  const length = Math.min(msToSamples(note.ms), out.length - start);
  const attack = msToSamples(note.attack);
  const fade = msToSamples(FADE_MS);
  const partials = note.partials.filter(([ratio]) => note.hz * ratio <= MAX_PARTIAL_HZ);
  for (let i = 0; i < length; i++) {
    const t = i / SAMPLE_RATE;
    const envelope = ramp(i, attack) * ramp(length - 1 - i, fade);
    let value = 0;
    for (const [ratio, amp, decay = 1] of partials) {
      value += amp * Math.sin(2 * Math.PI * note.hz * ratio * t) * Math.exp((-t * 1000 * decay) / note.tau);
    }
    out[start + i] += envelope * value;
  }
}

function renderCue(cue) {
  const samples = new Float64Array(msToSamples(cue.ms));
  for (const note of cue.notes) addNote(samples, note);
  const fade = msToSamples(FADE_MS);
  for (let i = 0; i < fade; i++) samples[samples.length - 1 - i] *= ramp(i, fade);
  const peak = samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
  const gain = 10 ** (cue.peakDb / 20) / peak;
  return samples.map((s) => s * gain);
}

/** Lays the cues end to end, each followed by a silent gap, on whole-millisecond offsets. */
function buildSprite() {
  const map = {};
  const regions = [];
  let cursorMs = 0;
  for (const cue of CUES) {
    map[cue.name] = { offsetMs: cursorMs, durationMs: cue.ms };
    regions.push({ start: msToSamples(cursorMs), samples: renderCue(cue) });
    cursorMs += cue.ms + GAP_MS;
  }
  const pcm = new Int16Array(msToSamples(cursorMs));
  for (const { start, samples } of regions) {
    samples.forEach((s, i) => (pcm[start + i] = Math.round(s * 32767)));
  }
  return { map, pcm };
}

function spriteEntries(map) {
  return Object.entries(map)
    .map(([name, { offsetMs, durationMs }]) => `  ${name}: { offsetMs: ${offsetMs}, durationMs: ${durationMs} },`)
    .join('\n');
}

/** The sprite map as TypeScript, already formatted as Prettier (printWidth 120, single quotes) would. */
function spriteModule(map) {
  const entries = spriteEntries(map);
  const union = Object.keys(map)
    .map((name) => `'${name}'`)
    .join(' | ');
  return `// Generated by scripts/make-sounds.mjs — do not edit.
// Where each workout cue sits, in milliseconds, in the sound sprite public/sounds/cues.flac.

export type CueSound = ${union};

export const SPRITE_URL = '/sounds/cues.flac';

export const SPRITE: Record<CueSound, { offsetMs: number; durationMs: number }> = {
${entries}
};

/** The sprite in howler's format: each cue as [offsetMs, durationMs]. */
export function howlerSprite(): Record<CueSound, [number, number]> {
  const sprite = {} as Record<CueSound, [number, number]>;
  for (const name of Object.keys(SPRITE) as CueSound[]) {
    sprite[name] = [SPRITE[name].offsetMs, SPRITE[name].durationMs];
  }
  return sprite;
}
`;
}

function parseArgs(argv) {
  if (argv.length === 0) {
    const root = fileURLToPath(new URL('..', import.meta.url));
    return { soundDir: join(root, 'public', 'sounds'), tsDir: join(root, 'src', 'audio') };
  }
  if (argv.length === 2 && argv[0] === '--out') return { soundDir: argv[1], tsDir: argv[1] };
  console.error('Usage: node scripts/make-sounds.mjs [--out DIR]');
  process.exit(2);
}

const { soundDir, tsDir } = parseArgs(process.argv.slice(2));
const { map, pcm } = buildSprite();
const flac = encodeFlac(pcm, SAMPLE_RATE, FLAC_BLOCK);

const peak = pcm.reduce((max, s) => Math.max(max, Math.abs(s)), 0) / 32767;
if (20 * Math.log10(peak) > PEAK_CEILING_DB) {
  console.error(`Peak ${(20 * Math.log10(peak)).toFixed(2)} dBFS is above ${PEAK_CEILING_DB} dBFS.`);
  process.exit(1);
}
if (flac.length > MAX_BYTES) {
  console.error(`cues.flac would be ${flac.length} bytes, over the ${MAX_BYTES}-byte budget: shorten the sounds.`);
  process.exit(1);
}

mkdirSync(soundDir, { recursive: true });
mkdirSync(tsDir, { recursive: true });
writeFileSync(join(soundDir, 'cues.flac'), flac);
writeFileSync(join(tsDir, 'sprite.ts'), spriteModule(map));

console.log(`SPRITE (also written to sprite.ts):\n{\n${spriteEntries(map)}\n}`);
console.log(
  `Wrote ${join(soundDir, 'cues.flac')}: ${flac.length} bytes (${(flac.length / 1024).toFixed(1)} KB;` +
    ` ${pcm.length * 2} bytes of samples)`,
);
console.log(`Wrote ${join(tsDir, 'sprite.ts')}`);
