import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { BACK_RESTART_MS, deriveState, Runner } from '../../../src/engine/runner';
import { compileCircuit } from '../../../src/engine/timeline';
import { block, circuit, step } from '../fixtures';

const START = 1_000_000; // an arbitrary clock origin: runs need not start at 0

function setup(
  c = circuit([
    block([step('A', { workSeconds: 30, restSeconds: 10 }), step('B', { workSeconds: 20, restSeconds: 10 })], {
      rounds: 2,
    }),
  ]),
) {
  const clock = new FakeClock(START);
  const timeline = compileCircuit(c);
  const runner = new Runner(timeline, clock);
  return { clock, timeline, runner };
}

describe('Runner', () => {
  it('is ready, not running, before start', () => {
    const { runner, clock } = setup();
    clock.advance(5000);
    expect(runner.state()).toMatchObject({ status: 'ready', index: 0, elapsedMs: 0, remainingMs: 30_000 });
  });

  it('a 3-hour circuit ends with 0 ms drift', () => {
    // 3 h of 45/15 intervals: 180 rounds of one minute.
    const { runner, clock, timeline } = setup(
      circuit([
        block([step('Swing', { workSeconds: 45, restSeconds: 15 })], { rounds: 99, restAfterSeconds: 15 }),
        block([step('Row', { workSeconds: 45, restSeconds: 15 })], { rounds: 81 }),
      ]),
    );
    expect(timeline.totalMs).toBe(3 * 3600_000 - 15_000);
    runner.start();
    // Walk the whole workout a 16.7 ms frame at a time, checking every boundary on the way.
    let lastIndex = 0;
    while (runner.state().status !== 'finished') {
      clock.advance(1000 / 60);
      const s = runner.state();
      if (s.status === 'finished') break;
      if (s.index !== lastIndex) {
        const seg = timeline.segments[s.index]!;
        // Entered the new segment no later than one frame after its ideal start.
        expect(s.elapsedMs).toBeGreaterThanOrEqual(0);
        expect(s.elapsedMs).toBeLessThan(1000 / 60 + 1e-6);
        expect(s.activeMs - seg.start).toBeCloseTo(s.elapsedMs, 6);
        lastIndex = s.index;
      }
    }
    const end = runner.state();
    expect(end.finishedAt! - START).toBe(timeline.totalMs);
    expect(end.activeMs).toBe(timeline.totalMs);
  });

  it('state asked at arbitrary instants matches the timeline', () => {
    const { runner, timeline } = setup();
    runner.start();
    const instants = [0, 1, 29_999, 30_000, 30_001, 39_999, 40_000, 65_432, 89_999, 90_000, 119_999, 120_000];
    for (const t of [...instants].reverse()) {
      // Out of order on purpose: the state is a function of the instant, not of what was asked before.
      const s = runner.state(START + t);
      const seg = timeline.segments.find((x) => x.start <= t && t < x.start + (x.duration ?? 0));
      if (!seg) {
        expect(s.status).toBe('finished');
        continue;
      }
      expect(s.index).toBe(seg.index);
      expect(s.elapsedMs).toBe(t - seg.start);
      expect(s.remainingMs).toBe(seg.start + seg.duration! - t);
      expect(s.totalRemainingMs).toBe(timeline.totalMs - t);
    }
  });

  it('a pause stops time exactly and resume picks up where it stopped', () => {
    const { runner, clock, timeline } = setup();
    runner.start();
    clock.advance(12_345);
    runner.pause();
    clock.advance(60_000);
    expect(runner.state()).toMatchObject({
      status: 'paused',
      index: 0,
      elapsedMs: 12_345,
      remainingMs: 17_655,
      pausedMs: 60_000,
    });
    runner.pause(); // a second pause changes nothing
    runner.resume();
    clock.advance(17_655);
    expect(runner.state()).toMatchObject({ status: 'running', index: 1, elapsedMs: 0 });
    clock.advance(timeline.totalMs);
    const end = runner.state();
    expect(end.status).toBe('finished');
    expect(end.finishedAt! - START).toBe(timeline.totalMs + 60_000);
  });

  it('skip lands exactly on the next segment and shifts what follows', () => {
    const { runner, clock, timeline } = setup();
    runner.start();
    clock.advance(5000);
    runner.skip();
    expect(runner.state()).toMatchObject({ index: 1, elapsedMs: 0, remainingMs: 10_000 });
    expect(runner.state().totalRemainingMs).toBe(timeline.totalMs - 30_000);
    clock.advance(10_000);
    expect(runner.state()).toMatchObject({ index: 2, elapsedMs: 0 });
  });

  it('skip while paused moves on and stays paused', () => {
    const { runner, clock } = setup();
    runner.start();
    clock.advance(5000);
    runner.pause();
    runner.skip();
    clock.advance(50_000);
    expect(runner.state()).toMatchObject({ status: 'paused', index: 1, elapsedMs: 0 });
  });

  it('back restarts the segment after 3 s, and goes to the previous one within 3 s', () => {
    const { runner, clock } = setup();
    runner.start();
    clock.advance(35_000); // 5 s into the rest after A
    runner.back();
    expect(runner.state()).toMatchObject({ index: 1, elapsedMs: 0 });
    clock.advance(BACK_RESTART_MS - 1);
    runner.back();
    expect(runner.state()).toMatchObject({ index: 0, elapsedMs: 0, remainingMs: 30_000 });
    runner.back(); // at the first segment: restarts it
    expect(runner.state()).toMatchObject({ index: 0, elapsedMs: 0 });
  });

  it('+10 s extends only the current segment', () => {
    const { runner, clock } = setup();
    runner.start();
    clock.advance(25_000);
    runner.extend();
    expect(runner.state()).toMatchObject({ index: 0, remainingMs: 15_000, durationMs: 40_000, extendedMs: 10_000 });
    clock.advance(15_000);
    expect(runner.state()).toMatchObject({ index: 1, elapsedMs: 0, durationMs: 10_000, extendedMs: 0 });
  });

  it('a "tap when done" step waits for the tap, then the rest runs from that instant', () => {
    const { runner, clock } = setup(
      circuit([block([step('Push-ups', { mode: 'reps', reps: 12, restSeconds: 20 }), step('Rows')])]),
    );
    runner.start();
    clock.advance(3 * 3600_000);
    expect(runner.state()).toMatchObject({ status: 'running', index: 0, remainingMs: null, elapsedMs: 3 * 3600_000 });
    runner.extend(); // nothing to extend on an open-ended step
    expect(runner.state().extendedMs).toBe(0);
    runner.done();
    clock.advance(19_999);
    expect(runner.state()).toMatchObject({ index: 1, remainingMs: 1 });
    clock.advance(1);
    expect(runner.state()).toMatchObject({ index: 2, elapsedMs: 0 });
  });

  it('skipping the last segment finishes the run at that instant', () => {
    const { runner, clock, timeline } = setup(circuit([block([step('A')])]));
    runner.start();
    clock.advance(1000);
    runner.skip();
    const s = runner.state();
    expect(s).toMatchObject({ status: 'finished', index: timeline.segments.length, segment: null, remainingMs: 0 });
    expect(s.finishedAt).toBe(START + 1000);
    runner.skip();
    runner.pause();
    expect(runner.runLog.events).toHaveLength(1); // nothing is logged after the end
  });

  it('restart begins again from the first segment at the current instant', () => {
    const { runner, clock } = setup();
    runner.start();
    clock.advance(50_000);
    runner.pause();
    runner.restart();
    clock.advance(1000);
    expect(runner.state()).toMatchObject({ status: 'running', index: 0, elapsedMs: 1000 });
  });

  it('rebuilds the same state from its log alone, for resuming', () => {
    const { runner, clock, timeline } = setup();
    runner.start();
    clock.advance(7000);
    runner.pause();
    clock.advance(3000);
    runner.resume();
    clock.advance(2000);
    runner.extend();
    clock.advance(31_000);
    runner.skip();
    const copy = JSON.parse(JSON.stringify(runner.runLog));
    expect(deriveState(timeline, copy, clock.now())).toEqual(runner.state());
    expect(new Runner(timeline, clock, copy).state()).toEqual(runner.state());
  });

  it('gives what is next and the next exercise during rest', () => {
    const { runner, clock } = setup();
    runner.start();
    clock.advance(31_000);
    const s = runner.state();
    expect(s.segment?.kind).toBe('rest');
    expect(s.next?.label).toBe('B');
    expect(s.nextWork?.label).toBe('B');
    expect(s.segment?.position).toMatchObject({ round: 1, rounds: 2 });
  });
});

