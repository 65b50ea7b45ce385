// The presenter's run mirrored to a display window of the same browser (a cast or HDMI screen),
// over a BroadcastChannel. Only the circuit and the run's log cross: each window derives the state
// from its own clock, so the display is in step within a frame and keeps time on its own.
import type { Circuit } from '../engine/model';
import type { RunEvent, RunLog } from '../engine/runner';
import { parseCircuit } from '../storage/circuit-schema';

export const MIRROR_CHANNEL = 'circuit-timer-mirror';
/** The shape of the messages; a window of another version is told apart, not misread. */
export const MIRROR_VERSION = 1;

/** What a display may ask its presenter to do (keys pressed on the display window). */
export type MirrorCommand = 'toggle' | 'skip' | 'back' | 'extend';
const COMMANDS: readonly string[] = ['toggle', 'skip', 'back', 'extend'] satisfies MirrorCommand[];

/** A run as it crosses windows: instants on the shared wall-clock scale (time origin + monotonic ms). */
export interface MirroredRun {
  circuit: Circuit;
  startedAt: number | null;
  events: RunEvent[];
}

export type MirrorMessage =
  | { v: typeof MIRROR_VERSION; type: 'hello' }
  | { v: typeof MIRROR_VERSION; type: 'run'; run: MirroredRun }
  | { v: typeof MIRROR_VERSION; type: 'closed' }
  | { v: typeof MIRROR_VERSION; type: 'command'; command: MirrorCommand };

/** The part of BroadcastChannel used here, so tests can pass a fake. */
export interface Channel {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

export type OpenChannel = () => Channel | null;

/** The part of navigator.locks used here (held while a presenter lives), so tests can pass a fake. */
export interface Locks {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void> | void): Promise<unknown>;
}

/** Held by the presenter's page while it lives: the browser lets it go when the page closes or crashes. */
export const PRESENTER_LOCK = 'circuit-timer-presenter';

export const browserLocks = (): Locks | null =>
  typeof navigator !== 'undefined' && 'locks' in navigator ? (navigator.locks as Locks) : null;

export const openBroadcastChannel: OpenChannel = () =>
  typeof BroadcastChannel === 'undefined' ? null : (new BroadcastChannel(MIRROR_CHANNEL) as unknown as Channel);

/** Each window's monotonic clock starts at its own origin; these move a log to and from the shared scale. */
export function toShared(log: RunLog, origin: number): Pick<MirroredRun, 'startedAt' | 'events'> {
  return {
    startedAt: log.startedAt === null ? null : log.startedAt + origin,
    events: log.events.map((e) => ({ ...e, at: e.at + origin })),
  };
}

export function fromShared(run: Pick<MirroredRun, 'startedAt' | 'events'>, origin: number): RunLog {
  return {
    startedAt: run.startedAt === null ? null : run.startedAt - origin,
    events: run.events.map((e) => ({ ...e, at: e.at - origin })),
  };
}

const EVENT_TYPES = new Set(['pause', 'resume', 'skip', 'back', 'extend', 'done']);

/** Reads a message from another window: a known shape of this version, or a reason it is not. */
/** The circuit last checked, as JSON, and what the check gave: every control sends the same circuit again. */
let lastCircuit: { json: string; parsed: ReturnType<typeof parseCircuit> } | null = null;

/** parseCircuit, skipped for data identical to the circuit checked last (a display's Start adds no check to its frame). */
function parseCircuitOnce(data: unknown): ReturnType<typeof parseCircuit> {
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch {
    return parseCircuit(data); // cyclic or otherwise unprintable: the check says why
  }
  if (json !== undefined && lastCircuit?.json === json) return lastCircuit.parsed;
  const parsed = parseCircuit(data);
  if (json !== undefined && parsed.ok) lastCircuit = { json, parsed };
  return parsed;
}

export function readMessage(data: unknown): { ok: true; message: MirrorMessage } | { ok: false; reason: string } {
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'not a message' };
  const m = data as Record<string, unknown>;
  if (m.v !== MIRROR_VERSION)
    return { ok: false, reason: 'The other window runs a different version of Circuit Timer: reload both windows.' };
  switch (m.type) {
    case 'hello':
    case 'closed':
      return { ok: true, message: { v: MIRROR_VERSION, type: m.type } };
    case 'command':
      return typeof m.command === 'string' && COMMANDS.includes(m.command)
        ? { ok: true, message: { v: MIRROR_VERSION, type: 'command', command: m.command as MirrorCommand } }
        : { ok: false, reason: 'unknown command' };
    case 'run': {
      const run = m.run as Record<string, unknown> | undefined;
      if (!run || typeof run !== 'object') return { ok: false, reason: 'no run' };
      const parsed = parseCircuitOnce(run.circuit);
      if (!parsed.ok) return { ok: false, reason: parsed.message };
      const startedAt = run.startedAt;
      if (startedAt !== null && !Number.isFinite(startedAt)) return { ok: false, reason: 'bad start' };
      if (!Array.isArray(run.events) || run.events.length > 100_000) return { ok: false, reason: 'bad events' };
      const events: RunEvent[] = [];
      for (const e of run.events as Record<string, unknown>[]) {
        if (typeof e !== 'object' || e === null || !EVENT_TYPES.has(e.type as string) || !Number.isFinite(e.at))
          return { ok: false, reason: 'bad event' };
        const event: RunEvent = { type: e.type as RunEvent['type'], at: e.at as number };
        if (e.ms !== undefined) {
          if (!Number.isFinite(e.ms)) return { ok: false, reason: 'bad event' };
          event.ms = e.ms as number;
        }
        events.push(event);
      }
      return {
        ok: true,
        message: {
          v: MIRROR_VERSION,
          type: 'run',
          run: { circuit: parsed.circuit, startedAt: startedAt as number | null, events },
        },
      };
    }
    default:
      return { ok: false, reason: 'unknown message' };
  }
}

