// Generators shared by the fuzz properties: hostile data of every shape, mutations of valid inputs,
// and the check that a refusal is a sentence a person can read. The run count comes from FUZZ_RUNS.
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';

/** Cases per property: a few hundred in `npm test`, 10 000 from `bench/fuzz.mjs`. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/**
 * Runs for an edge that opens a fresh database per case: a share of RUNS in the default run, so the
 * suite stays fast, and the full count from the bench (FUZZ_RUNS set).
 */
export function runsOf(share: number): number {
  return process.env.FUZZ_RUNS ? RUNS : Math.max(20, Math.round(RUNS * share));
}

/** A test's time limit: a bench run of 10 000 cases per edge takes minutes. */
export const TIMEOUT = process.env.FUZZ_RUNS ? 3_600_000 : 60_000;

/** Options for fc.assert: the run count, and a seed from FUZZ_SEED to replay a failure. */
export function fuzzOptions(numRuns = RUNS): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED;
  return { numRuns, ...(seed ? { seed: Number(seed) } : {}) };
}

/**
 * Checks a property over `numRuns` cases and, for the bench, appends what ran to the file named by
 * FUZZ_REPORT (a JSON line per property: its edge, cases, whether it failed, how long it took).
 */
export async function fuzz<T>(
  edge: string,
  property: fc.IProperty<T> | fc.IAsyncProperty<T>,
  numRuns: number = RUNS,
): Promise<void> {
  const started = performance.now();
  let failed = true;
  try {
    await fc.assert(property as fc.IAsyncProperty<T>, fuzzOptions(numRuns) as fc.Parameters<T>);
    failed = false;
  } finally {
    const report = process.env.FUZZ_REPORT;
    if (report)
      appendFileSync(
        report,
        JSON.stringify({ edge, cases: numRuns, failed, ms: Math.round(performance.now() - started) }) + '\n',
      );
  }
}

/** The longest refusal a person is shown; a longer one is a wall of text nobody reads. */
export const MAX_MESSAGE = 1500;

/** A refusal must be a sentence: not empty, not a stringified object, not a developer's message. */
export function expectMessage(message: unknown): void {
  expect(typeof message).toBe('string');
  const text = message as string;
  expect(text.trim().length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE);
  expect(text).not.toMatch(/\[object |\bundefined\b|Invalid (type|key|length|finite)|Expected /);
}

/** Keys that mean prototype pollution where data is merged, and keys that look like ours. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** An object with `key` as an own property, as JSON.parse makes it, even for `__proto__`. */
export function ownKey(key: string, value: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
  return o;
}

/** Nested `depth` levels deep, as arrays or objects. */
export function nested(depth: number, asObject: boolean): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

const HUGE = 'x'.repeat(100_000);

/** Text a person or a hostile file might put anywhere: unicode, RTL, emoji, control characters, huge. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '\u202Eevil\u202C',
    'مرحبا بالعالم',
    '💪🏽🏋️‍♀️🔥',
    '\u0000',
    '\uD800',
    '<img src=x onerror=alert(1)>',
    '=HYPERLINK("x")',
    '%E0%A4%A',
    'NaN',
    '40',
    '-1',
    'null',
    'true',
    '{}',
    '[]',
    HUGE,
    '💪'.repeat(5_000),
  ),
);

/** A value that does not belong where it is put: wrong type, out of range, not finite, huge, deep. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    NaN,
    Infinity,
    -Infinity,
    -1,
    0,
    -0,
    0.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    null,
    undefined,
    true,
    false,
    [],
    {},
  ),
  fc.double(),
  fc.integer(),
  nastyString,
  fc.constantFrom(...HOSTILE_KEYS).map((key) => ownKey(key, { polluted: true })),
  fc.integer({ min: 1, max: 300 }).chain((depth) => fc.boolean().map((asObject) => nested(depth, asObject))),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Arbitrary data of any shape, with hostile keys, null prototypes, boxed values and deep nesting. */
export const anyData: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    key: fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_KEYS)),
    withNullPrototype: true,
    withBoxedValues: true,
    withSparseArray: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withBigInt: true,
    withTypedArray: true,
  }),
  nastyValue,
);

/** Plain data that structured clone and JSON both take (what storage and files can hold). */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue(), nastyValue);

type Slot = { holder: Record<string, unknown> | unknown[]; key: string | number };

