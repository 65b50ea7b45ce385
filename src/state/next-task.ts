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

/** About a frame, ms: the time a display window takes to draw a change it was just sent. */
export const FRAME_MS = 20;

interface TaskScheduler {
  postTask(fn: () => void, options: { delay: number; priority: 'user-visible' }): Promise<void>;
}

/**
 * Runs `fn` about a frame later, or in the next task when the page is hidden and draws no frames. For the
 * bookkeeping that follows a change shown on screen (saving the log, the lock screen's card): done in the
 * task right after the change, it ran while a display window was drawing the same change, and on two cores
 * took the processor it needed (its message arrived 25-35 ms late, 3 controls in 30). The browser's task
 * scheduler waits in real time, which a test's faked timers leave alone; setTimeout where there is none.
 */
export function afterFrame(fn: () => void): void {
  if (document.visibilityState === 'hidden') return nextTask(fn);
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function')
    // An error in fn is thrown again as the page's own, not left in a rejected promise.
    void scheduler.postTask(fn, { delay: FRAME_MS, priority: 'user-visible' }).catch((err: unknown) =>
      queueMicrotask(() => {
        throw err;
      }),
    );
  else setTimeout(fn, FRAME_MS);
}
