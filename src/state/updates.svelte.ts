// New versions of the app. The service worker is registered once the first screen is up; a version
// that has installed and is waiting is offered, and is applied only when the person asks, on a screen
// where no workout is under way. Nothing here reloads the page on its own, so no update ever
// interrupts a workout, not even one applied from another tab.
import type { Workbox } from 'workbox-window';
import { session } from './session.svelte';

/** How often an open app asks the server for a new version (it also asks at every start). */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** The part of workbox-window used here, so tests can stand in for it. */
export type WorkboxLike = Pick<Workbox, 'addEventListener' | 'register' | 'update' | 'messageSkipWaiting'>;

export class AppUpdates {
  /** A newer version is ready: waiting to take over, or already in charge since another tab took it. */
  available = $state(false);
  /** Why the app cannot work offline here, when it cannot (no service worker, or registration failed). */
  offlineProblem = $state<string | null>(null);
  private wb: WorkboxLike | null = null;
  private waiting = false;
  private applying = false;

  constructor(
    /** True while a workout is under way: no update is applied then. */
    private readonly busy: () => boolean,
    private readonly reload: () => void = () => location.reload(),
  ) {}

  /** Registers the service worker; returns once it is registered (or could not be). */
  async register(wb: WorkboxLike | null): Promise<void> {
    if (!wb) {
      this.offlineProblem = 'This browser cannot keep the app for offline use: it needs the network each time.';
      return;
    }
    this.wb = wb;
    wb.addEventListener('waiting', () => {
      this.waiting = true;
      this.available = true;
    });
    wb.addEventListener('controlling', (event) => {
      if (!event.isUpdate) return; // the first install taking charge: nothing new to load
      this.waiting = false;
      // Asked for on a quiet screen, but a workout may have started before the new version took charge:
      // then it waits, offered again once the workout is over, like an update applied from another tab.
      if (this.applying && !this.busy()) this.reload();
      else {
        this.applying = false;
        this.available = true; // this page still runs the old version
      }
    });
    try {
      await wb.register();
    } catch (err) {
      this.offlineProblem = `The app could not be kept for offline use (${err instanceof Error ? err.message : String(err)}).`;
    }
  }

  /** Asks the server whether there is a newer version (it installs in the background). */
  async check(): Promise<void> {
    try {
      await this.wb?.update();
    } catch {
      // offline, or the server is away: ask again later
    }
  }

  /** Whether tapping "Update" would apply the new version now. */
  get canApply(): boolean {
    return this.available && !this.busy();
  }

  /** Loads the new version (a reload) unless a workout is under way; says whether it did. */
  apply(): boolean {
    if (!this.canApply) return false;
    this.applying = true;
    if (this.waiting && this.wb)
      this.wb.messageSkipWaiting(); // the reload follows on 'controlling'
    else this.reload();
    return true;
  }
}

export const updates = new AppUpdates(() => session.underway);

/** Registers the service worker (production builds: the dev server has none) and checks hourly. */
export async function startUpdates(): Promise<void> {
  if (!import.meta.env.PROD) return;
  if (!('serviceWorker' in navigator)) return updates.register(null);
  const { Workbox } = await import('workbox-window');
  await updates.register(new Workbox('/sw.js'));
  setInterval(() => void updates.check(), UPDATE_CHECK_MS);
}
