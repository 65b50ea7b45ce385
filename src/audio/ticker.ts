// A steady tick for the cue scheduler, from a Worker so that a hidden page keeps its cues; a
// main-thread interval where Workers are not available. The Worker is inlined in this chunk: a page
// left open on an old version (a workout during an update) never needs to fetch a replaced file.
// One Worker per page, made once and told to tick or to stop: a new one at every Start and Resume
// started a thread and a JavaScript engine in the very tap that a display window must match.
import TickerWorker from './ticker.worker.ts?worker&inline';

/** The page's Worker: undefined until first asked for, null where Workers are not available. */
let worker: Worker | null | undefined;
const listeners = new Set<() => void>();

function pageWorker(): Worker | null {
  if (worker === undefined) {
    try {
      worker = new TickerWorker();
      worker.onmessage = () => {
        for (const listener of [...listeners]) listener();
      };
    } catch {
      worker = null;
    }
  }
  return worker;
}

/** Makes the Worker ahead of the first start (e.g. while a run screen waits for Start). */
export function prepareTicker(): void {
  pageWorker();
}

/** Calls `onTick` every `intervalMs` until the returned function is called. */
export function startTicker(onTick: () => void, intervalMs = 25): () => void {
  const ticks = pageWorker();
  if (!ticks) {
    const timer = setInterval(onTick, intervalMs);
    return () => clearInterval(timer);
  }
  const listener = () => onTick();
  listeners.add(listener);
  if (listeners.size === 1) ticks.postMessage(intervalMs);
  return () => {
    if (listeners.delete(listener) && listeners.size === 0) ticks.postMessage(0);
  };
}
