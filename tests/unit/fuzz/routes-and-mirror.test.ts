// Fuzzing the two edges that take anything at all: the address (parseHash) and a message from
// another window (readMessage). Neither throws; each gives a route or a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { href, parseHash } from '../../../src/state/routes';
import { readMessage, MIRROR_VERSION } from '../../../src/state/mirror';
import { parseCircuit } from '../../../src/storage/circuit-schema';
import { PRESETS } from '../../../src/data/presets';
import { anyData, fuzz, RUNS, TIMEOUT, mutationsOf, nastyString } from './arbitraries';

const ROUTES = new Set([
  ...['library', 'new', 'edit', 'duplicate', 'run', 'resume', 'finish', 'settings', 'history', 'session'],
  ...['display', 'shared', 'class', 'notFound'],
]);

describe('addresses, fuzzed', () => {
  it(
    'parseHash takes any text, gives a known route, and reads its own href back to the same route',
    async () => {
      const segment = fc.oneof(
        fc.constantFrom('edit', 'run', 'resume', 'session', 'duplicate', 'shared', 'class', 'new', 'history', ''),
        fc.string(),
        fc.webSegment(),
        fc.constantFrom('%', '%E0', '%E0%A4%A', '%00', '..', '%2F'),
      );
      const hash = fc.oneof(
        nastyString,
        fc.string({ unit: 'binary' }),
        fc.array(segment, { maxLength: 4 }).map((parts) => `#/${parts.join('/')}`),
      );
      await fuzz(
        'routes',
        fc.property(hash, (h) => {
          const route = parseHash(h);
          expect(ROUTES.has(route.name)).toBe(true);
          expect(parseHash(href(route))).toEqual(route);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});

describe('messages from another window, fuzzed', () => {
  const valid = fc.constantFrom(...PRESETS).map((p) => ({
    v: MIRROR_VERSION,
    type: 'run',
    run: {
      circuit: p.circuit,
      startedAt: 12_345.5,
      events: [
        { type: 'pause', at: 20_000 },
        { type: 'resume', at: 25_000 },
        { type: 'extend', at: 30_000, ms: 10_000 },
        { type: 'skip', at: 31_000 },
      ],
    },
  }));
  const other = fc.constantFrom<unknown>(
    { v: MIRROR_VERSION, type: 'hello' },
    { v: MIRROR_VERSION, type: 'closed' },
    { v: MIRROR_VERSION, type: 'command', command: 'skip' },
  );

  it(
    'readMessage never throws on any data or a mutated message; what it accepts is whole and valid',
    async () => {
      await fuzz(
        'display-window messages',
        fc.property(fc.oneof(anyData, mutationsOf(valid), mutationsOf(other), valid), (data) => {
          const read = readMessage(data);
          if (!read.ok) {
            expect(typeof read.reason).toBe('string');
            expect(read.reason.trim().length).toBeGreaterThan(0);
            return;
          }
          const m = read.message;
          expect(m.v).toBe(MIRROR_VERSION);
          if (m.type === 'run') {
            expect(parseCircuit(JSON.parse(JSON.stringify(m.run.circuit))).ok).toBe(true);
            expect(m.run.startedAt === null || Number.isFinite(m.run.startedAt)).toBe(true);
            for (const e of m.run.events) {
              expect(Number.isFinite(e.at)).toBe(true);
              if (e.ms !== undefined) expect(Number.isFinite(e.ms)).toBe(true);
            }
          } else if (m.type === 'command') expect(['toggle', 'skip', 'back', 'extend']).toContain(m.command);
          else expect(['hello', 'closed']).toContain(m.type);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
