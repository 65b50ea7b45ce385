// The built app runs under a Content Security Policy with no inline script and no eval: delivered in
// the page and as a header, obeyed by every screen, and enforced.
import { expect, test, type Page } from '@playwright/test';
import { encodeShare } from '../../src/share/link';
import { CLASS } from './class-fixture';

/** Every violation the page reports, from before its first script. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

test('the policy comes in the page and as a header, and allows no inline script and no eval', async ({ page }) => {
  const response = await page.goto('/');
  const header = response!.headers()['content-security-policy']!;
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const policy of [header, meta!]) {
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  }
  expect(header).toContain("frame-ancestors 'none'");
});

test('an injected inline script, code from a string and an inline handler are refused', async ({ page }) => {
  await recordViolations(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    return (window as unknown as { __injected?: boolean }).__injected ?? false;
  });
  expect(ran).toBe(false);
  // Code from a string, as an attacker's payload would run it: a string timer is compiled by the page
  // itself when it fires (the test's own evaluate is exempt from the policy, as devtools are).
  await page.evaluate(() => {
    const later = setTimeout as unknown as (code: string, ms: number) => number;
    later('window.__evaluated = true', 0);
  });
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __evaluated?: boolean }).__evaluated ?? false)).toBe(false);
  // An injected event-handler attribute, the commonest way markup smuggles script in.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<img src="/missing.png" onerror="window.__handled = true">');
  });
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __handled?: boolean }).__handled ?? false)).toBe(false);
  // Each is reported once per policy: the page's and the header's (the same policy, enforced twice).
  await expect
    .poll(async () => [...new Set(await violations(page))])
    .toEqual([
      expect.stringMatching(/^script-src-elem inline/),
      expect.stringMatching(/^script-src eval/),
      expect.stringMatching(/^script-src-attr inline/),
    ]);
});

test('every screen works under the policy without a single violation', async ({ page, context }) => {
  test.setTimeout(60_000);
  await recordViolations(page);
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Run Tabata — Beginner' })).toBeVisible();
  await page.getByRole('link', { name: 'New circuit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New circuit' })).toBeVisible();
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Test sound' }).click();
  await page.goto('/#/history');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // A run with its sound (Worker ticker, Web Audio, the keep-alive loop), display mode and sharing.
  await page.goto('/#/run/tabata-beginner');
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('img', { name: /QR code/ }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('timer', { name: 'Time remaining' })).toBeVisible();
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: 'Display mode' }).click();
  await expect(page.getByRole('region', { name: 'Display' })).toBeVisible();
  const display = await context.newPage();
  await recordViolations(display);
  await display.goto('/#/display');
  await expect(display.getByRole('region', { name: 'Display' }).getByRole('timer')).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();

  await display.goto(`/#/class/${await encodeShare({ circuit: CLASS, classStartsAt: Date.now() + 60_000 })}`);
  await display.getByRole('button', { name: 'Turn sound on' }).click();
  await expect(display.getByRole('timer', { name: 'Time until the start' })).toBeVisible();
  await page.waitForTimeout(500);

  expect(await violations(page)).toEqual([]);
  expect(await violations(display)).toEqual([]);
});
