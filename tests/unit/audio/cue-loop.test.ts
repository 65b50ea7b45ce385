import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { Runner } from '../../../src/engine/runner';
import { compileCircuit } from '../../../src/engine/timeline';
import { CueLoop } from '../../../src/audio/cue-loop';
import { DEFAULT_SOUND_SETTINGS, type SoundSettings } from '../../../src/audio/settings';
import { block, circuit, step } from '../fixtures';
import { FakeAudio } from './fake-audio';

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
