// The audio graph, instrumented before the app loads: every AudioBufferSourceNode the app starts (a
// cue), every AudioContext it makes and every ConstantSourceNode, with the page's visibility at each
// instant. Shared by the cue tests, visible (cues.spec.ts) and hidden (cues-hidden.spec.ts).
import { expect, type Page } from '@playwright/test';
import { SPRITE } from '../../src/audio/sprite';

export interface StartedCue {
  when: number;
  offset: number;
  /** Stopped before it played: the app moved or cancelled it. */
  stopped: boolean;
  /** performance.now() instant that `when` is heard at, from the context's output timestamp. */
  heardAt: number;
  /** The page's visibility when the cue was placed. */
  visibility: DocumentVisibilityState;
  /** The context's state when the cue was placed: a suspended context's clock stands still. */
  state: AudioContextState;
  /** How far ahead of the context's clock it was placed, s: at or below 0, it starts at once, late. */
  lead: number;
}

export interface Probe {
  cues: StartedCue[];
  contexts: AudioContext[];
  /** Constant sources (the signal that keeps the output open): their offset and whether they still play. */
  constants: { offset: number; playing: boolean }[];
  visibility: { state: DocumentVisibilityState; at: number }[];
  /** Each change of an AudioContext's state (suspended, running, …) and the page's instant then. */
  states: { state: AudioContextState; at: number }[];
}

/** Installs the probe as `window.__probe`; run it with `page.addInitScript(installProbe)`. */
export function installProbe(): void {
  const probe: Probe = { cues: [], contexts: [], constants: [], visibility: [], states: [] };
  (window as unknown as { __probe: Probe }).__probe = probe;
  document.addEventListener('visibilitychange', () =>
    probe.visibility.push({ state: document.visibilityState, at: performance.now() }),
  );
  window.AudioContext = class extends AudioContext {
    constructor(options?: AudioContextOptions) {
      super(options);
      probe.contexts.push(this);
      this.addEventListener('statechange', () => probe.states.push({ state: this.state, at: performance.now() }));
    }
  };
  const startConstant = ConstantSourceNode.prototype.start;
  ConstantSourceNode.prototype.start = function (when?: number) {
    const record = { offset: this.offset.value, playing: true };
    probe.constants.push(record);
    const stop = this.stop.bind(this);
    this.stop = (at?: number) => {
      record.playing = false;
      stop(at);
    };
    startConstant.call(this, when);
  };
  const original = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (when = 0, offset = 0, duration?: number) {
    // howler's one-sample silent buffer, played on a tap to unlock the audio: not a cue.
    if (this.buffer && this.buffer.length <= 1) return original.call(this, when, offset);
    const stamp = this.context instanceof AudioContext ? this.context.getOutputTimestamp() : undefined;
    const heardAt =
      stamp?.performanceTime && stamp.contextTime !== undefined
        ? stamp.performanceTime + (when - stamp.contextTime) * 1000
        : NaN;
    const record: StartedCue = {
      when,
      offset,
      heardAt,
      stopped: false,
      visibility: document.visibilityState,
      state: this.context.state,
      lead: when - this.context.currentTime,
    };
    probe.cues.push(record);
    const stop = this.stop.bind(this);
    this.stop = (at?: number) => {
      if (this.context.currentTime < when) record.stopped = true;
      stop(at);
    };
    return duration === undefined ? original.call(this, when, offset) : original.call(this, when, offset, duration);
  };
}

/** The probe's records (without the AudioContexts, which do not cross to Node). */
export function readProbe(page: Page) {
  return page.evaluate(() => {
    const probe = (window as unknown as { __probe: Probe }).__probe;
    return {
      cues: probe.cues,
      contextStates: probe.contexts.map((c) => c.state),
      constants: probe.constants,
      visibility: probe.visibility,
      states: probe.states,
      startedAt: (window.__circuitTimer?.run as { startedAt: number } | undefined)?.startedAt ?? NaN,
    };
  });
}

export function contextStates(page: Page): Promise<AudioContextState[]> {
  return page.evaluate(() => (window as unknown as { __probe: Probe }).__probe.contexts.map((c) => c.state));
}

