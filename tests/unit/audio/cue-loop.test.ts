import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { Runner } from '../../../src/engine/runner';
import { compileCircuit } from '../../../src/engine/timeline';
import { CueLoop, HIDDEN_HORIZON_MS, VISIBLE_HORIZON_MS } from '../../../src/audio/cue-loop';
import { DEFAULT_SOUND_SETTINGS, type SoundSettings } from '../../../src/audio/settings';
import { block, circuit, step } from '../fixtures';
import { FakeAudio, expectHeard, idealCues } from './fake-audio';

const START = 5_000;
const rows = { id: 'rows', name: 'Bent-over row', perSide: false, tips: ['Keep your back flat.'] };
const WORK_BUZZ = [150, 80, 150];

function setup(
  c = circuit([block([step('Rows', { exercise: rows, workSeconds: 30, restSeconds: 20 })], { rounds: 2 })], {
    prepSeconds: 10,
  }),
  settings: Partial<SoundSettings> = {},
) {
  const clock = new FakeClock(START);
  const timeline = compileCircuit(c);
  const runner = new Runner(timeline, clock);
  const audio = new FakeAudio(clock);
  const said: string[] = [];
  const buzzed: number[][] = [];
  const configured: [string | null, number, number][] = [];
  const loop = new CueLoop(runner, clock, {
    out: audio,
    speaker: {
      say: (text) => said.push(text),
      cancel() {},
      configure: (...args) => configured.push(args),
    },
    vibrate: (pattern) => buzzed.push(pattern),
    settings: () => ({ ...DEFAULT_SOUND_SETTINGS, ...settings }),
  });
  /** Advances the clock a tick at a time, as the ticker would while the run is running. */
  const run = (ms: number, tickMs = 25) => {
    const end = clock.now() + ms;
    while (clock.now() < end) {
      clock.advance(Math.min(tickMs, end - clock.now()));
      loop.update();
    }
  };
  /** Presses a control: the page re-plans at once. */
  const press = (control: () => void) => {
    control();
    loop.update();
  };
  return { clock, timeline, runner, audio, loop, said, buzzed, configured, run, press, settings };
}

describe('CueLoop', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** The page's visibility, as the cue loop reads it. */
  const pageIs = (visibilityState: DocumentVisibilityState) => vi.stubGlobal('document', { visibilityState });

  it('places cues further ahead while the page is hidden', () => {
    const { runner, run, press, audio } = setup();
    pageIs('visible');
    press(() => runner.start());
    run(3500); // the get-ready's pips are at 7, 8 and 9 s
    expect(audio.heard()).toEqual([]);
    pageIs('hidden');
    run(25);
    // The hidden look-ahead reaches 8.525 s; the visible one would have reached 3.725 s.
    expect(HIDDEN_HORIZON_MS).toBe(5000);
    expect(VISIBLE_HORIZON_MS).toBe(200);
    expect(audio.heard().map((c) => c.at - START)).toEqual([7000, 8000]);
  });

  it('hidden, with ticks throttled to one a second, places every cue of a long run exactly', () => {
    const perSide = { id: 'side-plank', name: 'Side plank', perSide: true, tips: [] };
    const { runner, run, press, audio, timeline } = setup(
      circuit(
        [
          block(
            [
              step('Rows', { workSeconds: 40, restSeconds: 20 }),
              step('Side plank', { workSeconds: 30, restSeconds: 15, exercise: perSide }),
              step('Swings', { workSeconds: 20, restSeconds: 10 }),
            ],
            { rounds: 12, restBetweenRoundsSeconds: 30 },
          ),
        ],
        { prepSeconds: 10, warmUpSeconds: 60, coolDownSeconds: 60 },
      ),
      { voice: false, vibration: false },
    );
    expect(timeline.totalMs).toBeGreaterThan(30 * 60_000);
    pageIs('hidden');
    press(() => runner.start());
    run(timeline.totalMs + 2000, 1000);
    expect(runner.state().status).toBe('finished');
    expectHeard(audio.heard(), idealCues(timeline, START));
    expect(audio.placements.filter((p) => p.stopped)).toEqual([]);
  });

  it('pause then resume says the line and vibrates once; back to the start of the part is a new visit', () => {
    const { runner, run, press, clock, said, buzzed } = setup();
    const saidRows = () => said.filter((s) => s === 'Bent-over row.').length;
    const workBuzzes = () => buzzed.filter((b) => b.join() === WORK_BUZZ.join()).length;
    press(() => runner.start());
    run(10_000 + 1000); // 1 s into the work: its line (at 0.6 s) said, its buzz (at 0) felt
    expect([saidRows(), workBuzzes()]).toEqual([1, 1]);
    press(() => runner.pause());
    clock.advance(1000);
    press(() => runner.resume());
    run(3500);
    expect([saidRows(), workBuzzes()]).toEqual([1, 1]);
    press(() => runner.back()); // 4.5 s in: back to the start of the work
    run(1000);
    expect([saidRows(), workBuzzes()]).toEqual([2, 2]);
  });

  it('back while paused, then resume, says the line and vibrates again, once', () => {
    const { runner, run, press, clock, said, buzzed } = setup();
    press(() => runner.start());
    run(10_000 + 5000);
    press(() => runner.pause());
    clock.advance(2000);
    press(() => runner.back()); // 5 s in: back to the start of the work, still paused
    clock.advance(2000);
    press(() => runner.resume());
    run(2000);
    expect(said.filter((s) => s === 'Bent-over row.')).toHaveLength(2);
    expect(buzzed.filter((b) => b.join() === WORK_BUZZ.join())).toHaveLength(2);
  });

  it('gives the voice the chosen voice, rate and master volume, again when they change', () => {
    const { runner, run, press, configured, settings } = setup(undefined, {
      voiceName: 'Daniel',
      voiceRate: 1.2,
      volume: 0.4,
    });
    press(() => runner.start());
    run(1000);
    settings.volume = 0.7;
    run(1000);
    expect(configured).toEqual([
      ['Daniel', 1.2, 0.4],
      ['Daniel', 1.2, 0.7],
    ]);
  });
});