/** The run screen's end: tells any display what is running, after every control and when asked. */
export class PresenterLink {
  private readonly channel: Channel | null;
  private current: (() => { circuit: Circuit; log: RunLog }) | null = null;

  private releaseLock: (() => void) | null = null;

  constructor(
    open: OpenChannel,
    private readonly origin: number,
    private readonly onCommand: (command: MirrorCommand) => void,
    locks: Locks | null = browserLocks(),
  ) {
    this.channel = open();
    // Held from before the first send: a display that hears from us can wait on it to learn we are gone.
    if (this.channel && locks)
      void locks.request(PRESENTER_LOCK, {}, () => new Promise<void>((resolve) => (this.releaseLock = resolve)));
    if (this.channel)
      this.channel.onmessage = ({ data }) => {
        const read = readMessage(data);
        if (!read.ok) return;
        if (read.message.type === 'hello') this.publish();
        else if (read.message.type === 'command') this.onCommand(read.message.command);
      };
  }

  /** What to send from now on (read at each send, so it is always the latest log). */
  follow(source: () => { circuit: Circuit; log: RunLog }): void {
    this.current = source;
    this.publish();
  }

  /** Sends the run, from the moment its circuit is open: a display builds its face before the start. */
  publish(): void {
    if (!this.channel || !this.current) return;
    const { circuit, log } = this.current();
    const run: MirroredRun = { circuit: plainCopy(circuit), ...toShared(log, this.origin) };
    this.channel.postMessage({ v: MIRROR_VERSION, type: 'run', run } satisfies MirrorMessage);
  }

  /** The run is over here (ended, or the window is closing): displays stop following it. */
  close(): void {
    this.channel?.postMessage({ v: MIRROR_VERSION, type: 'closed' } satisfies MirrorMessage);
    this.channel?.close();
    this.releaseLock?.();
  }
}

/** A circuit from a Svelte proxy or plain data, as plain data a channel can clone. */
function plainCopy(circuit: Circuit): Circuit {
  return JSON.parse(JSON.stringify(circuit)) as Circuit;
}

export type DisplayEvent =
  { type: 'run'; circuit: Circuit; log: RunLog } | { type: 'closed' } | { type: 'mismatch'; reason: string };

/** The display window's end: asks for the run on opening, then follows every change. */
export class DisplayLink {
  private readonly channel: Channel | null;

  /** Waiting for the presenter's lock: it is granted the moment the presenter's page is gone. */
  private watching = false;
  private readonly stopWatching = new AbortController();

  constructor(
    open: OpenChannel,
    private readonly origin: number,
    onEvent: (event: DisplayEvent) => void,
    private readonly locks: Locks | null = browserLocks(),
  ) {
    this.channel = open();
    if (!this.channel) return;
    // A crashed or killed presenter sends no 'closed': its lock, let go by the browser, says it instead.
    const watch = () => {
      if (this.watching || !this.locks) return;
      this.watching = true;
      this.locks
        .request(PRESENTER_LOCK, { signal: this.stopWatching.signal }, () => {
          this.watching = false;
          onEvent({ type: 'closed' });
        })
        .catch(() => {}); // aborted: this display closed first
    };
    this.channel.onmessage = ({ data }) => {
      const read = readMessage(data);
      if (!read.ok) {
        if (read.reason.startsWith('The other window')) onEvent({ type: 'mismatch', reason: read.reason });
        return;
      }
      const m = read.message;
      if (m.type === 'run') {
        onEvent({ type: 'run', circuit: m.run.circuit, log: fromShared(m.run, this.origin) });
        watch();
      } else if (m.type === 'closed') onEvent({ type: 'closed' });
    };
    this.channel.postMessage({ v: MIRROR_VERSION, type: 'hello' } satisfies MirrorMessage);
  }

  get available(): boolean {
    return this.channel !== null;
  }

  /** A key pressed on the display window, carried out by the presenter. */
  send(command: MirrorCommand): void {
    this.channel?.postMessage({ v: MIRROR_VERSION, type: 'command', command } satisfies MirrorMessage);
  }

  close(): void {
    this.stopWatching.abort();
    this.channel?.close();
  }
}
