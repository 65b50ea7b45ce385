// Wakes the display exactly when the shown second changes (a timer aimed at that instant) and at
// once when the page becomes visible again; nothing in between (the progress bar sweeps on the
// compositor), so a running workout costs the page about one task a second.
// It never decides the time: each wake only asks the clock.

export interface DisplayTarget {
  /** Re-reads the clock and updates what is shown. */
  tick(): void;
  /** Milliseconds until the shown time next changes, or null when it will not change by itself. */
  nextChangeIn(): number | null;
}

export function runDisplayLoop(target: DisplayTarget): () => void {
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
  const onVisible = () => {
    if (document.visibilityState !== 'visible' || stopped) return;
    target.tick();
    aim();
  };

  document.addEventListener('visibilitychange', onVisible);
  addEventListener('pageshow', onVisible);
  target.tick();
  aim();

  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
    removeEventListener('pageshow', onVisible);
  };
}
