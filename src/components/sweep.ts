// A progress bar's fill that sweeps across its part as a Web Animation, on the compositor: the page
// need not wake every frame to move it, only when the shown second changes (to resynchronise it).

export interface SweepPart {
  /** Time into the part, ms. */
  elapsedMs: number;
  /** The part's length, ms; null for a part that waits for a tap (no bar to fill). */
  durationMs: number | null;
  /** The clock runs: the fill moves on by itself until the next update. */
  running: boolean;
}

/** A Svelte action: `use:sweep={{ elapsedMs, durationMs, running }}` on the element scaled along x. */
export function sweep(node: HTMLElement, part: SweepPart) {
  const animation = node.animate([{ transform: 'scaleX(0)' }, { transform: 'scaleX(1)' }], {
    duration: 1,
    easing: 'linear',
    fill: 'both',
  });
  const update = ({ elapsedMs, durationMs, running }: SweepPart) => {
    const duration = durationMs ?? 0;
    if (animation.effect?.getTiming().duration !== Math.max(1, duration))
      animation.effect?.updateTiming({ duration: Math.max(1, duration) });
    const at = duration > 0 ? Math.min(duration, Math.max(0, elapsedMs)) : 0;
    animation.currentTime = at;
    // play() on a finished animation would start it again from 0: at the end, it just holds there.
    if (running && duration > 0 && at < duration) {
      if (animation.playState !== 'running') animation.play();
    } else if (animation.playState === 'running') animation.pause();
  };
  update(part);
  return { update, destroy: () => animation.cancel() };
}
