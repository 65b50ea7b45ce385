// Persistent storage: the browser is asked to keep the data once something is saved (a circuit, or a
// workout in the log), and the settings screen says whether it does, how much space the app takes,
// and offers to ask again.
import { expect, test, type Page } from '@playwright/test';
import { buildCircuit, saveCircuit, startPreset } from './flows';

/** navigator.storage with the browser's answers set by the test; `__persistCalls` counts the asks. */
async function fakeStorage(page: Page, { granted }: { granted: boolean }): Promise<void> {
  await page.addInitScript((granted) => {
    const w = window as unknown as { __persistCalls: number };
    w.__persistCalls = Number(sessionStorage.getItem('persistCalls') ?? 0);
    let persisted = sessionStorage.getItem('persisted') === 'true';
    Object.defineProperty(navigator.storage, 'persisted', { value: async () => persisted });
    Object.defineProperty(navigator.storage, 'persist', {
      value: async () => {
        w.__persistCalls++;
        sessionStorage.setItem('persistCalls', String(w.__persistCalls));
        persisted = granted;
        sessionStorage.setItem('persisted', String(granted));
        return granted;
      },
    });
  }, granted);
}

const persistCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls);

test('the first save asks the browser to keep the data, once', async ({ page }) => {
  await fakeStorage(page, { granted: false });
  await buildCircuit(page, { name: 'Garage', steps: [{ exercise: 'Band pull-apart', work: 30, rest: 15 }] });
  expect(await persistCalls(page)).toBe(0); // nothing saved yet, nothing asked
  await saveCircuit(page, 'Garage');
  await expect.poll(() => persistCalls(page)).toBe(1);
  await buildCircuit(page, { name: 'Hotel room', steps: [{ exercise: 'Band pull-apart', work: 30, rest: 15 }] });
  await saveCircuit(page, 'Hotel room');
  await page.waitForTimeout(300);
  expect(await persistCalls(page)).toBe(1); // some browsers show a prompt: never at every save
});

test('someone who only runs presets is asked once, when the workout ends, to keep its log', async ({ page }) => {
  await fakeStorage(page, { granted: false });
  await startPreset(page, 'metabolic-back-beginner'); // on a held clock; nothing of their own saved
  // Into the rest after round 1: the round is in the log, and its effort is logged in a tap.
  const roundRestAt = await page.evaluate(
    () =>
      (window.__circuitTimer!.run as { segments: { kind: string; start: number }[] }).segments.find(
        (s) => s.kind === 'roundRest',
      )!.start,
  );
  await page.clock.runFor(roundRestAt + 1000);
  const label = 'Rows, face pulls, bird-dogs, round 1 of 3';
  await page.getByRole('button', { name: `Effort 7 of 10 for ${label}` }).click();
  await expect(page.getByRole('button', { name: `Effort 7 of 10 for ${label}` })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.waitForTimeout(300);
  expect(await persistCalls(page)).toBe(0); // not during the workout: a prompt would interrupt it

  await page.getByRole('button', { name: 'End workout' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End workout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout ended early' })).toBeVisible();
  await expect.poll(() => persistCalls(page)).toBe(1);

  // More entries on the finish screen are saved too, and do not ask again.
  const logSection = page.getByRole('region', { name: 'Log your rounds' });
  const reps = logSection.getByLabel(`Reps for Barbell bent-over row in ${label}`);
  await reps.fill('10');
  await reps.blur();
  await expect(logSection.getByRole('status')).toHaveText(`${label}: Barbell bent-over row 10 reps saved.`);
  await page.waitForTimeout(300);
  expect(await persistCalls(page)).toBe(1);
});

test('settings say whether the data is kept, how much space it takes, and can ask again', async ({ page }) => {
  await fakeStorage(page, { granted: true });
  await page.goto('/#/settings');
  const device = page.getByRole('region', { name: 'This device' });
  await expect(device.getByRole('definition').first()).toHaveText(
    'Not protected: if the device runs short of space, the browser may clear your circuits and log.',
  );
  await expect(device).toContainText(/Space used\s*[\d.]+ (bytes|KB|MB) of [\d.]+ (MB|GB|TB) available/);
  await expect(device).toContainText(/Version\s*\d+\.\d+\.\d+/);
  await device.getByRole('button', { name: 'Keep my data on this device' }).click();
  await expect(device.getByRole('status')).toHaveText('Done: the browser will keep your data.');
  await expect(device.getByRole('definition').first()).toHaveText(
    'Kept: the browser will not clear your circuits and log to free space.',
  );
  await expect(device.getByRole('button', { name: 'Keep my data on this device' })).toHaveCount(0);
});
