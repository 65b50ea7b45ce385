// Keeps a run's cues placed on the audio clock: on every tick, and at once after every control.
// A hidden page gets a longer horizon, a cushion in case its ticks come late.
import type { Clock } from '../engine/clock';
import type { Runner } from '../engine/runner';
import { ALL_CUES, type CueOptions } from './cue-plan';
import { CueScheduler, type CueOutput } from './scheduler';
import { startTicker } from './ticker';

export const VISIBLE_HORIZON_MS = 200;
export const HIDDEN_HORIZON_MS = 5000;

export class CueLoop {
  private readonly scheduler: CueScheduler;
  private stopTicker: (() => void) | null = null;

  constructor(
    private readonly runner: Runner,
    private readonly clock: Clock,
    out: CueOutput,
    options: CueOptions = ALL_CUES,
  ) {
    this.scheduler = new CueScheduler(out, options);
  }

  /** Re-plans now: call after every control (pause, skip, back, +10 s, done, restart). */
  update = (): void => {
    const now = this.clock.now();
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    this.scheduler.update(
      this.runner.timeline,
      this.runner.state(now),
      now,
      hidden ? HIDDEN_HORIZON_MS : VISIBLE_HORIZON_MS,
    );
  };

  /** Ticks while the run is running; `stop` ends the ticks, cancelling cues unless the run finished. */
  start(): () => void {
    this.stopTicker?.();
    this.stopTicker = startTicker(this.update);
    this.update();
    return () => {
      this.stopTicker?.();
      this.stopTicker = null;
      this.update(); // paused: cancels what was placed ahead; finished: leaves the finish sound be
    };
  }

  /** Leaving the run: silence everything not yet played. */
  dispose(): void {
    this.stopTicker?.();
    this.scheduler.stop();
  }
}
