import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { Runner } from '../../../src/engine/runner';
import { compileCircuit } from '../../../src/engine/timeline';
import { CueLoop } from '../../../src/audio/cue-loop';
import { ALL_CUES, segmentCues } from '../../../src/audio/cue-plan';
import { DEFAULT_SOUND_SETTINGS, type SoundSettings } from '../../../src/audio/settings';
import { FINISH_BUZZ, FINISH_LINE, speechMs, voiceLines } from '../../../src/audio/voice-plan';
import { block, circuit, step } from '../fixtures';

const rows = {
  id: 'rows',
  name: 'Bent-over row',
  perSide: false,
  tips: ['Keep your back flat and pull to your ribs.'],
};
const birdDog = { id: 'bird-dog', name: 'Bird-dog', perSide: true, tips: ['Reach long; keep your hips level.'] };

function timeline(restSeconds = 20) {
  return compileCircuit(
    circuit(
      [
        block(
          [
            step('Rows', { exercise: rows, workSeconds: 30, restSeconds }),
            step('Bird-dog', { exercise: birdDog, workSeconds: 20, restSeconds }),
          ],
          { rounds: 2 },
        ),
      ],
      { prepSeconds: 10 },
    ),
  );
}

describe('voiceLines', () => {
  it('says what is next with its first form tip during a rest long enough, ending before the pips', () => {
    const t = timeline(20);
    const rest = t.segments.findIndex((s) => s.kind === 'rest');
    const [line, cut] = voiceLines(t, rest, 1);
    expect(line).toMatchObject({
      text: 'Next: Bird-dog, left side. Keep your back flat and pull to your ribs.'.replace(
        'Keep your back flat and pull to your ribs.',
        birdDog.tips[0]!,
      ),
    });
    expect(line!.offsetMs + speechMs(line!.text, 1)).toBeLessThanOrEqual(20_000 - 3000);
    expect(cut).toEqual({ name: 'cut', from: 'end', offsetMs: -3100, text: '' }); // just ahead of the first pip
  });

  it('drops the tip, then the line, when the rest is too short to say it before the pips', () => {
    // 6 s of rest: 2.1 s to speak between the rest tone and the pips.
    const short = timeline(6);
    const rest = short.segments.findIndex((s) => s.kind === 'rest');
    expect(voiceLines(short, rest, 1)[0]?.text).toBe('Next: Bird-dog, left side.');
    expect(voiceLines(short, rest, 0.5)[0]?.name).toBe('cut'); // at half speed it no longer fits
  });

  it('names the exercise at work start, marks the last round, and says switch sides', () => {
    const t = timeline();
    const works = t.segments.map((s, i) => [s, i] as const).filter(([s]) => s.kind === 'work');
    expect(voiceLines(t, works[0]![1], 1)[0]?.text).toBe('Bent-over row.');
    expect(voiceLines(t, works[1]![1], 1)[0]?.text).toBe('Bird-dog, left side.');
    const lastRoundFirst = works.find(([s]) => s.position?.round === 2)![1];
    expect(voiceLines(t, lastRoundFirst, 1)[0]?.text).toBe('Last round. Bent-over row.');
    const sw = t.segments.findIndex((s) => s.kind === 'switch');
    expect(voiceLines(t, sw, 1)[0]).toMatchObject({ text: 'Switch sides.', offsetMs: 300 });
  });

  it('on parts of 2–6 s, every line ends before the first pip, and a cut comes ahead of that pip', () => {
    for (const seconds of [2, 3, 4, 5, 6]) {
      const t = compileCircuit(
        circuit(
          [
            block(
              [
                step('Rows', { exercise: rows, workSeconds: seconds, restSeconds: seconds }),
                step('Bird-dog', { exercise: birdDog, workSeconds: seconds, restSeconds: seconds }),
              ],
              { rounds: 2, restBetweenRoundsSeconds: seconds },
            ),
          ],
          { prepSeconds: seconds, warmUpSeconds: seconds, coolDownSeconds: seconds, switchSidesSeconds: seconds },
        ),
      );
      expect(new Set(t.segments.map((s) => s.kind)).size).toBe(7); // every kind of part, all this long
      for (const [i, seg] of t.segments.entries()) {
        // The pips as the cue plan places them, in ms from the part's start.
        const pips = segmentCues(t, i, ALL_CUES)
          .filter((c) => c.sound === 'pip')
          .map((c) => seg.duration! + c.offsetMs);
        const quietFrom = pips[0] ?? seg.duration!;
        for (const rate of [0.5, 1, 1.5, 2]) {
          const lines = voiceLines(t, i, rate);
          const where = `${seg.kind} of ${seconds} s at rate ${rate}`;
          for (const line of lines.filter((l) => l.text))
            expect(line.offsetMs + speechMs(line.text, rate), `"${line.text}", ${where}`).toBeLessThanOrEqual(
              quietFrom,
            );
          const cuts = lines.filter((l) => !l.text).map((l) => (l.from === 'end' ? seg.duration! : 0) + l.offsetMs);
          if (pips.length === 0) continue;
          expect(cuts, `a cut, ${where}`).toHaveLength(1);
          // Ahead of the pip by more than a late tick or two: the cut is started on a 25 ms tick.
          expect(quietFrom - cuts[0]!, where).toBeGreaterThanOrEqual(75);
          expect(quietFrom - cuts[0]!, where).toBeLessThanOrEqual(150);
        }
      }
    }
  });
});