/** Suspends the app's audio context behind its back, as a phone call or iOS would; resolves to the page's instant then. */
export function suspendContext(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const at = performance.now();
    await (window as unknown as { __probe: Probe }).__probe.contexts[0]!.suspend();
    return at;
  });
}

/** Resumes the app's audio context at the page's instant `at` (timed in the page, not by a round trip). */
export function resumeContextAt(page: Page, at: number): Promise<void> {
  return page.evaluate(
    (t) =>
      new Promise<void>((resolve, reject) =>
        setTimeout(
          () => (window as unknown as { __probe: Probe }).__probe.contexts[0]!.resume().then(resolve, reject),
          t - performance.now(),
        ),
      ),
    at,
  );
}

/** Stores "Cue check": 4 s get-ready, then 4 s work, 3 s rest, 4 s work (15 s in all). */
export async function insertCueCheck(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const step = (id: string, name: string) => ({
          id,
          exercise: { id: null, name, perSide: false, tips: [] },
          mode: 'time',
          workSeconds: 4,
          reps: null,
          restSeconds: 3,
        });
        const circuit = {
          schemaVersion: 1,
          id: 'cue-check',
          name: 'Cue check',
          description: '',
          prepSeconds: 4,
          warmUpSeconds: 0,
          coolDownSeconds: 0,
          switchSidesSeconds: 5,
          updatedAt: Date.now(),
          blocks: [
            {
              id: 'b',
              name: 'Main',
              rounds: 1,
              restBetweenRoundsSeconds: 0,
              restAfterSeconds: 0,
              pace: null,
              steps: [step('s1', 'Rows'), step('s2', 'Swings')],
            },
          ],
        };
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('circuits', 'readwrite');
          tx.objectStore('circuits').put(circuit);
          tx.oncomplete = () => (open.result.close(), resolve());
        };
      }),
  );
}

/**
 * The cues "Cue check" must sound, in ms from Start: get-ready pips at 1-2-3 s; work 4–8 s with pips
 * at 5-6-7; rest 8–11 s (pips only where they clear the rest tone: 9 and 10); work 11–15 s with pips;
 * the finish at 15 s.
 */
export const CUE_CHECK_IDEAL = [
  ['pip', 1000],
  ['pip', 2000],
  ['pip', 3000],
  ['workStart', 4000],
  ['pip', 5000],
  ['pip', 6000],
  ['pip', 7000],
  ['restStart', 8000],
  ['pip', 9000],
  ['pip', 10_000],
  ['workStart', 11_000],
  ['pip', 12_000],
  ['pip', 13_000],
  ['pip', 14_000],
  ['finish', 15_000],
] as const;

/** The sound a sprite offset (s) names. */
function soundAt(offsetS: number): string {
  return Object.entries(SPRITE).find(([, s]) => Math.abs(s.offsetMs / 1000 - offsetS) < 1e-6)?.[0] ?? `?${offsetS}`;
}

/** The cues that stood (not cancelled), by sound, heard at ms from Start. */
export function heardCues(cues: StartedCue[], startedAt: number) {
  return cues
    .filter((c) => !c.stopped)
    .map((c) => ({
      sound: soundAt(c.offset),
      at: Math.round(c.heardAt - startedAt),
      visibility: c.visibility,
      state: c.state,
      lead: c.lead,
    }));
}

/** Asserts that the cues heard are "Cue check"'s (its first `count`), each within 2 ms of its boundary. */
export function expectCueCheckOnTime(
  heard: ReturnType<typeof heardCues>,
  count: number = CUE_CHECK_IDEAL.length,
): void {
  const ideal = CUE_CHECK_IDEAL.slice(0, count);
  expect(heard.map((h) => h.sound)).toEqual(ideal.map(([sound]) => sound));
  for (const [i, [, at]] of ideal.entries())
    expect(
      Math.abs(heard[i]!.at - at),
      // How far ahead it was placed says whether it was placed late (≤ 0) or mapped off the audio clock.
      `${heard[i]!.sound} at ${at} (placed ${Math.round(heard[i]!.lead * 1000)} ms ahead)`,
    ).toBeLessThanOrEqual(2);
}
