import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { Workout, type FinishedWorkout } from '../../../src/state/workout.svelte';
import { block, circuit, step } from '../fixtures';

function setup() {
  const clock = new FakeClock(500);
  const finished: FinishedWorkout[] = [];
  const c = circuit(
    [block([step('Rows', { workSeconds: 3, restSeconds: 2 }), step('Face pulls', { workSeconds: 2, restSeconds: 0 })])],
    {
      prepSeconds: 2,
    },
  );
  const workout = new Workout(c, clock, (r) => finished.push(r));
  return { clock, workout, finished };
}

describe('Workout', () => {
  it('aims the display at the exact instant the shown second changes', () => {
    const { clock, workout } = setup();
    expect(workout.nextChangeIn()).toBeNull(); // not started: nothing changes by itself
    workout.start();
    expect(workout.timerText).toBe('0:02');
    expect(workout.nextChangeIn()).toBe(1000);
    clock.advance(999.5);
    workout.tick();
    expect(workout.timerText).toBe('0:02');
    expect(workout.nextChangeIn()).toBe(0.5);
    clock.advance(0.5);
    workout.tick();
    expect(workout.timerText).toBe('0:01');
    clock.advance(1000);
    workout.tick();
    expect(workout.state.segment?.label).toBe('Rows');
    expect(workout.timerText).toBe('0:03');
  });

  it('holds the shown time while paused and aims at nothing', () => {
    const { clock, workout } = setup();
    workout.start();
    clock.advance(1200);
    workout.togglePause();
    clock.advance(60_000);
    workout.tick();
    expect(workout.timerText).toBe('0:01');
    expect(workout.nextChangeIn()).toBeNull();
    expect(workout.announcement).toBe('Paused. 1 second left in Get ready.');
    workout.togglePause();
    expect(workout.nextChangeIn()).toBe(800);
  });

  it('announces each phase with what matters for it', () => {
    const { clock, workout } = setup();
    workout.start();
    expect(workout.announcement).toBe('Get ready. 2 seconds. Next: Rows.');
    clock.advance(2000);
    workout.tick();
    expect(workout.announcement).toBe('Work: Rows. 3 seconds. Round 1 of 1.');
    clock.advance(3000);
    workout.tick();
    expect(workout.announcement).toBe('Rest. 2 seconds. Next: Face pulls. Round 1 of 1.');
  });

  it('hands over a summary once, when the last segment ends', () => {
    const { clock, workout, finished } = setup();
    workout.start();
    clock.advance(2000 + 3000 + 2000 + 2000);
    workout.tick();
    workout.tick();
    expect(finished).toHaveLength(1);
    expect(finished[0]!.summary).toMatchObject({ completed: true, exercisesDone: 2, activeMs: 9000 });
    expect(workout.announcement).toBe('Workout complete.');
  });

  it('ending early summarises what was done so far', () => {
    const { clock, workout, finished } = setup();
    workout.start();
    clock.advance(3000);
    workout.finish();
    expect(finished[0]!.summary).toMatchObject({ completed: false, exercisesDone: 0, workMs: 1000 });
  });
});

describe('Workout on a tap-when-done step', () => {
  it('counts up, and a pause says how far in it is rather than "0 seconds left"', () => {
    const clock = new FakeClock(0);
    const workout = new Workout(circuit([block([step('Push-ups', { mode: 'reps', reps: 10 })])]), clock);
    workout.start();
    clock.advance(65_400);
    workout.tick();
    expect(workout.countsUp).toBe(true);
    expect(workout.timerText).toBe('1:05');
    expect(workout.nextChangeIn()).toBe(600);
    workout.togglePause();
    expect(workout.announcement).toBe('Paused at 1 minute 5 seconds into Push-ups.');
  });
});

describe('Workout with a start scheduled ahead (a class link)', () => {
  it('counts down to the start, aims at each second of it, then runs from the instant', () => {
    const clock = new FakeClock(500);
    const c = circuit([block([step('Rows', { workSeconds: 3, restSeconds: 2 })])]);
    const workout = new Workout(c, clock, () => {}, { startedAt: 500 + 2500, events: [] });
    expect(workout.state.status).toBe('ready');
    expect(workout.startsInSeconds).toBe(3);
    expect(workout.nextChangeIn()).toBe(500);
    clock.advance(500);
    workout.tick();
    expect(workout.startsInSeconds).toBe(2);
    expect(workout.nextChangeIn()).toBe(1000);
    clock.advance(2000);
    workout.tick();
    expect(workout.startsInSeconds).toBeNull();
    expect(workout.state).toMatchObject({ status: 'running', elapsedMs: 0 });
    expect(workout.timerText).toBe('0:03');
  });

  it('adopt follows another run’s log and bumps the revision the display is aimed by', () => {
    const clock = new FakeClock(500);
    const c = circuit([block([step('Rows', { workSeconds: 30, restSeconds: 10 })], { rounds: 2 })]);
    const presenter = new Workout(c, clock);
    const display = new Workout(c, clock);
    presenter.start();
    clock.advance(4000);
    presenter.skip();
    const revision = display.revision;
    display.adopt(presenter.runner.runLog);
    expect(display.revision).toBe(revision + 1);
    expect(display.state).toEqual(presenter.state);
    expect(display.state.segment?.label).toBe('Round rest');
  });
});

describe('Workout when the device sleeps (the monotonic clock stalls, the wall clock moves on)', () => {
  function sleepy() {
    const clock = new FakeClock(500);
    let wall = 1_700_000_000_000;
    const c = circuit([block([step('Rows', { workSeconds: 30, restSeconds: 10 })], { rounds: 3 })]);
    const workout = new Workout(
      c,
      clock,
      () => {},
      undefined,
      () => wall,
    );
    const advanceBoth = (ms: number) => {
      clock.advance(ms);
      wall += ms;
    };
    const sleep = (ms: number) => (wall += ms);
    return { clock, workout, advanceBoth, sleep };
  }

  it('catches up with the workout and says so, re-planning the cues', () => {
    const { workout, advanceBoth, sleep } = sleepy();
    let replans = 0;
    workout.afterControl = () => replans++;
    workout.start();
    replans = 0;
    advanceBoth(5_000);
    workout.tick();
    sleep(42_000); // 42 s asleep: the person did the rest of Rows and most of the rest
    advanceBoth(16);
    workout.tick();
    // 47.016 s in: past Rows (30 s) and its rest (10 s), 7.016 s into round 2.
    expect(workout.state).toMatchObject({ index: 2, elapsedMs: 5_000 + 42_000 + 16 - 40_000 });
    expect(workout.clockNote).toBe('The device slept for 42 seconds: the timer has caught up with the workout.');
    expect(replans).toBe(1);
  });

  it('leaves a paused run paused, and ignores jitter and a wall clock set back', () => {
    const { workout, advanceBoth, sleep } = sleepy();
    workout.start();
    advanceBoth(3_000);
    workout.tick();
    workout.togglePause();
    sleep(60_000);
    advanceBoth(10);
    workout.tick();
    expect(workout.state).toMatchObject({ status: 'paused', elapsedMs: 3_000 });
    expect(workout.clockNote).toBeNull();
    workout.togglePause();
    sleep(1_500); // under the threshold: a late timer, not sleep
    advanceBoth(10);
    workout.tick();
    sleep(-3_600_000); // the clock set back an hour
    advanceBoth(10);
    workout.tick();
    expect(workout.state.elapsedMs).toBe(3_000 + 10 + 10);
    expect(workout.clockNote).toBeNull();
  });
});
