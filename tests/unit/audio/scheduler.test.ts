import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { Runner } from '../../../src/engine/runner';
import { compileCircuit } from '../../../src/engine/timeline';
import { ALL_CUES } from '../../../src/audio/cue-plan';
import { CueScheduler, type CueOutput } from '../../../src/audio/scheduler';
import { block, circuit, step } from '../fixtures';
import { AUDIO_OFFSET_S, FakeAudio, expectHeard, idealCues } from './fake-audio';

const START = 5_000;

function setup(
  c = circuit(
    [
      block(
        [step('Rows', { workSeconds: 40, restSeconds: 20 }), step('Face pulls', { workSeconds: 30, restSeconds: 15 })],
        { rounds: 2 },
      ),
    ],
    { prepSeconds: 10 },
  ),
) {
  const clock = new FakeClock(START);
  const timeline = compileCircuit(c);
  const runner = new Runner(timeline, clock);
  const audio = new FakeAudio(clock);
  const scheduler = new CueScheduler(audio, ALL_CUES);
  /** Advances the clock a tick at a time, updating the schedule as the page would. */
  const run = (ms: number, tickMs = 25, horizonMs = 200) => {
    const end = clock.now() + ms;
    while (clock.now() < end) {
      clock.advance(Math.min(tickMs, end - clock.now()));
      scheduler.update(timeline, runner.state(), clock.now(), horizonMs);
    }
  };
  const update = (horizonMs = 200) => scheduler.update(timeline, runner.state(), clock.now(), horizonMs);
  return { clock, timeline, runner, audio, scheduler, run, update };
}

/** The placements that were stopped before they played, as clock instants (ms). */
function stopped(audio: FakeAudio) {
  return audio.placements
    .filter((p) => p.stopped)
    .map((p) => ({ sound: p.sound, at: Math.round((p.when - AUDIO_OFFSET_S) * 1e9) / 1e6 }));
}

