// Keeps the screen on while a workout is under way (Screen Wake Lock). The browser lets go of the
// lock whenever the page is hidden, so it is asked for again each time the page is visible again.

export type WakeLockStatus = 'off' | 'on' | 'unsupported' | 'refused';

/** The part of navigator.wakeLock used here, so tests can stand in for it. */
export interface WakeLockApi {
  request(type: 'screen'): Promise<WakeLockSentinel>;
}

export class ScreenWakeLock {
  status = $state<WakeLockStatus>('off');
  private sentinel: WakeLockSentinel | null = null;
  private wanted = false;
  /** A request is on its way: one at a time, or the first lock would be overwritten and never let go. */
  private pending = false;
  /** The page became visible again while a request was on its way: ask once more if that one fails. */
  private askAgain = false;

  constructor(
    private readonly api: WakeLockApi | null = typeof navigator !== 'undefined' && 'wakeLock' in navigator
      ? navigator.wakeLock
      : null,
    private readonly doc: Document | null = typeof document !== 'undefined' ? document : null,
  ) {
    if (!api) this.status = 'unsupported';
  }

  /** Keeps the screen on until `release()`; returns `release`, for an effect's clean-up. */
  hold = (): (() => void) => {
    if (!this.api || this.wanted) return this.release;
    this.wanted = true;
    this.doc?.addEventListener('visibilitychange', this.onVisibility);
    void this.acquire();
    return this.release;
  };

  release = (): void => {
    if (!this.wanted) return;
    this.wanted = false;
    this.doc?.removeEventListener('visibilitychange', this.onVisibility);
    const sentinel = this.sentinel;
    this.sentinel = null;
    if (this.status === 'on') this.status = 'off';
    void sentinel?.release().catch(() => {});
  };

  private onVisibility = (): void => {
    if (this.doc?.visibilityState !== 'visible' || !this.wanted || this.sentinel) return;
    if (this.pending) this.askAgain = true;
    else void this.acquire();
  };

  private async acquire(): Promise<void> {
    if (this.pending) return;
    this.pending = true;
    this.askAgain = false;
    try {
      const sentinel = await this.api!.request('screen');
      if (!this.wanted) {
        void sentinel.release().catch(() => {});
        return;
      }
      if (!sentinel.released) {
        this.sentinel = sentinel;
        this.status = 'on';
        sentinel.addEventListener('release', () => {
          if (this.sentinel !== sentinel) return;
          this.sentinel = null; // the page was hidden: asked again when it is visible
          if (this.wanted) this.status = 'off';
        });
      } else this.status = 'off'; // granted, then let go at once: the page was hidden meanwhile
    } catch {
      // Refused: battery saver, a hidden page, or a policy. Asked again when the page is next visible.
      if (this.wanted) this.status = 'refused';
    } finally {
      this.pending = false;
    }
    // The page came back while that request was out, and it brought no lock: that visit asks now.
    if (this.askAgain && this.wanted && !this.sentinel && this.doc?.visibilityState === 'visible') void this.acquire();
  }
}
