import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHOWN_MS, afterShown, nextTask } from '../../../src/state/next-task';

// A page whose visibility the test sets, with or without the browser's task scheduler.
let visibility: 'visible' | 'hidden' = 'visible';

/** Resolves after the tasks already queued (MessageChannel messages) have run. */
const tasksRun = () => new Promise<void>((resolve) => nextTask(() => nextTask(resolve)));

beforeEach(() => {
  visibility = 'visible';
  vi.stubGlobal('document', {
    get visibilityState() {
      return visibility;
    },
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('afterShown', () => {
  it("waits until the change is drawn, on the browser's task scheduler", async () => {
    const postTask = vi.fn((fn: () => void) => Promise.resolve().then(fn));
    vi.stubGlobal('scheduler', { postTask });
    const fn = vi.fn();
    afterShown(fn);
    expect(postTask).toHaveBeenCalledWith(fn, { delay: SHOWN_MS, priority: 'user-visible' });
    await tasksRun();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('waits on a timer where there is no task scheduler', () => {
    vi.stubGlobal('scheduler', undefined);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const fn = vi.fn();
    afterShown(fn);
    vi.advanceTimersByTime(SHOWN_MS - 1);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs in the next task in a hidden page, which draws no frames', async () => {
    const postTask = vi.fn();
    vi.stubGlobal('scheduler', { postTask });
    visibility = 'hidden';
    const fn = vi.fn();
    afterShown(fn);
    expect(fn).not.toHaveBeenCalled();
    await tasksRun();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(postTask).not.toHaveBeenCalled();
  });
});
