// The screens that are not needed for the first view, each its own chunk, loaded on first use.

export const SCREENS = {
  editor: () => import('./Editor.svelte'),
  run: () => import('./Run.svelte'),
  finish: () => import('./Finish.svelte'),
  settings: () => import('./Settings.svelte'),
};

/** Fetches every screen once the browser is idle, so later screens open at once, offline too. */
export function warmUpScreens(): void {
  const load = () => {
    for (const screen of Object.values(SCREENS)) void screen();
  };
  if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 500);
}
