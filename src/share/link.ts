// A circuit (and a class's start instant) as URL-safe text for a link or QR code: versioned,
// deflated with the platform's CompressionStream, and checked on the way back like any other edge.
import { CIRCUIT_SCHEMA_VERSION, type Block, type Circuit, type ExerciseSnapshot, type Step } from '../engine/model';
import { exerciseSnapshot, findExercise } from '../data/exercises';
import { parseCircuit } from '../storage/circuit-schema';
import { parseGuardedJson } from '../storage/guarded-json';

/** The shape of the link's data; a change to it is a new version, and older apps refuse newer links. */
export const SHARE_VERSION = 1;
/** Longer link text is refused unread: the longest circuit the editor allows packs to far less. */
export const MAX_LINK_CHARS = 16_000;
/** Decompression stops past this many bytes, so a small hostile link cannot unpack to gigabytes. */
export const MAX_UNPACKED_BYTES = 256 * 1024;
/** A circuit nests about 7 deep; this is far deeper, and far shallower than what could exhaust the stack. */
const MAX_DEPTH = 16;
/** A class start outside these years is not a class anyone schedules: the link was damaged or forged. */
const EARLIEST_CLASS = Date.UTC(2020, 0, 1);
const LATEST_CLASS = Date.UTC(2100, 0, 1);

export interface SharePayload {
  circuit: Circuit;
  /** When a scheduled class starts, epoch ms: every phone runs from this instant by its own clock. */
  classStartsAt?: number;
}

export type DecodeResult = { ok: true; payload: SharePayload } | { ok: false; message: string };

/** A library exercise whose name, sides and tips are the library's travels as its id alone. */
type WireExercise = string | ExerciseSnapshot;
type WireStep = Omit<Step, 'id' | 'exercise'> & { exercise: WireExercise };
type WireBlock = Omit<Block, 'id' | 'steps'> & { steps: WireStep[] };
/** What a receiver needs of a circuit: no ids (made afresh), no dates, no preset link. */
type WireCircuit = Pick<
  Circuit,
  'name' | 'description' | 'prepSeconds' | 'warmUpSeconds' | 'coolDownSeconds' | 'switchSidesSeconds' | 'level'
> & { blocks: WireBlock[] };
interface Wire {
  circuit: WireCircuit;
  classStartsAt?: number;
}

/** Thrown by encodeShare for a circuit too large for a link that decodeShare would open. */
export class ShareTooLargeError extends Error {
  override name = 'ShareTooLargeError';
}

/**
 * The link text for a payload: `<version>.<base64url of deflate-raw of JSON>`. Throws a
 * ShareTooLargeError, with a message for the person, when the link would be refused on opening.
 */
export async function encodeShare(p: SharePayload): Promise<string> {
  const wire: Wire = { circuit: toWire(p.circuit) };
  if (p.classStartsAt !== undefined) wire.classStartsAt = p.classStartsAt;
  const json = new TextEncoder().encode(JSON.stringify(wire));
  const packed = await readAll(streamOf(json, 'compress'), Infinity);
  const text = `${SHARE_VERSION}.${toBase64Url(packed!)}`;
  if (json.byteLength > MAX_UNPACKED_BYTES || text.length > MAX_LINK_CHARS)
    throw new ShareTooLargeError(
      'This circuit is too large to share as a link: shorten its form tips or split it into smaller circuits.',
    );
  return text;
}

/**
 * Reads link text back into a payload with a fresh circuit id, or says in words why it cannot;
 * never throws, and never trusts the text: its length, version, packing, JSON and circuit are all checked.
 */