describe('Runner finishing while paused', () => {
  it('a skip past the last segment while paused ends the run at the skip, and the pause ends with it', () => {
    const { runner, clock, timeline } = setup(circuit([block([step('A', { workSeconds: 30 })])]));
    runner.start();
    clock.advance(1000);
    runner.pause();
    clock.advance(5000);
    runner.skip();
    const at = clock.now();
    clock.advance(60_000);
    const s = runner.state();
    expect(s).toMatchObject({ status: 'finished', index: timeline.segments.length, activeMs: 1000, pausedMs: 5000 });
    expect(s.finishedAt).toBe(at);
  });
});

describe('Runner segment start instants', () => {
  it('gives the exact clock instant the current segment began, after pauses and skips', () => {
    const { runner, clock } = setup();
    runner.start();
    expect(runner.state().segmentStartedAt).toBe(START);
    clock.advance(4000);
    runner.pause();
    expect(runner.state().segmentStartedAt).toBeNull();
    clock.advance(1500);
    runner.resume();
    expect(runner.state().segmentStartedAt).toBe(START + 1500);
    clock.advance(26_000); // into the rest after A, which began at 30 s of active time
    expect(runner.state().segmentStartedAt).toBe(START + 1500 + 30_000);
    runner.skip();
    expect(runner.state().segmentStartedAt).toBe(clock.now());
  });
});

