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

/**
 * The room's view: fullscreen and, where the device allows it (phones and tablets, once fullscreen),
 * locked to landscape; on leaving it, back to the window. Refusals leave the display in the window.
 */
export async function enterRoomView(): Promise<void> {
  if (canFullscreen() && !document.fullscreenElement) await toggleFullscreen();
  const orientation = screen.orientation as ScreenOrientation & { lock?: (o: string) => Promise<void> };
  await orientation?.lock?.('landscape').catch(() => {});
}

export async function leaveRoomView(): Promise<void> {
  screen.orientation?.unlock?.();
  if (canFullscreen() && document.fullscreenElement) await toggleFullscreen();
}
