// Fuzzing share and class links: any text, valid links damaged as copies and QR reads damage them,
// and well-packed links whose circuit is hostile or mutated. decodeShare never throws and refuses in
// words; ClassRun.open never throws and either runs the class or says why not.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from '../../../src/share/link';
import { parseCircuit } from '../../../src/storage/circuit-schema';
import { compileCircuit } from '../../../src/engine/timeline';
import { PRESETS } from '../../../src/data/presets';
import { FakeClock } from '../../../src/engine/clock';
import { ClassRun } from '../../../src/state/class-run.svelte';
import { anyJson, damagedText, expectMessage, fuzz, RUNS, TIMEOUT, mutationsOf, nastyValue } from './arbitraries';

const EDGE = 'share and class links';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const WALL = Date.UTC(2026, 11, 1, 18, 0, 0);

/** Link text for any data, packed exactly as the app packs it, so it reaches the circuit checks. */
function pack(data: unknown, version = '1'): string {
  const json = JSON.stringify(data) ?? 'null';
  return `${version}.${deflateRawSync(Buffer.from(json, 'utf8')).toString('base64url')}`;
}

function unpack(link: string): unknown {
  return JSON.parse(inflateRawSync(Buffer.from(link.slice(2), 'base64url')).toString('utf8'));
}

let links: string[] = [];
let wires: unknown[] = [];

beforeAll(async () => {
  const circuits = PRESETS.filter((p) => p.circuit.blocks.every((b) => b.steps.every((s) => s.mode === 'time')));
  links = await Promise.all(
    PRESETS.map((p, i) =>
      encodeShare({ circuit: p.circuit, ...(circuits.includes(p) ? { classStartsAt: WALL + i * 60_000 } : {}) }),
    ),
  );
  wires = links.map(unpack);
});

/** The whole contract of both link edges for one link text. */
async function checkLink(text: string): Promise<void> {
  const decoded = await decodeShare(text);
  if (decoded.ok) {
    const { circuit, classStartsAt } = decoded.payload;
    expect(parseCircuit(JSON.parse(JSON.stringify(circuit))).ok).toBe(true);
    expect(compileCircuit(circuit).segments.length).toBeGreaterThan(0);
    if (classStartsAt !== undefined) expect(Number.isFinite(classStartsAt)).toBe(true);
  } else expectMessage(decoded.message);

  const clock = new FakeClock(5_000);
  const run = new ClassRun(clock, () => WALL - 5_000 + clock.now());
  await run.open(text);
  if (run.error !== null) {
    expectMessage(run.error);
    expect(run.workout).toBeNull();
  } else {
    expect(decoded.ok).toBe(true);
    expect(run.workout).not.toBeNull();
    clock.advance(3_600_000);
    run.workout!.tick();
  }
}

describe('share and class links, fuzzed', () => {
  it(
    'any text at all is refused in words, never thrown',
    async () => {
      const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^\d{0,8}\.[A-Za-z0-9_-]*$/));
      await fuzz(EDGE, fc.asyncProperty(text, checkLink), RUNS);
    },
    TIMEOUT,
  );

  it(
    'valid links cut short, with a bit flipped or a character changed, added or dropped',
    async () => {
      const damaged = damagedText(
        fc.nat().map((i) => links[i % links.length]!),
        BASE64URL + '.=+/ %',
      );
      await fuzz(EDGE, fc.asyncProperty(damaged, checkLink), RUNS);
    },
    TIMEOUT,
  );

  it(
    'well-packed links holding hostile data or a mutated circuit',
    async () => {
      const data = fc.oneof(
        anyJson,
        mutationsOf(fc.nat().map((i) => wires[i % wires.length])),
        nastyValue.map((circuit) => ({ circuit })),
      );
      const version = fc.constantFrom('1', '1', '1', '2', '0', '01', '999999');
      await fuzz(
        EDGE,
        fc.asyncProperty(data, version, (d, v) => checkLink(pack(d, v))),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'every preset’s link opens as it is',
    async () => {
      for (const link of links) expect((await decodeShare(link)).ok).toBe(true);
    },
    TIMEOUT,
  );
});
