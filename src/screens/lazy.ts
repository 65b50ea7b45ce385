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

/** Fetches every screen (and the run's sound code) once the browser is idle, so later screens open at once. */
export function warmUpScreens(): void {
  const loadAll = () => {
    for (const load of [...Object.values(SCREENS), AUDIO]) void load();
  };
  if ('requestIdleCallback' in window) requestIdleCallback(loadAll, { timeout: 2000 });
  else setTimeout(loadAll, 500);
}
