// Runs a function in a new task, right after the current one and before any timer: a message to
// ourselves. Unlike setTimeout it is not clamped or throttled, nor held by a faked clock.

export function nextTask(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}

/**
 * How long after a change on screen its bookkeeping waits, ms: time for this window and the display windows
 * to draw it first (a few frames), and still at once for a person (the log is saved well within a second).
 */
export const SHOWN_MS = 100;

interface TaskScheduler {
  postTask(fn: () => void, options: { delay: number; priority: 'user-visible' }): Promise<void>;
}

/**
 * Runs `fn` once a change just made has been drawn (SHOWN_MS later), or in the next task when the page is
 * hidden and draws nothing. For the bookkeeping that follows a control or a new part (saving the log, the
 * lock screen's card): done in the task right after the change, it ran while a display window was drawing the
 * same change, and on two cores took the processor it needed (its message arrived 25-35 ms late, 3 controls
 * in 30). The browser's task scheduler waits in real time, which a test's faked timers leave alone;
 * setTimeout where there is none. A page closed meanwhile saves on pagehide (Run.svelte).
 */
export function afterShown(fn: () => void): void {
  if (document.visibilityState === 'hidden') return nextTask(fn);
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function')
    // An error in fn is thrown again as the page's own, not left in a rejected promise.
    void scheduler.postTask(fn, { delay: SHOWN_MS, priority: 'user-visible' }).catch((err: unknown) =>
      queueMicrotask(() => {
        throw err;
      }),
    );
  else setTimeout(fn, SHOWN_MS);
}