export async function decodeShare(text: string): Promise<DecodeResult> {
  const refuse = (message: string): DecodeResult => ({ ok: false, message });
  const again = 'Ask for the link again, and copy all of it.';
  if (text.trim() === '') return refuse(`This link is empty: the circuit should follow “#/shared/”. ${again}`);
  if (text.length > MAX_LINK_CHARS)
    return refuse(
      `This link is too long to be a shared circuit (${text.length.toLocaleString('en')} characters; ` +
        `shared circuits are at most ${MAX_LINK_CHARS.toLocaleString('en')}). ${again}`,
    );
  const shape = /^(\d{1,6})\.(.*)$/s.exec(text);
  if (!shape) return refuse(`This is not a Circuit Timer link, or its start is missing. ${again}`);
  const version = Number(shape[1]);
  if (version > SHARE_VERSION)
    return refuse(
      'This circuit was made by a newer version of Circuit Timer: update the app first, then open the link ' +
        `again (link version ${version}; this app reads version ${SHARE_VERSION}).`,
    );
  if (shape[1] !== String(SHARE_VERSION))
    return refuse(
      `This link’s version (“${shape[1]}”) is not one Circuit Timer knows, so it can’t be opened. ${again}`,
    );

  const bytes = fromBase64Url(shape[2]!);
  if (!bytes)
    return refuse(`This link is damaged: it has characters a shared circuit never has, or some are missing. ${again}`);
  let unpacked: Uint8Array | null;
  try {
    unpacked = await readAll(streamOf(bytes, 'decompress'), MAX_UNPACKED_BYTES);
  } catch {
    return refuse(`This link is cut short or damaged, so its circuit can’t be read. ${again}`);
  }
  if (!unpacked)
    return refuse(
      `This link unpacks to far more data than any circuit (over ${MAX_UNPACKED_BYTES / 1024} KB), so it was not opened.`,
    );
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(unpacked);
  } catch {
    return refuse(`This link is damaged: its circuit is not readable text. ${again}`);
  }
  const parsed = parseGuardedJson(json, MAX_DEPTH);
  if (!parsed.ok && parsed.problem === 'too-deep')
    return refuse('This link is not a shared circuit: its data is nested far deeper than a circuit’s.');
  if (!parsed.ok && parsed.problem === 'not-json')
    return refuse(`This link is damaged: its circuit is not in the form Circuit Timer writes. ${again}`);
  if (!parsed.ok)
    return refuse(
      `This link can’t be opened: it has a field named “${parsed.key}”, which shared circuits never have, ` +
        'so it was made or changed by something else.',
    );
  const wire = parsed.value;
  if (!isRecord(wire) || !isRecord(wire.circuit))
    return refuse(`This link is not a shared circuit: it holds no circuit. ${again}`);

  const unknown = unknownExercise(wire.circuit);
  if (unknown !== null)
    return refuse(
      `This shared circuit names an exercise this version of Circuit Timer doesn’t know (“${unknown}”): ` +
        'update the app first, or ask for the link again.',
    );
  const circuit = parseCircuit(fromWire(wire.circuit));
  if (!circuit.ok) return refuse(`This shared circuit can’t be used. ${circuit.message}`);

  const payload: SharePayload = { circuit: circuit.circuit };
  if (wire.classStartsAt !== undefined) {
    const at = wire.classStartsAt;
    if (typeof at !== 'number' || !Number.isFinite(at) || at < EARLIEST_CLASS || at > LATEST_CLASS)
      return refuse(`This class link’s start time is not a real date and time, so the class can’t be run. ${again}`);
    payload.classStartsAt = at;
  }
  return { ok: true, payload };
}

/** The app's address for a shared circuit, or for a class that runs it from a set instant. */
export function shareHref(kind: 'circuit' | 'class', payload: string): string {
  return `#/${kind === 'circuit' ? 'shared' : 'class'}/${payload}`;
}

/** The whole link to send: this page's address with the share route in place of its own. */
export function shareUrl(
  kind: 'circuit' | 'class',
  payload: string,
  where: Pick<Location, 'origin' | 'pathname'> = location,
): string {
  return `${where.origin}${where.pathname}${shareHref(kind, payload)}`;
}

/**
 * Why a circuit cannot be run as a class, or null when it can: a class runs on one shared clock,
 * and a step that waits for each person's tap would put every phone at a different place.
 */
export function classRefusal(circuit: Circuit): string | null {
  const waits = circuit.blocks.some((b) => b.steps.some((s) => s.mode === 'reps'));
  return waits
    ? 'A class runs on one shared clock: steps that wait for a tap can’t be in step. Make those steps timed ' +
        '(“After a set time”) in a copy of this circuit to run it as a class.'
    : null;
}

/** The same circuit by content, whatever their ids, dates or preset: a shared circuit saved before. */
export function sameCircuit(a: Circuit, b: Circuit): boolean {
  return JSON.stringify(toWire(a)) === JSON.stringify(toWire(b));
}

