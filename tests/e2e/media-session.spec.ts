// The lock screen and media notification follow the run, and their buttons drive it.
import { expect, test } from '@playwright/test';
import { expectPart, startPreset } from './flows';

test('the lock screen shows the part and its buttons pause, resume, skip and go back', async ({ page }) => {
  await page.addInitScript(() => {
    // Keep the handlers the app registers, to press them as the lock screen would.
    const handlers: Record<string, (() => void) | null> = {};
    (window as unknown as { __media: typeof handlers }).__media = handlers;
    const set = navigator.mediaSession.setActionHandler.bind(navigator.mediaSession);
    navigator.mediaSession.setActionHandler = (action, handler) => {
      handlers[action] = handler as (() => void) | null;
      set(action, handler);
    };
  });
  await startPreset(page, 'metabolic-back-beginner');
  await page.clock.runFor(500);
  const lockScreen = () =>
    page.evaluate(() => ({
      title: navigator.mediaSession.metadata?.title,
      artist: navigator.mediaSession.metadata?.artist,
      album: navigator.mediaSession.metadata?.album,
      state: navigator.mediaSession.playbackState,
    }));
  const press = (action: string) =>
    page.evaluate((a) => (window as unknown as { __media: Record<string, () => void> }).__media[a]!(), action);

  await expect.poll(lockScreen).toEqual({
    title: 'Get ready',
    artist: 'Get ready',
    album: 'Metabolic back circuit — Beginner',
    state: 'playing',
  });
  await press('nexttrack');
  await press('nexttrack');
  await expectPart(page, { phase: 'Work', label: 'Barbell bent-over row' });
  await expect.poll(lockScreen).toMatchObject({ title: 'Barbell bent-over row', artist: 'Work · Round 1/3' });
  await press('pause');
  await expectPart(page, { phase: 'Paused' });
  await expect.poll(lockScreen).toMatchObject({ artist: 'Paused · Round 1/3', state: 'paused' });
  await press('play');
  await expect.poll(lockScreen).toMatchObject({ state: 'playing' });
  await press('previoustrack');
  await expectPart(page, { phase: 'Warm-up' });
});
