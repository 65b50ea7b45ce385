import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/engine/clock';
import { Runner } from '../../../src/engine/runner';
import { compileCircuit } from '../../../src/engine/timeline';
import { MIRROR_CHANNEL, PresenterLink, type Channel } from '../../../src/state/mirror';
import { MirroredDisplay } from '../../../src/state/mirrored-display.svelte';
import { block, circuit, step } from '../fixtures';

const opened: BroadcastChannel[] = [];
const open = (): Channel => {
  const channel = new BroadcastChannel(MIRROR_CHANNEL);
  opened.push(channel);
  return channel as unknown as Channel;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
afterEach(() => opened.splice(0).forEach((c) => c.close()));

describe('MirroredDisplay', () => {
  it('builds its face from the circuit before the start, then follows the run', async () => {
    const clock = new FakeClock(1000);
    const c = circuit([block([step('Rows', { workSeconds: 30, restSeconds: 10 })], { rounds: 2 })]);
    const runner = new Runner(compileCircuit(c), clock);
    const display = new MirroredDisplay(open, 0, clock);
    const presenter = new PresenterLink(open, 0, () => {}, null);
    presenter.follow(() => ({ circuit: c, log: runner.runLog }));
    await settle();
    const face = display.workout;
    expect(face?.state.status).toBe('ready');
    runner.start();
    presenter.publish();
    await settle();
    expect(display.workout).toBe(face); // the same face, only the run adopted
    expect(display.workout?.state.status).toBe('running');
  });

  it('keeps the run it had when a presenter closed mid-run reopens on a ready screen', async () => {
    const clock = new FakeClock(1000);
    const c = circuit([block([step('Rows', { workSeconds: 30, restSeconds: 10 })], { rounds: 2 })]);
    const runner = new Runner(compileCircuit(c), clock);
    runner.start();
    const display = new MirroredDisplay(open, 0, clock);
    const first = new PresenterLink(open, 0, () => {}, null);
    first.follow(() => ({ circuit: c, log: runner.runLog }));
    await settle();
    clock.advance(12_000);
    first.close();
    await settle();
    expect(display.status).toBe('closed');
    // Reopened: the page offers to resume, its run not started yet.
    const reopened = new PresenterLink(open, 0, () => {}, null);
    reopened.follow(() => ({ circuit: c, log: { startedAt: null, events: [] } }));
    await settle();
    expect(display.status).toBe('closed');
    expect(display.workout?.runner.state()).toMatchObject({ status: 'running', elapsedMs: 12_000 });
    // Resumed there: followed again.
    reopened.follow(() => ({ circuit: c, log: runner.runLog }));
    await settle();
    expect(display.status).toBe('following');
  });
});