/** Every place in `root` that holds a value, parent first. */
function slots(root: unknown): Slot[] {
  const found: Slot[] = [];
  const walk = (value: unknown, depth: number) => {
    if (typeof value !== 'object' || value === null || depth > 40) return;
    if (Array.isArray(value))
      value.forEach((item, i) => {
        found.push({ holder: value, key: i });
        walk(item, depth + 1);
      });
    else
      for (const key of Object.keys(value)) {
        found.push({ holder: value as Record<string, unknown>, key });
        walk((value as Record<string, unknown>)[key], depth + 1);
      }
  };
  walk(root, 0);
  return found;
}

const OPS = ['drop', 'duplicate', 'replace', 'add', 'swap', 'retype'] as const;
export interface Mutation {
  op: (typeof OPS)[number];
  at: number;
  other: number;
  value: unknown;
  key: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(...OPS),
  at: fc.nat(),
  other: fc.nat(),
  value: nastyValue,
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...HOSTILE_KEYS)),
});

/** A number as a string, a string as a number, a list as its first item: the same data, mistyped. */
function retyped(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  if (typeof value === 'boolean') return value ? 'true' : 1;
  if (Array.isArray(value)) return value[0];
  if (value === null) return 'null';
  return [value];
}

/** Applies mutations to a copy of `valid`, so that most of it is still right and one part is wrong. */
export function mutate(valid: unknown, mutations: readonly Mutation[]): unknown {
  let root = structuredClone(valid);
  for (const m of mutations) {
    const all = slots(root);
    if (all.length === 0) {
      root = m.op === 'retype' ? retyped(root) : m.value;
      continue;
    }
    const { holder, key } = all[m.at % all.length]!;
    const current = (holder as Record<string | number, unknown>)[key];
    const put = (k: string | number, v: unknown) =>
      Array.isArray(holder) && typeof k === 'number'
        ? (holder[k] = v)
        : Object.defineProperty(holder, k, { value: v, enumerable: true, configurable: true, writable: true });
    switch (m.op) {
      case 'drop':
        if (Array.isArray(holder)) holder.splice(key as number, 1);
        else delete holder[key as string];
        break;
      case 'duplicate':
        if (Array.isArray(holder)) holder.splice(key as number, 0, structuredClone(current));
        else put(`${String(key)}2`, structuredClone(current));
        break;
      case 'replace':
        put(key, m.value);
        break;
      case 'add':
        if (Array.isArray(holder)) holder.push(m.value);
        else put(m.key, m.value);
        break;
      case 'swap':
        put(
          key,
          structuredClone(
            (all[m.other % all.length]!.holder as Record<string | number, unknown>)[all[m.other % all.length]!.key],
          ),
        );
        break;
      case 'retype':
        put(key, retyped(current));
        break;
    }
  }
  return root;
}

/** A valid value with 1 to 4 mutations. */
export function mutationsOf(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([value, mutations]) => mutate(value, mutations));
}

/** Text damaged the way files and links are: cut short, a character changed, inserted or removed. */
export function damagedText(text: fc.Arbitrary<string>, alphabet?: string): fc.Arbitrary<string> {
  const char = alphabet ? fc.constantFrom(...alphabet.split('')) : fc.string({ minLength: 1, maxLength: 1 });
  const edit = fc.record({
    kind: fc.constantFrom('truncate', 'replace', 'insert', 'delete', 'flip'),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 64 }),
    char,
  });
  return fc.tuple(text, fc.array(edit, { minLength: 1, maxLength: 3 })).map(([original, edits]) => {
    let t = original;
    for (const e of edits) {
      const at = t.length === 0 ? 0 : e.at % t.length;
      if (e.kind === 'truncate') t = t.slice(0, at);
      else if (e.kind === 'replace') t = t.slice(0, at) + e.char + t.slice(at + 1);
      else if (e.kind === 'insert') t = t.slice(0, at) + e.char + t.slice(at);
      else if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + e.length);
      // One bit of one character: what a bad copy or a bad QR read does.
      else t = t.slice(0, at) + String.fromCharCode(t.charCodeAt(at) ^ (1 << (e.length % 7))) + t.slice(at + 1);
    }
    return t;
  });
}

/** Text nested far too deep to be ours: `[[[[…]]]]` or `{"a":{"a":…}}`, up to 100 000 levels. */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.boolean(), fc.boolean())
  .map(([depth, asObject, closed]) => {
    const open = asObject ? '{"a":'.repeat(depth) + '0' : '['.repeat(depth);
    return closed ? open + (asObject ? '}' : ']').repeat(depth) : open;
  });
