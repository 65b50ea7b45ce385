// The screens that are not needed for the first view, each its own chunk, loaded on first use, and
// warmed up early: a page left open on an old version (a long workout while a new version installs
// in another tab) must never need a file that the new version has replaced.

export const SCREENS = {
  editor: () => import('./Editor.svelte'),
  run: () => import('./Run.svelte'),
  finish: () => import('./Finish.svelte'),
  settings: () => import('./Settings.svelte'),
  history: () => import('./History.svelte'),
  session: () => import('./SessionDetail.svelte'),
  shared: () => import('./SharedCircuit.svelte'),
  display: () => import('./Display.svelte'),
  classRun: () => import('./ClassRun.svelte'),
};

/** Loaded by the run screen when it opens, not a screen itself. */
const AUDIO = () => import('../audio/web-audio');

/** After the page's load event, how long the first screen has to read its data before the warm-up starts. */
const WARM_UP_AFTER_LOAD_MS = 1500;

/**
 * Fetches every screen (and the run's sound code) a while after the first screen has loaded, one at a
 * time, each when the browser is idle, so later screens open at once. Not sooner, and not all at once:
 * the first screen waits on IndexedDB, and a display window on the presenter's messages, and compiling a
 * dozen chunks in one go delayed a cold History open by tens of milliseconds and a display's Start by 50.
 */
export function warmUpScreens(): void {
  const loads = [...Object.values(SCREENS), AUDIO];
  const whenIdle = (fn: () => void) => {
    if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 2000 });
    else setTimeout(fn, 50);
  };
  const next = () => {
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
