import { afterEach, describe, expect, it } from 'vitest';
import { Runner, type RunState } from '../../../src/engine/runner';
import { compileCircuit } from '../../../src/engine/timeline';
import {
  DisplayLink,
  MIRROR_CHANNEL,
  MIRROR_VERSION,
  PresenterLink,
  readMessage,
  type Channel,
  type DisplayEvent,
  type Locks,
  type MirrorCommand,
} from '../../../src/state/mirror';
import { block, circuit, step } from '../fixtures';

/** Real BroadcastChannels (Node has them): messages cross asynchronously, as between windows. */
const opened: BroadcastChannel[] = [];
const open = (): Channel => {
  const channel = new BroadcastChannel(MIRROR_CHANNEL);
  opened.push(channel);
  return channel as unknown as Channel;
};
/** The same state in both windows: equal in all, and their instants equal on the shared scale. */
function expectSame(display: RunState, displayOrigin: number, presenter: RunState) {
  const shared = (s: RunState, origin: number) => ({
    ...s,
    segmentStartedAt: s.segmentStartedAt === null ? null : s.segmentStartedAt + origin,
    finishedAt: s.finishedAt === null ? null : s.finishedAt + origin,
  });
  expect(shared(display, displayOrigin)).toEqual(shared(presenter, PRESENTER_ORIGIN));
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
afterEach(() => opened.splice(0).forEach((c) => c.close()));

/** Web Locks as the browser keeps them: one holder per name, the rest queued; closing a page lets go. */
class FakeLocks implements Locks {
  private held = new Map<string, boolean>();
  private queue: { name: string; grant: () => void }[] = [];
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void> | void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        this.held.set(name, true);
        void Promise.resolve(callback()).then((value) => {
          this.held.set(name, false);
          const next = this.queue.findIndex((q) => q.name === name);
          if (next >= 0) this.queue.splice(next, 1)[0]!.grant();
          resolve(value);
        });
      };
      options.signal?.addEventListener('abort', () => {
        this.queue = this.queue.filter((q) => q.grant !== grant);
        reject(new DOMException('aborted', 'AbortError'));
      });
      if (this.held.get(name)) this.queue.push({ name, grant });
      else grant();
    });
  }
}

/** Two windows of one browser: one wall-clock scale, but each monotonic clock has its own origin. */
const PRESENTER_ORIGIN = 1_700_000_000_000;
const DISPLAY_ORIGIN = PRESENTER_ORIGIN + 42_123.5; // opened 42 s later

function windows() {
  const c = circuit([block([step('Rows', { workSeconds: 30, restSeconds: 10 }), step('Face pulls')], { rounds: 3 })]);
  const timeline = compileCircuit(c);
  const wall = { t: PRESENTER_ORIGIN + 100_000 };
  const presenterClock = { now: () => wall.t - PRESENTER_ORIGIN };
  const displayClock = { now: () => wall.t - DISPLAY_ORIGIN };
  const runner = new Runner(timeline, presenterClock);
  const commands: MirrorCommand[] = [];
  const presenter = new PresenterLink(open, PRESENTER_ORIGIN, (command) => commands.push(command));
  presenter.follow(() => ({ circuit: c, log: runner.runLog }));
  const follower = new Runner(timeline, displayClock);
  const events: DisplayEvent[] = [];
  const display = new DisplayLink(open, DISPLAY_ORIGIN, (event) => {
    events.push(event);
    if (event.type === 'run') follower.adopt(event.log);
  });
  return { c, wall, runner, presenter, follower, display, events, commands };
}

