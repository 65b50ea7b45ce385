// A class link: every phone that opens it runs the same timeline from the instant the instructor
// set, with no server. (How closely two phones stay in step is measured in sync.spec.ts.)
import { expect, test } from '@playwright/test';
import { encodeShare } from '../../src/share/link';
import { CLASS } from './class-fixture';
import { expectNoAxeViolations, openLibrary, yourCircuits } from './flows';

test('a class link shows its start time, the clock caveat, and can be saved; no axe violations', async ({ page }) => {
  const startsAt = Date.now() + 60 * 60_000;
  await page.goto(`/#/class/${await encodeShare({ circuit: CLASS, classStartsAt: startsAt })}`);
  await expect(page.getByRole('timer', { name: 'Time until the start' })).toHaveText(/^(59:5\d|1:00:00)$/);
  await expect(page.getByText("kept in step by this phone's clock")).toBeVisible();
  await expect(page.getByText('First: Get ready')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save this circuit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is saved in your circuits' })).toBeVisible();
  await openLibrary(page);
  await expect(yourCircuits(page).getByRole('heading', { name: 'Thursday back class' })).toBeVisible();
});

test('a broken or unsuitable class link says why and changes nothing stored', async ({ page }) => {
  const tapWhenDone = structuredClone(CLASS);
  tapWhenDone.blocks[0]!.steps[0]!.mode = 'reps';
  tapWhenDone.blocks[0]!.steps[0]!.reps = 12;
  const cases: [string, RegExp][] = [
    ['not-a-payload!', /./],
    [(await encodeShare({ circuit: CLASS })).slice(0, 20), /./],
    [await encodeShare({ circuit: CLASS }), /schedules no class/],
    [await encodeShare({ circuit: tapWhenDone, classStartsAt: Date.now() + 60_000 }), /wait for a tap/],
    [await encodeShare({ circuit: CLASS, classStartsAt: Date.now() - 3 * 24 * 3600_000 }), /is over/],
  ];
  await openLibrary(page);
  const before = await listedCircuits(page);
  for (const [payload, reason] of cases) {
    await page.goto(`/#/class/${payload}`);
    await expect(page.getByRole('heading', { level: 1, name: "Can't join this class" })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText(reason);
  }
  await expectNoAxeViolations(page);
  await openLibrary(page);
  expect(await listedCircuits(page)).toBe(before);
});

/** The library's saved circuits as listed, once it has read them: compared while "Loading…", nothing is. */
async function listedCircuits(page: import('@playwright/test').Page): Promise<string | null> {
  await expect(yourCircuits(page)).not.toContainText('Loading…');
  return yourCircuits(page).textContent();
}