describe('CueLoop voice and vibration', () => {
  afterEach(() => vi.useRealTimers());

  function setup(settings: Partial<SoundSettings> = {}) {
    const clock = new FakeClock(0);
    const t = timeline();
    const runner = new Runner(t, clock);
    const said: string[] = [];
    const buzzed: number[][] = [];
    let cancels = 0;
    const loop = new CueLoop(runner, clock, {
      out: {
        running: () => true,
        currentTime: () => clock.now() / 1000,
        toAudioTime: (ms) => ms / 1000,
        play: () => ({ stop() {} }),
      },
      speaker: { say: (text) => said.push(text), cancel: () => cancels++, configure() {} },
      vibrate: (p) => buzzed.push(p),
      settings: () => ({ ...DEFAULT_SOUND_SETTINGS, ...settings }),
    });
    const run = (ms: number) => {
      const end = clock.now() + ms;
      while (clock.now() < end) {
        clock.advance(25);
        loop.update();
      }
    };
    return { clock, t, runner, loop, said, buzzed, run, cancels: () => cancels };
  }

  it('says each line once, when due, and vibrates at work and rest starts', () => {
    const { runner, run, said, buzzed, loop } = setup();
    runner.start();
    loop.update();
    run(10_000 + 30_000 + 1000);
    expect(said).toEqual([
      'Get ready. First up: Bent-over row.',
      'Bent-over row.',
      `Next: Bird-dog, left side. ${birdDog.tips[0]}`,
    ]);
    expect(buzzed).toEqual([[150, 80, 150], [400]]);
  });

  it('stays quiet and still when voice and vibration are off', () => {
    const { runner, run, said, buzzed } = setup({ voice: false, vibration: false });
    runner.start();
    run(60_000);
    expect(said).toEqual([]);
    expect(buzzed).toEqual([]);
  });

  it('says the workout is complete once, after the finish sound', () => {
    vi.useFakeTimers();
    const { runner, run, said, buzzed, t } = setup();
    runner.start();
    run(t.totalMs + 500);
    expect(said.at(-1)).not.toBe(FINISH_LINE);
    vi.advanceTimersByTime(1100);
    expect(said.filter((s) => s === FINISH_LINE)).toHaveLength(1);
    expect(buzzed.at(-1)).toEqual(FINISH_BUZZ);
  });

  it('cuts speech before the countdown pips', () => {
    const { runner, run, cancels } = setup();
    runner.start();
    run(10_000 + 30_000 - 2900); // just past 3 s before the end of the first work
    expect(cancels()).toBeGreaterThanOrEqual(2); // before the get-ready pips and the work pips
  });
});