describe('the mirrored display', () => {
  it('gets the run when it opens, and derives the presenter’s state at every instant', async () => {
    const w = windows();
    w.runner.start();
    w.wall.t += 12_345;
    w.runner.skip();
    w.presenter.publish();
    await settle();
    expect(w.events.at(-1)).toMatchObject({ type: 'run', circuit: { name: w.c.name } });
    for (let i = 0; i < 50; i++) {
      w.wall.t += 1_777;
      expectSame(w.follower.state(), DISPLAY_ORIGIN, w.runner.state());
    }
  });

  it('follows pause, +10 s and back the moment they are sent', async () => {
    const w = windows();
    w.runner.start();
    w.presenter.publish();
    w.wall.t += 5_000;
    for (const control of [
      () => w.runner.pause(),
      () => w.runner.extend(),
      () => w.runner.resume(),
      () => w.runner.back(),
    ]) {
      control();
      w.presenter.publish();
      await settle();
      expectSame(w.follower.state(), DISPLAY_ORIGIN, w.runner.state());
      w.wall.t += 2_500;
      expectSame(w.follower.state(), DISPLAY_ORIGIN, w.runner.state());
    }
  });

  it('a display opened later asks, and the presenter answers with the run under way', async () => {
    const w = windows();
    w.runner.start();
    w.wall.t += 50_000;
    const late = new Runner(w.runner.timeline, { now: () => w.wall.t - DISPLAY_ORIGIN - 7 });
    new DisplayLink(open, DISPLAY_ORIGIN + 7, (event) => event.type === 'run' && late.adopt(event.log));
    await settle();
    expectSame(late.state(), DISPLAY_ORIGIN + 7, w.runner.state());
  });

  it('sends the circuit as soon as it is open, so the display has its face built before the start', async () => {
    const w = windows(); // the presenter follows its run: it sends it at once, not started yet
    await settle();
    expect(w.events).toEqual([expect.objectContaining({ type: 'run', log: { startedAt: null, events: [] } })]);
    w.runner.start();
    w.presenter.publish();
    await settle();
    expect(w.events.map((e) => e.type)).toEqual(['run', 'run']);
    expectSame(w.follower.state(), DISPLAY_ORIGIN, w.runner.state());
  });

  it('carries a key pressed on the display to the presenter', async () => {
    const w = windows();
    w.display.send('skip');
    w.display.send('toggle');
    await settle();
    expect(w.commands).toEqual(['skip', 'toggle']);
  });

  it('tells the display when the presenter’s page is gone without a word (a crash): its lock is let go', async () => {
    const locks = new FakeLocks();
    const c = circuit([block([step('Rows')])]);
    const clock = { now: () => 1000 };
    const runner = new Runner(compileCircuit(c), clock);
    runner.start();
    // A crashed page never calls close(), so it never posts 'closed'.
    const presenter = new PresenterLink(open, PRESENTER_ORIGIN, () => {}, locks);
    presenter.follow(() => ({ circuit: c, log: runner.runLog }));
    const events: DisplayEvent[] = [];
    new DisplayLink(open, DISPLAY_ORIGIN, (e) => events.push(e), locks);
    await settle();
    expect(events.map((e) => e.type)).toEqual(['run']);
    // The browser lets a dead page's locks go: here, as the presenter's release does.
    (presenter as unknown as { releaseLock: () => void }).releaseLock();
    await settle();
    expect(events.map((e) => e.type)).toEqual(['run', 'closed']);
  });

  it('tells the display when the presenter closes', async () => {
    const w = windows();
    w.presenter.close();
    await settle();
    expect(w.events.at(-1)).toEqual({ type: 'closed' });
  });
});

describe('readMessage', () => {
  it('refuses a message from another version with a reason a person can act on', () => {
    const read = readMessage({ v: 2, type: 'hello' });
    expect(read).toEqual({ ok: false, reason: expect.stringContaining('reload both windows') });
  });

  it('refuses malformed runs and unknown commands', () => {
    expect(readMessage(null).ok).toBe(false);
    expect(readMessage({ v: MIRROR_VERSION, type: 'command', command: 'format-disk' }).ok).toBe(false);
    expect(
      readMessage({ v: MIRROR_VERSION, type: 'run', run: { circuit: { name: 'x' }, startedAt: 0, events: [] } }).ok,
    ).toBe(false);
    const c = circuit([block([step('Rows')])]);
    expect(
      readMessage({
        v: MIRROR_VERSION,
        type: 'run',
        run: { circuit: c, startedAt: 0, events: [{ type: 'explode', at: 1 }] },
      }).ok,
    ).toBe(false);
    expect(readMessage({ v: MIRROR_VERSION, type: 'run', run: { circuit: c, startedAt: 'soon', events: [] } }).ok).toBe(
      false,
    );
    expect(
      readMessage({
        v: MIRROR_VERSION,
        type: 'run',
        run: { circuit: c, startedAt: 5, events: [{ type: 'extend', at: 6, ms: 10_000 }] },
      }),
    ).toMatchObject({
      ok: true,
      message: { run: { startedAt: 5, events: [{ type: 'extend', at: 6, ms: 10_000 }] } },
    });
  });
});