function toWire(c: Circuit): WireCircuit {
  const wire: WireCircuit = {
    name: c.name,
    description: c.description,
    prepSeconds: c.prepSeconds,
    warmUpSeconds: c.warmUpSeconds,
    coolDownSeconds: c.coolDownSeconds,
    switchSidesSeconds: c.switchSidesSeconds,
    blocks: c.blocks.map((b) => {
      const block: WireBlock = {
        name: b.name,
        rounds: b.rounds,
        restBetweenRoundsSeconds: b.restBetweenRoundsSeconds,
        restAfterSeconds: b.restAfterSeconds,
        pace: b.pace ? { ratio: b.pace.ratio, intervalSeconds: b.pace.intervalSeconds } : null,
        steps: b.steps.map((s) => ({
          exercise: wireExercise(s.exercise),
          mode: s.mode,
          workSeconds: s.workSeconds,
          reps: s.reps,
          restSeconds: s.restSeconds,
        })),
      };
      // Sent only when set, so a link to a circuit without stations stays as short as before.
      if (b.stations) block.stations = true;
      return block;
    }),
  };
  if (c.level !== undefined) wire.level = c.level;
  return wire;
}

function wireExercise(e: ExerciseSnapshot): WireExercise {
  const known = e.id === null ? undefined : findExercise(e.id);
  const unchanged =
    known !== undefined &&
    known.name === e.name &&
    known.perSide === e.perSide &&
    known.tips.length === e.tips.length &&
    known.tips.every((tip, i) => tip === e.tips[i]);
  return unchanged ? known.id : { id: e.id, name: e.name, perSide: e.perSide, tips: [...e.tips] };
}

/** The first exercise sent by an id that is not in this version's library, shortened for a message. */
function unknownExercise(circuit: Record<string, unknown>): string | null {
  for (const block of arrayOf(circuit.blocks))
    for (const step of arrayOf(isRecord(block) ? block.steps : undefined)) {
      const exercise = isRecord(step) ? step.exercise : undefined;
      if (typeof exercise === 'string' && findExercise(exercise) === undefined) return exercise.slice(0, 40);
    }
  return null;
}

/**
 * Puts back what the link left out (fresh ids, the version, library exercises) without checking
 * anything: parseCircuit does that next, and anything out of shape is refused there.
 */
function fromWire(wire: Record<string, unknown>): unknown {
  const { name, description, prepSeconds, warmUpSeconds, coolDownSeconds, switchSidesSeconds, level, blocks } = wire;
  const circuit: Record<string, unknown> = {
    schemaVersion: CIRCUIT_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    name,
    description,
    prepSeconds,
    warmUpSeconds,
    coolDownSeconds,
    switchSidesSeconds,
    blocks: Array.isArray(blocks) ? blocks.map(blockFromWire) : blocks,
  };
  if (level !== undefined) circuit.level = level;
  return circuit;
}

function blockFromWire(block: unknown): unknown {
  if (!isRecord(block)) return block;
  const { name, rounds, restBetweenRoundsSeconds, restAfterSeconds, pace, stations, steps } = block;
  return {
    id: crypto.randomUUID(),
    name,
    rounds,
    restBetweenRoundsSeconds,
    restAfterSeconds,
    pace,
    ...(stations === undefined ? {} : { stations }),
    steps: Array.isArray(steps) ? steps.map(stepFromWire) : steps,
  };
}

function stepFromWire(step: unknown): unknown {
  if (!isRecord(step)) return step;
  const { exercise, mode, workSeconds, reps, restSeconds } = step;
  const known = typeof exercise === 'string' ? findExercise(exercise) : undefined;
  return {
    id: crypto.randomUUID(),
    exercise: known ? exerciseSnapshot(known) : exercise,
    mode,
    workSeconds,
    reps,
    restSeconds,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function streamOf(bytes: Uint8Array, direction: 'compress' | 'decompress'): ReadableStream<Uint8Array> {
  const transform =
    direction === 'compress' ? new CompressionStream('deflate-raw') : new DecompressionStream('deflate-raw');
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
}

/** The stream's bytes, or null as soon as they pass `cap` (the rest is never produced); throws if it fails. */
async function readAll(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of unpadded base64url text, or null when it is not that. */
function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
