// The settings screen: every choice is saved as it is made and shown again after a reload, damaged
// stored settings are explained and left alone, and the test sound plays what was chosen.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, openLibrary } from './flows';

async function openSettings(page: Page): Promise<void> {
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // The controls appear once the stored settings are read.
  await expect(page.getByLabel('Volume', { exact: true })).toBeVisible();
}

const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'Saved' });

/** The stored settings record, read straight from IndexedDB. */
function storedSettings(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('sound');
          get.onsuccess = () => (open.result.close(), resolve(get.result));
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

test('volume, cues, voice and rate are saved as they change and shown again after a reload', async ({ page }) => {
  await openSettings(page);
  const volume = page.getByLabel('Volume', { exact: true });
  await expect(volume).toHaveValue('90');
  await expect(volume).toHaveAttribute('aria-valuetext', '90 %');

  await volume.fill('40');
  await expect(volume).toHaveAttribute('aria-valuetext', '40 %');
  await expect(page.getByText('40 %', { exact: true })).toBeVisible();
  await expect(saved(page)).toBeVisible();
  await page.getByLabel('Halfway chime').uncheck();
  await page.getByLabel('Voice rate').fill('1.5');
  await expect(page.getByLabel('Voice rate')).toHaveAttribute('aria-valuetext', '1.5 times normal speed');
  await page.getByRole('switch', { name: 'Voice' }).uncheck();
  await expect(page.getByLabel('Voice rate')).toBeDisabled();
  await expect(page.getByLabel('Voice choice')).toBeDisabled();
  await expect(saved(page)).toBeVisible();

  await page.reload();
  await expect(volume).toHaveValue('40');
  await expect(volume).toHaveAttribute('aria-valuetext', '40 %');
  await expect(page.getByLabel('Halfway chime')).not.toBeChecked();
  await expect(page.getByLabel('3-2-1 countdown')).toBeChecked();
  await expect(page.getByRole('switch', { name: 'Voice' })).not.toBeChecked();
  await expect(page.getByLabel('Voice rate')).toHaveValue('1.5');
  await expect(page.getByRole('switch', { name: 'Beeps' })).toBeChecked();
  await expect(page.getByRole('switch', { name: 'Vibration' })).toBeChecked();
});

test('with beeps off, the cue choices are disabled and kept for when beeps are back on', async ({ page }) => {
  await openSettings(page);
  const cues = ['Work/rest/switch tones', '3-2-1 countdown', 'Halfway chime', 'Last-round marker', 'Finish sound'];
  await page.getByLabel('Last-round marker').uncheck();
  await page.getByRole('switch', { name: 'Beeps' }).uncheck();
  for (const cue of cues) await expect(page.getByLabel(cue)).toBeDisabled();
  await expect(page.getByText('Turn beeps on to choose which ones play.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByRole('switch', { name: 'Beeps' })).not.toBeChecked();
  for (const cue of cues) await expect(page.getByLabel(cue)).toBeDisabled();
  await page.getByRole('switch', { name: 'Beeps' }).check();
  for (const cue of cues) await expect(page.getByLabel(cue)).toBeEnabled();
  await expect(page.getByLabel('Last-round marker')).not.toBeChecked();
  await expect(page.getByLabel('Finish sound')).toBeChecked();
});

test('the settings screen has no axe violations and every control is at least 48 px tall', async ({ page }) => {
  await openSettings(page);
  await expectNoAxeViolations(page);
  const controls = [
    page.getByLabel('Volume', { exact: true }),
    page.getByLabel('Voice choice'),
    page.getByLabel('Voice rate'),
    page.getByRole('button', { name: 'Test sound' }),
    page.getByRole('link', { name: 'Settings' }),
  ];
  // A checkbox's target is its whole label.
  for (const name of ['Beeps', 'Voice', 'Vibration', 'Halfway chime'])
    controls.push(page.locator('label').filter({ has: page.getByLabel(name, { exact: true }) }));
  for (const control of controls) expect((await control.boundingBox())?.height).toBeGreaterThanOrEqual(48);
});

test('the Settings link in the header opens the settings from the library', async ({ page }) => {
  await openLibrary(page);
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' });
  await expect(link).not.toHaveAttribute('aria-current');
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(link).toHaveAttribute('aria-current', 'page');
  await page.getByRole('link', { name: 'Circuit Timer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();
});

test('damaged stored settings: the defaults and a clear message, and the record is kept until a setting changes', async ({
  page,
}) => {
  await openSettings(page);
  const damaged = { volume: 'loud', beeps: 'sometimes' };
  await page.evaluate(
    (record) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put(record, 'sound');
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    damaged,
  );
  await page.reload();

  const note = page.getByRole('note');
  await expect(note).toContainText(
    'Your saved sound settings could not be read (the volume must be from 0 to 100 %), so the defaults are in use.',
  );
  await expect(note).toContainText('They are kept as they were until you change a setting here.');
  await expect(page.getByLabel('Volume', { exact: true })).toHaveValue('90');
  await expect(page.getByRole('switch', { name: 'Beeps' })).toBeChecked();
  await expectNoAxeViolations(page);
  // Visiting elsewhere and back changes nothing either.
  await page.getByRole('link', { name: 'Circuit Timer' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(note).toBeVisible();
  expect(await storedSettings(page)).toEqual(damaged);

  await page.getByRole('switch', { name: 'Vibration' }).uncheck();
  await expect(saved(page)).toBeVisible();
  await expect(page.getByRole('note')).toHaveCount(0);
  expect(await storedSettings(page)).toMatchObject({ volume: 0.9, beeps: true, vibration: false });

  await page.reload();
  await expect(page.getByRole('switch', { name: 'Vibration' })).not.toBeChecked();
  await expect(page.getByRole('note')).toHaveCount(0);
});

test('Test sound plays the work tone at the chosen volume and speaks at the chosen rate', async ({ page }) => {
  await page.addInitScript(() => {
    const record = { started: [] as number[], spoken: [] as { text: string; rate: number; volume: number }[] };
    (window as unknown as { __sound: typeof record }).__sound = record;
    const start = AudioBufferSourceNode.prototype.start;
    AudioBufferSourceNode.prototype.start = function (when = 0, offset = 0, duration?: number) {
      record.started.push(offset);
      return duration === undefined ? start.call(this, when, offset) : start.call(this, when, offset, duration);
    };
    // Headless browsers may have no voices: record what would be said instead.
    speechSynthesis.speak = (line: SpeechSynthesisUtterance) => {
      record.spoken.push({ text: line.text, rate: line.rate, volume: line.volume });
    };
  });
  await openSettings(page);
  await page.getByLabel('Volume', { exact: true }).fill('40');
  await page.getByLabel('Voice rate').fill('1.3');
  await page.getByRole('button', { name: 'Test sound' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Playing the work tone and a sample line.' })).toBeVisible();

  const sound = () =>
    page.evaluate(() => ({
      ...(window as unknown as { __sound: { started: number[]; spoken: unknown[] } }).__sound,
      volume: (window as unknown as { Howler: { volume(): number } }).Howler.volume(),
    }));
  // The work-start tone sits 140 ms into the sprite.
  await expect.poll(async () => (await sound()).started).toEqual([0.14]);
  const { spoken, volume } = await sound();
  expect(volume).toBe(0.4);
  // The utterance keeps its rate and volume as 32-bit floats.
  expect(spoken).toEqual([
    { text: expect.stringMatching(/^Work\./), rate: expect.closeTo(1.3, 5), volume: expect.closeTo(0.4, 5) },
  ]);

  await page.getByRole('switch', { name: 'Voice' }).uncheck();
  await page.getByRole('switch', { name: 'Beeps' }).uncheck();
  await page.getByRole('button', { name: 'Test sound' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Beeps and voice are off: there is nothing to hear.' }),
  ).toBeVisible();
});
