// Names and tips from people (or from a shared link) are text, never markup: markup, very long words,
// right-to-left scripts and emoji render as written and keep every screen's layout intact.
import { expect, test, type Page } from '@playwright/test';
import { encodeShare } from '../../src/share/link';
import type { Circuit } from '../../src/engine/model';

const MARKUP = '<img src=x onerror="window.__pwned=1"><b>Bold</b>';
const LONG = 'W'.repeat(80); // the longest name allowed, with nowhere to break
const RTL = 'תרגיל גב — تمرين الظهر';
const EMOJI = 'Burpees 🔥💪🏽👩‍👩‍👧';

const exercise = (name: string, tips: string[] = []) => ({ id: null, name, perSide: false, tips });
const step = (id: string, name: string, tips: string[] = []) => ({
  id,
  exercise: exercise(name, tips),
  mode: 'time' as const,
  workSeconds: 5,
  reps: null,
  restSeconds: 2,
});
const HOSTILE: Circuit = {
  schemaVersion: 1,
  id: 'x',
  name: MARKUP,
  description: `${RTL} ${EMOJI} ${'x'.repeat(400)}`,
  prepSeconds: 2,
  warmUpSeconds: 0,
  coolDownSeconds: 0,
  switchSidesSeconds: 0,
  blocks: [
    {
      id: 'b',
      name: LONG,
      rounds: 2,
      restBetweenRoundsSeconds: 0,
      restAfterSeconds: 0,
      pace: null,
      steps: [
        step('a', LONG, ['<script>window.__pwned=2</script>', 'y'.repeat(200)]),
        step('b', RTL, [RTL]),
        step('c', EMOJI, [EMOJI]),
      ],
    },
  ],
};

/** Nothing ran, no element came from the text, and nothing sticks out sideways. */
async function expectIntact(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
  expect(await page.locator('main img, main b, main script').count()).toBe(0);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
}

test('hostile names and tips are shown as text on every screen, and keep the layout', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`/#/shared/${await encodeShare({ circuit: HOSTILE })}`);
  await expect(page.getByText(MARKUP).first()).toBeVisible();
  await expectIntact(page);
  await page.getByRole('button', { name: 'Save to my circuits' }).click();

  await page.goto('/#/');
  await expect(page.getByRole('heading', { name: MARKUP })).toBeVisible();
  await expectIntact(page);

  await page.getByRole('region', { name: 'Your circuits' }).getByRole('link', { name: /^Edit/ }).first().click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(MARKUP);
  await expectIntact(page);

  await page.goto('/#/');
  await page.getByRole('region', { name: 'Your circuits' }).getByRole('link', { name: /^Run/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: MARKUP })).toBeVisible();
  await expectIntact(page);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Skip' }).click(); // the long name at work, with its tips
  await expect(page.getByText(LONG).first()).toBeVisible();
  await expect(page.getByText('<script>window.__pwned=2</script>')).toBeVisible();
  await expectIntact(page);
  for (const name of [RTL, EMOJI]) {
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await expect(page.getByRole('region', { name: 'Timer' })).toContainText(name);
    await expectIntact(page);
  }
  await page.keyboard.press('d');
  await expect(page.getByRole('region', { name: 'Display' })).toContainText(EMOJI);
  await expectIntact(page);
  await page.keyboard.press('d');
  await page.getByRole('button', { name: 'End workout' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End workout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout ended early' })).toBeVisible();
  await expectIntact(page);

  await page.goto('/#/history');
  await expect(page.getByText(MARKUP).first()).toBeVisible();
  await expectIntact(page);
});
