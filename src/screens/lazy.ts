// The screens that are not needed for the first view, each its own chunk, loaded on first use, and
// warmed up early: a page left open on an old version (a long workout while a new version installs
// in another tab) must never need a file that the new version has replaced.

import { router } from '../state/router.svelte';

export const SCREENS = {
  finish: () => import('./Finish.svelte'), // first: the screen a running workout needs next
  editor: () => import('./Editor.svelte'),
  run: () => import('./Run.svelte'),
  settings: () => import('./Settings.svelte'),
  history: () => import('./History.svelte'),
  session: () => import('./SessionDetail.svelte'),
  shared: () => import('./SharedCircuit.svelte'),
  display: () => import('./Display.svelte'),
  classRun: () => import('./ClassRun.svelte'),
};

/** Loaded by the run screen when it opens, not a screen itself. */
const AUDIO = () => import('../audio/web-audio');

/**
 * Screens with a live timer: full screen (App.svelte), and no other screen's code is loaded while one is
 * open, waiting for Start included. Loading a chunk (compiling and running its code) holds the page for up
 * to ~100 ms on a slow phone: it landed on Start taps, a display window's Start and a second's change. The
 * warm-up goes on once the person leaves the screen; each live screen loads what it needs itself.
 */
export const LIVE_SCREENS: ReadonlySet<string> = new Set(['run', 'resume', 'display', 'class']);
/**
 * History's date formatters: a page's first Intl formatter loads its locale data (100–140 ms on a 2-core
 * VM), paid here at idle rather than in History's first open (like every load here, never on a live screen).
 */
const DATES = () => import('../state/history.svelte').then((m) => m.warmUpDates());

/** After the page's load event, how long the first screen has to read its data before the warm-up starts. */
const WARM_UP_AFTER_LOAD_MS = 1500;

/**
 * Fetches every screen (and the run's sound code) a while after the first screen has loaded, one at a
 * time, each when the browser is idle, so later screens open at once. Not sooner, and not all at once:
 * the first screen waits on IndexedDB, and a display window on the presenter's messages, and compiling a
 * dozen chunks in one go delayed a cold History open by tens of milliseconds and a display's Start by 50.
 */
export function warmUpScreens(): void {
  const loads = [...Object.values(SCREENS), AUDIO, DATES];
  const whenIdle = (fn: () => void) => {
    if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 2000 });
    else setTimeout(fn, 50);
  };
  const next = () => {
    if (LIVE_SCREENS.has(router.route.name)) {
      setTimeout(() => whenIdle(next), 1000); // a live screen is open: look again in a second
      return;
    }
    const load = loads.shift();
    if (load)
      void load().then(
        () => whenIdle(next),
        () => whenIdle(next),
      );
  };
  const afterLoad = () => setTimeout(() => whenIdle(next), WARM_UP_AFTER_LOAD_MS);
  if (document.readyState === 'complete') afterLoad();
  else addEventListener('load', afterLoad, { once: true });
}
