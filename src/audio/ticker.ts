// A steady tick for the cue scheduler, from a Worker so that a hidden page keeps its cues; a
// main-thread interval where Workers are not available. The Worker is inlined in this chunk: a page
// left open on an old version (a workout during an update) never needs to fetch a replaced file.
import TickerWorker from './ticker.worker.ts?worker&inline';

export function startTicker(onTick: () => void, intervalMs = 25): () => void {
  try {
    const worker = new TickerWorker();
    worker.onmessage = () => onTick();
    worker.postMessage(intervalMs);
    return () => worker.terminate();
  } catch {
    const timer = setInterval(onTick, intervalMs);
    return () => clearInterval(timer);
  }
}
