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
 * Fetches every screen (and the run's sound code) a while after the first screen has loaded, when the
 * browser is idle, so later screens open at once. Not sooner: the first screen waits on IndexedDB, and
 * those idle moments are its own (compiling a dozen chunks in them delayed a cold History open by tens
 * of milliseconds).
 */
export function warmUpScreens(): void {
  const loadAll = () => {
    for (const load of [...Object.values(SCREENS), AUDIO]) void load();
  };
  const whenIdle = () => {
    if ('requestIdleCallback' in window) requestIdleCallback(loadAll, { timeout: 2000 });
    else loadAll();
  };
  const afterLoad = () => setTimeout(whenIdle, WARM_UP_AFTER_LOAD_MS);
  if (document.readyState === 'complete') afterLoad();
  else addEventListener('load', afterLoad, { once: true });
}
