// Wakes the display exactly when the shown second changes (a timer aimed at that instant), every
// animation frame for the progress bar, and at once when the page becomes visible again.
// It never decides the time: each wake only asks the clock.

export interface DisplayTarget {
  /** Re-reads the clock and updates what is shown. */
  tick(): void;
  /** Milliseconds until the shown time next changes, or null when it will not change by itself. */
  nextChangeIn(): number | null;
}

export function runDisplayLoop(target: DisplayTarget): () => void {
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const aim = () => {
    clearTimeout(timer);
    const delay = target.nextChangeIn();
    // Timers take whole milliseconds and would drop a fraction, waking just before the change.
    if (delay !== null) timer = setTimeout(onTimer, Math.max(0, Math.ceil(delay)));
  };
  const onTimer = () => {
    if (stopped) return;
    target.tick();
    aim();
  };
  const onFrame = () => {
    if (stopped) return;
    target.tick();
    frame = requestAnimationFrame(onFrame);
  };
  const onVisible = () => {
    if (document.visibilityState !== 'visible' || stopped) return;
    target.tick();
    aim();
  };

  document.addEventListener('visibilitychange', onVisible);
  addEventListener('pageshow', onVisible);
  target.tick();
  aim();
  frame = requestAnimationFrame(onFrame);

  return () => {
    stopped = true;
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    document.removeEventListener('visibilitychange', onVisible);
    removeEventListener('pageshow', onVisible);
  };
}
