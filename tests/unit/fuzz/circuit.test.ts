// Fuzzing circuit data, the shape every edge shares (storage, files, links, the display window):
// parseCircuit never throws and refuses in words, and whatever it accepts re-validates and compiles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCircuit } from '../../../src/storage/circuit-schema';
import { compileCircuit } from '../../../src/engine/timeline';
import { PRESETS } from '../../../src/data/presets';
import { anyData, expectMessage, fuzz, RUNS, TIMEOUT, mutationsOf } from './arbitraries';

const EDGE = 'circuit JSON';

const presets = fc.constantFrom(...PRESETS.map((p) => p.circuit));

/** The whole contract of parseCircuit for one input. */
function checkParse(data: unknown): void {
  const parsed = parseCircuit(data);
  if (!parsed.ok) return expectMessage(parsed.message);
  // Accepted: it is plain data that survives storage and a link, says the same again, and runs.
  const again = parseCircuit(JSON.parse(JSON.stringify(parsed.circuit)));
  expect(again.ok).toBe(true);
  const timeline = compileCircuit(parsed.circuit);
  expect(timeline.segments.length).toBeGreaterThan(0);
  expect(Number.isFinite(timeline.totalMs) && timeline.totalMs >= 0).toBe(true);
}

describe('circuit data, fuzzed', () => {
  it(
    'parseCircuit never throws on data of any shape, and refuses it in words',
    async () => {
      await fuzz(EDGE, fc.property(anyData, checkParse), RUNS);
    },
    TIMEOUT,
  );

  it(
    'parseCircuit never throws on mutated presets; what it accepts re-validates and compiles',
    async () => {
      await fuzz(EDGE, fc.property(mutationsOf(presets), checkParse), RUNS);
    },
    TIMEOUT,
  );

  it(
    'every preset is accepted as it is',
    () => {
      for (const preset of PRESETS) checkParse(preset.circuit);
    },
    TIMEOUT,
  );
});
