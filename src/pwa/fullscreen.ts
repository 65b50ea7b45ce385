// Fullscreen for the run screen, where the browser allows it (iPhone Safari does not).

export function canFullscreen(): boolean {
  return typeof document !== 'undefined' && document.fullscreenEnabled === true;
}

export async function toggleFullscreen(): Promise<void> {
  if (!canFullscreen()) return;
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
  } catch {
    // Refused (no user gesture, or policy): the workout goes on in the window.
  }
}
