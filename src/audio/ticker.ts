// A steady tick for the cue scheduler, from a Worker so that a hidden page keeps its cues; a
// main-thread interval where Workers are not available.

export function startTicker(onTick: () => void, intervalMs = 25): () => void {
  try {
    const worker = new Worker(new URL('./ticker.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = () => onTick();
    worker.postMessage(intervalMs);
    return () => worker.terminate();
  } catch {
    const timer = setInterval(onTick, intervalMs);
    return () => clearInterval(timer);
  }
}
