// Cues with the page hidden, as when the phone's screen is off or another app is in front. Playwright
// keeps every page it drives visible, so this test spawns its own Chromium with background throttling
// left on (bench/browser.mjs), sends the app's tab behind another one and lets go of the browser while
// the workout runs; then it brings the tab back and reads what the instrumented audio graph recorded.
import { expect, test } from '@playwright/test';
import { launchHideable } from '../../bench/browser.mjs';
import { expectCueCheckOnTime, heardCues, insertCueCheck, installProbe, readProbe } from './cue-probe';

test('every cue lands on its boundary while the page is hidden', async ({ baseURL }) => {
  test.setTimeout(60_000);
  const chrome = await launchHideable();
  try {
    const { page } = chrome;
    await page.addInitScript(installProbe);
    await page.goto(`${baseURL}/#/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();
    await insertCueCheck(page);
    await page.goto(`${baseURL}/#/run/cue-check`);
    await chrome.rememberTab();
    await page.getByRole('button', { name: 'Start' }).click();
    const startedAt = await page.evaluate(() => performance.now());
    await chrome.hide(); // another tab in front; Playwright lets go
    // "Cue check" lasts 15 s: wait it out with the page hidden, then a little for the finish sound.
    await new Promise((resolve) => setTimeout(resolve, 16_500));
    const back = await chrome.bringBack(`${baseURL}/`);

    await expect.poll(() => back.evaluate(() => document.visibilityState)).toBe('visible');
    const probe = await readProbe(back);
    const hiddenAt = probe.visibility.find((v) => v.state === 'hidden')?.at;
    expect(hiddenAt, 'the page became hidden').toBeDefined();
    // Sending a tab behind another takes a moment (longer on a busy machine): most of the run must be hidden.
    expect(hiddenAt! - startedAt, 'hidden within 5 s of Start').toBeLessThan(5000);
    const heard = heardCues(probe.cues, probe.startedAt);
    expectCueCheckOnTime(heard);
    // Every cue due beyond the visible look-ahead (200 ms, and a tick) from the moment the page was hidden was placed
    // with nobody looking: the hidden path was tested, not the visible one.
    const dueWhileHidden = heard.filter((h) => probe.startedAt + h.at > hiddenAt! + 300);
    expect(dueWhileHidden.length).toBeGreaterThanOrEqual(8);
    expect(dueWhileHidden.map((h) => h.visibility)).toEqual(dueWhileHidden.map(() => 'hidden'));
    expect(probe.contextStates).toEqual(['running']);
    await expect(back.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible();
  } finally {
    await chrome.close();
  }
});