describe('A start scheduled ahead (a class link)', () => {
  const LATER = 60_000;

  it('is ready and counts down until the start instant, then runs from it exactly', () => {
    const { clock, timeline } = setup();
    const runner = new Runner(timeline, clock, { startedAt: START + LATER, events: [] });
    expect(runner.state()).toMatchObject({
      status: 'ready',
      index: 0,
      startsInMs: LATER,
      remainingMs: 30_000,
      segmentStartedAt: START + LATER,
    });
    clock.advance(LATER - 1);
    expect(runner.state()).toMatchObject({ status: 'ready', startsInMs: 1 });
    clock.advance(1);
    expect(runner.state()).toMatchObject({ status: 'running', index: 0, elapsedMs: 0, startsInMs: null });
    clock.advance(30_000 + 2500);
    expect(runner.state()).toMatchObject({ status: 'running', index: 1, elapsedMs: 2500 });
  });

  it('a late joiner lands at the segment and second everyone else is at', () => {
    const { clock, timeline } = setup();
    const startedAt = START - (30_000 + 10_000 + 7_250); // joined 7.25 s into B
    const state = new Runner(timeline, clock, { startedAt, events: [] }).state();
    expect(state).toMatchObject({ status: 'running', index: 2, elapsedMs: 7250, remainingMs: 12_750 });
  });

  it('controls do nothing before the start', () => {
    const { clock, timeline } = setup();
    const runner = new Runner(timeline, clock, { startedAt: START + LATER, events: [] });
    runner.togglePause();
    runner.skip();
    runner.extend();
    expect(runner.runLog).toEqual({ startedAt: START + LATER, events: [] });
  });
});

describe('Runner.adopt', () => {
  it('takes over another runner’s log, so a follower derives the same state at every instant', () => {
    const { clock, timeline, runner } = setup();
    const follower = new Runner(timeline, clock);
    runner.start();
    clock.advance(12_000);
    runner.skip();
    clock.advance(3_000);
    runner.pause();
    follower.adopt(runner.runLog);
    clock.advance(5_000);
    expect(follower.state()).toEqual(runner.state());
    runner.resume();
    follower.adopt(runner.runLog);
    for (let t = 0; t < 120_000; t += 3_333) {
      clock.advance(3_333);
      expect(follower.state()).toEqual(runner.state());
    }
  });

  it('keeps its own copy: later changes to the source do not leak in', () => {
    const { clock, timeline, runner } = setup();
    runner.start();
    const log = runner.runLog;
    const follower = new Runner(timeline, clock);
    follower.adopt(log);
    log.events.push({ type: 'pause', at: clock.now() });
    expect(follower.runLog.events).toEqual([]);
  });
});
