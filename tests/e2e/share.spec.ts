// Sharing a circuit: its link (and QR code) opens on another device (a fresh browser profile), which
// can save it; a damaged or hostile link says why it can't be opened and changes nothing stored.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { buildCircuit, circuitCard, expectNoAxeViolations, openLibrary, saveCircuit, yourCircuits } from './flows';

const TABATA = 'Tabata — Beginner';

/** Opens a preset's ready screen and its Share dialog. */
async function openShare(page: Page, presetId: string, name: string): Promise<Locator> {
  await page.goto(`/#/run/${presetId}`);
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Share “${name}”` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Link to this circuit')).toHaveValue(/#\/shared\/1\./);
  return dialog;
}

/** The payload of a link: what follows `#/shared/`. */
function payloadOf(link: string): string {
  return link.slice(link.indexOf('#/shared/') + '#/shared/'.length);
}

/** Packs any JSON as the app packs a link (deflate-raw, base64url), in the page: links the app never makes. */
async function pack(page: Page, json: string, version = '1'): Promise<string> {
  return page.evaluate(
    async ([text, v]) => {
      const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return `${v}.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    },
    [json, version] as const,
  );
}

/** The names of the circuits the library lists as the person's own. */
async function storedNames(page: Page): Promise<string[]> {
  await openLibrary(page);
  await expect(yourCircuits(page).getByText('Loading…')).toHaveCount(0);
  return yourCircuits(page).getByRole('heading', { level: 3 }).allInnerTexts();
}

test('a preset shared as a link opens on another device, which saves it to its circuits', async ({
  page,
  browser,
}, testInfo) => {
  const dialog = await openShare(page, 'tabata-beginner', TABATA);
  await expect(dialog.getByRole('img', { name: `QR code for the link to ${TABATA}` })).toBeVisible();
  const link = await dialog.getByLabel('Link to this circuit').inputValue();
  expect(link.startsWith(`${testInfo.project.use.baseURL}/#/shared/1.`)).toBe(true);
  expect(link).toMatch(/\/#\/shared\/1\.[A-Za-z0-9_-]+$/);

  // Another phone: a new browser profile with nothing stored.
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  try {
    const phone = await other.newPage();
    await phone.goto(link);
    await expect(phone.getByRole('heading', { level: 1, name: 'A circuit shared with you' })).toBeVisible();
    await expect(phone.getByRole('heading', { name: TABATA })).toBeVisible();
    await expect(phone.getByText('Mountain climber', { exact: true })).toBeVisible();
    await phone.getByRole('button', { name: 'Save to my circuits' }).click();
    await expect(phone.getByRole('main').getByRole('status')).toHaveText('Saved to your circuits.');

    await phone.getByRole('link', { name: 'Your circuits' }).click();
    await expect(phone.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();
    await expect(circuitCard(phone, TABATA)).toBeVisible();
    expect(await storedNames(phone)).toEqual([TABATA]);

    // Opened again, it is recognised: no second copy.
    await phone.goto(link);
    await expect(phone.getByRole('main').getByRole('status')).toHaveText(
      'You have this circuit already, in your circuits: nothing new was saved.',
    );
    await expect(phone.getByRole('button', { name: 'Save to my circuits' })).toHaveCount(0);
    await phone.getByRole('link', { name: `Run ${TABATA}` }).click();
    await expect(phone.getByRole('button', { name: 'Start' })).toBeVisible();
    expect(await storedNames(phone)).toEqual([TABATA]);
  } finally {
    await other.close();
  }
});

test('damaged and hostile links say why they cannot be opened, and change nothing stored', async ({ page }) => {
  await buildCircuit(page, { name: 'Keep me', steps: [{ exercise: 'Band pull-apart', work: 20, rest: 10 }] });
  await saveCircuit(page, 'Keep me');

  const good = payloadOf(
    await (await openShare(page, 'tabata-beginner', TABATA)).getByLabel('Link to this circuit').inputValue(),
  );
  const hostile = JSON.stringify({ circuit: { name: 'x', blocks: [] } }).replace(
    '{"name"',
    '{"__proto__":{"polluted":true},"name"',
  );
  const unknownExercise = JSON.stringify({
    circuit: {
      name: 'Sneaky',
      description: '',
      prepSeconds: 0,
      warmUpSeconds: 0,
      coolDownSeconds: 0,
      switchSidesSeconds: 5,
      blocks: [
        {
          name: 'Main',
          rounds: 1,
          restBetweenRoundsSeconds: 0,
          restAfterSeconds: 0,
          pace: null,
          steps: [
            { exercise: '<img src=x onerror=alert(1)>', mode: 'time', workSeconds: 20, reps: null, restSeconds: 0 },
          ],
        },
      ],
    },
  });
  const bad: [string, string, RegExp][] = [
    ['garbage', 'hello%20world!', /This is not a Circuit Timer link/],
    ['not base64url', '1.abc$def', /characters a shared circuit never has/],
    ['truncated', good.slice(0, good.length - 40 - ((good.length - 42) % 4 === 1 ? 1 : 0)), /cut short or damaged/],
    [
      'from a newer version',
      good.replace(/^1\./, '2.'),
      /made by a newer version of Circuit Timer: update the app first/,
    ],
    ['hostile __proto__', await pack(page, hostile), /field named “__proto__”, which shared circuits never have/],
    ['a hostile exercise id', await pack(page, unknownExercise), /doesn’t know \(“<img src=x onerror=alert\(1\)>”\)/],
    ['empty', '', /This link is empty/],
  ];
  let dialogs = 0;
  page.on('dialog', (d) => (dialogs++, void d.dismiss()));
  for (const [kind, payload, message] of bad) {
    await test.step(kind, async () => {
      await page.goto(`/#/shared/${payload}`);
      await expect(page.getByRole('heading', { level: 1, name: "Can't open this shared circuit" })).toBeVisible();
      await expect(page.getByRole('alert')).toHaveText(message);
      await expect(page.getByRole('button', { name: 'Save to my circuits' })).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Go to your circuits' })).toBeVisible();
    });
  }
  expect(dialogs).toBe(0);
  await expect(page.locator('main img')).toHaveCount(0);
  expect(await page.evaluate(() => 'polluted' in {})).toBe(false);
  expect(await storedNames(page)).toEqual(['Keep me']);
});

test('a class link carries the chosen start, with its own QR code', async ({ page }) => {
  const dialog = await openShare(page, 'tabata-beginner', TABATA);
  await expect(dialog.getByText("Everyone's phone runs from this instant by its own clock")).toBeVisible();
  await dialog.getByLabel('Class starts at').fill('2031-05-04T18:30');
  const classLink = dialog.getByLabel(/^Class link, starting /);
  await expect(classLink).toHaveValue(/^https?:\/\/[^/]+\/#\/class\/1\.[A-Za-z0-9_-]+$/);
  await expect(dialog.getByRole('img', { name: `QR code for the class link to ${TABATA}` })).toBeVisible();
  expect(await classLink.inputValue()).not.toBe(await dialog.getByLabel('Link to this circuit').inputValue());

  // The dialog's keys are its own: B (start, for a clicker) on its button does not start the workout
  // behind it, and Escape closes it.
  await dialog.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('b');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeFocused();
});

test('copies the link to the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dialog = await openShare(page, 'emom-beginner', 'EMOM — Beginner');
  const link = await dialog.getByLabel('Link to this circuit').inputValue();
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
});

test('a circuit with tap-when-done steps is shared, but never as a class, and the library says why', async ({
  page,
}) => {
  await buildCircuit(page, {
    name: 'Push day',
    steps: [
      { exercise: 'Band pull-apart', work: 20 },
      { custom: 'Push-ups', ends: 'tap', reps: 12 },
    ],
  });
  await saveCircuit(page, 'Push day');
  await circuitCard(page, 'Push day').getByRole('button', { name: 'Share Push day' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share “Push day”' });
  await expect(dialog.getByLabel('Link to this circuit')).toHaveValue(/#\/shared\/1\./);
  await expect(dialog).toContainText('A class runs on one shared clock: steps that wait for a tap can’t be in step');
  await expect(dialog.getByLabel('Class starts at')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test.describe('no axe violations', () => {
  test('on a shared circuit, before and after saving', async ({ page }) => {
    const link = await (
      await openShare(page, 'metabolic-back-beginner', 'Metabolic back circuit — Beginner')
    )
      .getByLabel('Link to this circuit')
      .inputValue();
    await page.goto('/#/');
    await page.goto(link);
    await expect(page.getByRole('button', { name: 'Save to my circuits' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Save to my circuits' }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Saved to your circuits.');
    await expectNoAxeViolations(page);
  });

  test('on a link that cannot be opened', async ({ page }) => {
    await page.goto('/#/shared/2.abc');
    await expect(page.getByRole('alert')).toContainText('made by a newer version');
    await expectNoAxeViolations(page);
  });

  test('with the share dialog open, a class scheduled', async ({ page }) => {
    const dialog = await openShare(page, 'tabata-beginner', TABATA);
    await dialog.getByLabel('Class starts at').fill('2031-05-04T18:30');
    await expect(dialog.getByRole('img', { name: `QR code for the class link to ${TABATA}` })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