describe('CueScheduler', () => {
  it('schedules every cue of a 60-minute circuit at its exact instant, each once', () => {
    const birdDog = { id: 'bird-dog', name: 'Bird-dog', perSide: true, tips: [] };
    const { timeline, runner, audio, run } = setup(
      circuit(
        [
          block(
            [
              step('Rows', { workSeconds: 40, restSeconds: 20 }),
              step('Bird-dog', { workSeconds: 40, restSeconds: 15, exercise: birdDog }),
              step('Swings', { workSeconds: 20, restSeconds: 10 }),
            ],
            { rounds: 22, restBetweenRoundsSeconds: 25 },
          ),
        ],
        { prepSeconds: 10, warmUpSeconds: 60, coolDownSeconds: 60 },
      ),
    );
    expect(timeline.totalMs).toBeGreaterThan(59 * 60_000);
    runner.start();
    run(timeline.totalMs + 1000, 25);
    expect(runner.state().status).toBe('finished');
    const ideal = idealCues(timeline, START);
    expect(ideal.length).toBeGreaterThan(700);
    expectHeard(audio.heard(), ideal);
    expect(audio.placements.filter((p) => p.stopped)).toEqual([]); // nothing had to be moved
    expect(audio.heard().filter((c) => c.sound === 'finish')).toHaveLength(1);
    expect(audio.heard().filter((c) => c.sound === 'lastRound')).toHaveLength(1);
  });

  it('places cues ahead of time: a late tick does not make a cue late', () => {
    const { runner, audio, run, clock } = setup();
    runner.start();
    // Ticks only every 150 ms (a busy main thread) with a 200 ms horizon: still exact.
    run(10_000 + 40_000 + 1000, 150, 200);
    const pips = audio.heard().filter((c) => c.sound === 'pip');
    expect(pips.map((c) => c.at - START)).toEqual([7000, 8000, 9000, 47_000, 48_000, 49_000]);
    expect(clock.now()).toBeGreaterThan(START + 50_000);
  });

  it('a pause cancels the cues placed ahead, and resume places them again, shifted', () => {
    const { runner, audio, run, update, clock } = setup();
    runner.start();
    run(20_000, 25, 60_000); // a long horizon, as when hidden: the pips of the first work are placed
    const before = audio.placements.filter((p) => p.sound === 'pip' && !p.stopped).length;
    expect(before).toBeGreaterThan(3);
    runner.pause();
    update(60_000);
    expect(audio.placements.filter((p) => p.when > clock.now() / 1000 + AUDIO_OFFSET_S && !p.stopped)).toEqual([]);
    clock.advance(5000);
    runner.resume();
    run(100_000, 25, 60_000);
    const pips = audio
      .heard()
      .filter((c) => c.sound === 'pip')
      .map((c) => c.at - START);
    // Prep pips at 7, 8, 9 s; the first work ends at 50 s + 5 s of pause.
    expect(pips.slice(0, 6)).toEqual([7000, 8000, 9000, 52_000, 53_000, 54_000]);
    const live = audio.heard().map((c) => `${c.sound}@${c.at}`);
    expect(new Set(live).size).toBe(live.length); // nothing heard twice
  });

  it('+10 s moves the countdown and what follows, and leaves the halfway chime where it was', () => {
    const { runner, audio, run, update, clock, timeline } = setup();
    runner.start();
    run(15_000, 25, 60_000); // 5 s into the 40 s work: its halfway chime (30 s) and pips are placed ahead
    const ahead = audio.heard().filter((c) => c.at > clock.now());
    expect(ahead.map((c) => `${c.sound}@${c.at - START}`)).toContain('halfway@30000');
    runner.extend();
    update(60_000);
    run(timeline.totalMs, 25, 60_000);
    const heard = audio.heard().map((c) => `${c.sound}@${c.at - START}`);
    expect(heard).toContain('halfway@30000');
    expect(heard).toEqual(expect.arrayContaining(['pip@57000', 'pip@58000', 'pip@59000', 'restStart@60000']));
    expect(heard).not.toContain('pip@47000');
    // Everything after the halfway chime is 10 s later, each cue once; only the cues that moved were stopped.
    const moved = (c: { at: number }) => c.at > START + 30_000;
    expectHeard(
      audio.heard(),
      idealCues(timeline, START).map((c) => (moved(c) ? { ...c, at: c.at + 10_000 } : c)),
    );
    expect(stopped(audio)).toEqual(ahead.filter(moved));
    expect(audio.placedTwice()).toEqual([]);
  });

  it('skip cancels what is left of the part and starts the next part’s cues from the skip', () => {
    const { runner, audio, run, update, clock, timeline } = setup();
    runner.start();
    run(12_000, 25, 60_000); // 2 s into the first work
    const ahead = audio.heard().filter((c) => c.at > clock.now());
    runner.skip();
    update(60_000); // the page updates the schedule as soon as a control is pressed
    run(timeline.totalMs, 25, 60_000);
    const heard = audio.heard().map((c) => `${c.sound}@${c.at - START}`);
    expect(heard).not.toContain('halfway@30000');
    expect(heard).not.toContain('pip@47000');
    // The rest began at the skip (12 s) and is 20 s long: pips at 29, 30, 31 s.
    expect(heard).toEqual(expect.arrayContaining(['restStart@12000', 'pip@29000', 'pip@30000', 'pip@31000']));
    // Exactly: what had sounded, then the run from the rest on, from the skip; each cue once.
    const skippedAt = START + 12_000;
    const ideal = idealCues(timeline, START);
    expectHeard(audio.heard(), [...ideal.filter((c) => c.at < skippedAt), ...idealCues(timeline, skippedAt, 2)]);
    expect(stopped(audio)).toEqual(ahead); // all that was ahead moved or went; nothing else was stopped
    expect(audio.placedTwice()).toEqual([]);
  });

  it('back more than 3 s into a part restarts it: its cues again from the back, the rest after it', () => {
    const { runner, audio, run, update, clock, timeline } = setup();
    runner.start();
    run(14_500, 25, 60_000); // 4.5 s into the first work
    const ahead = audio.heard().filter((c) => c.at > clock.now());
    runner.back();
    update(60_000);
    run(timeline.totalMs, 25, 60_000);
    const backAt = START + 14_500;
    const ideal = idealCues(timeline, START);
    expect(audio.heard().map((c) => `${c.sound}@${c.at - START}`)).toEqual(
      expect.arrayContaining(['workStart@10000', 'workStart@14500', 'halfway@34500', 'pip@51500']),
    );
    expectHeard(audio.heard(), [...ideal.filter((c) => c.at < backAt), ...idealCues(timeline, backAt, 1)]);
    expect(stopped(audio)).toEqual(ahead);
    expect(audio.placedTwice()).toEqual([]);
  });

  it('back within 3 s of a part’s start goes to the part before, from the back', () => {
    const { runner, audio, run, update, clock, timeline } = setup();
    runner.start();
    run(12_000, 25, 60_000); // 2 s into the first work: back to the get-ready
    const ahead = audio.heard().filter((c) => c.at > clock.now());
    runner.back();
    update(60_000);
    run(timeline.totalMs, 25, 60_000);
    const backAt = START + 12_000;
    const ideal = idealCues(timeline, START);
    // The get-ready again: its pips at 19, 20 and 21 s, the work tone at 22 s.
    expectHeard(audio.heard(), [...ideal.filter((c) => c.at < backAt), ...idealCues(timeline, backAt, 0)]);
    expect(audio.heard().map((c) => `${c.sound}@${c.at - START}`)).toEqual(
      expect.arrayContaining(['pip@19000', 'pip@20000', 'pip@21000', 'workStart@22000']),
    );
    expect(stopped(audio)).toEqual(ahead);
    expect(audio.placedTwice()).toEqual([]);
  });

  it('never plays a cue late: after a stall, the cues it slept through stay silent', () => {
    const { runner, audio, clock, update, run } = setup();
    runner.start();
    clock.advance(8500); // the page was frozen through the 7 s and 8 s pips
    update();
    run(1600);
    expect(audio.heard().map((c) => `${c.sound}@${c.at - START}`)).toEqual(['pip@9000', 'workStart@10000']);
  });

  it('the finish sound placed ahead is left to play when the run finishes', () => {
    const { runner, audio, run, timeline } = setup(circuit([block([step('A', { workSeconds: 5 })])]));
    runner.start();
    run(timeline.totalMs - 100); // the finish sound is inside the horizon now
    expect(audio.placements.at(-1)).toMatchObject({ sound: 'finish', stopped: false });
    run(200);
    expect(runner.state().status).toBe('finished');
    expect(audio.heard().at(-1)).toEqual({ sound: 'finish', at: START + 5000 });
  });

  it('places nothing while the sound is suspended, and every cue after the restore on its boundary', () => {
    const { runner, audio, run, timeline } = setup();
    runner.start();
    run(5000, 25, 5000); // hidden: the prep's pips and the work tone are placed 5 s ahead
    audio.suspend(); // its clock stands still from here
    run(22_000, 25, 5000); // the halfway chime (30 s) is placed meanwhile, on the standing clock
    audio.resume(); // at 27 s
    run(timeline.totalMs, 25, 5000);
    // What fell due while suspended is silent (it would have sounded 22 s late); the rest is exact.
    const ideal = idealCues(timeline, START).filter((c) => c.at < START + 5000 || c.at >= START + 27_000);
    expect(ideal.map((c) => `${c.sound}@${c.at - START}`).slice(0, 2)).toEqual(['halfway@30000', 'pip@47000']);
    expectHeard(audio.heard(), ideal);
  });

  it('a cue that comes due before the sounds are decoded is placed once they are, still on time', () => {
    const { runner, audio, run, timeline } = setup();
    audio.loaded = false;
    runner.start();
    run(6900); // the pip at 7 s comes due for placing at 6.8 s
    expect(audio.placements).toEqual([]);
    audio.loaded = true;
    run(timeline.totalMs);
    expectHeard(audio.heard(), idealCues(timeline, START));
  });

  it('does not move a placed cue when the audio clock mapping jitters', () => {
    const { runner, audio, clock, timeline } = setup();
    let jitter = 0;
    const shaky: CueOutput = {
      ...audio,
      running: () => audio.running(),
      currentTime: () => audio.currentTime(),
      play: audio.play.bind(audio),
      toAudioTime: (ms) => audio.toAudioTime(ms) + jitter,
    };
    const s = new CueScheduler(shaky, ALL_CUES);
    runner.start();
    for (let t = 0; t < 12_000; t += 25) {
      clock.advance(25);
      jitter = ((t / 25) % 7) * 0.0004; // up to 2.4 ms of noise in the mapping
      s.update(timeline, runner.state(), clock.now(), 5000);
    }
    expect(audio.placements.filter((p) => p.stopped)).toEqual([]);
  });
});

describe('CueScheduler with a start scheduled ahead (a class link)', () => {
  it('places the first cues before the start instant, and the whole run exactly from it', () => {
    const { clock, timeline, audio } = setup(
      circuit([block([step('Rows', { workSeconds: 20, restSeconds: 10 })], { rounds: 3 })]),
    );
    const startsAt = START + 30_000;
    const runner = new Runner(timeline, clock, { startedAt: startsAt, events: [] });
    const scheduler = new CueScheduler(audio, ALL_CUES);
    // The first tone sits exactly on the start: it must be on the audio clock before that instant.
    const tickUntil = (t: number) => {
      while (clock.now() < t) {
        clock.advance(25);
        scheduler.update(timeline, runner.state(), clock.now(), 200);
      }
    };
    tickUntil(startsAt - 300);
    expect(audio.heard()).toEqual([]); // beyond the 200 ms horizon
    tickUntil(startsAt - 150);
    expect(runner.state().status).toBe('ready');
    expect(audio.heard()).toEqual([{ sound: 'workStart', at: startsAt }]);
    tickUntil(startsAt + timeline.totalMs + 1000);
    expectHeard(audio.heard(), idealCues(timeline, startsAt));
  });
});
