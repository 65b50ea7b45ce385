// Offline and installable: after one visit the whole app starts and runs with no network, from the
// service worker's precache; the manifest is complete and Chromium reports the app installable.
import { chromium, expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CUE_CHECK_IDEAL, expectCueCheckOnTime, heardCues, insertCueCheck, installProbe, readProbe } from './cue-probe';
import { holdClock, openLibrary, runTimer } from './flows';

/** Waits until the service worker is active, i.e. every file of the build is in its cache. */
async function waitUntilOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) throw new Error('no active service worker');
  });
}

test('after one visit, the app starts offline, sounds its cues and runs a whole preset to the finish', async ({
  page,
  context,
}) => {
  await page.addInitScript(installProbe);
  await openLibrary(page);
  await insertCueCheck(page);
  await waitUntilOfflineReady(page);

  await context.setOffline(true);
  const fromNetwork: string[] = [];
  page.on('response', (response) => {
    // Made in the page (data: and blob: URLs) or served by the service worker: nothing else may answer.
    if (!response.fromServiceWorker() && !/^(data|blob):/.test(response.url())) fromNetwork.push(response.url());
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();

  // The sounds come from the cache: the first 4 s of "Cue check", in real time, sound on the boundaries.
  await page.goto('/#/run/cue-check');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect
    .poll(async () => {
      const probe = await readProbe(page);
      return heardCues(probe.cues, probe.startedAt).map((c) => c.sound);
    })
    .toEqual(CUE_CHECK_IDEAL.slice(0, 4).map(([sound]) => sound));
  const probe = await readProbe(page);
  expectCueCheckOnTime(heardCues(probe.cues, probe.startedAt).slice(0, 4), 4);
  await page.getByRole('button', { name: 'End workout' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End workout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout ended early' })).toBeVisible();

  // A whole preset (Tabata, beginner: 9 minutes), on the page's fake clock.
  await page.clock.install();
  await page.goto('/#/run/tabata-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  await holdClock(page);
  await expect(runTimer(page)).toBeVisible();
  await page.clock.runFor(9 * 60 * 1000 + 1000);
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible();
  expect((await readProbe(page)).contextStates).toEqual(['running']);
  expect(fromNetwork, 'everything came from the service worker').toEqual([]);
});

test('offline, any address of the app opens the app', async ({ page, context }) => {
  await page.goto('/');
  await waitUntilOfflineReady(page);
  await context.setOffline(true);
  await page.goto('/some/old/bookmark');
  await expect(page.getByRole('link', { name: 'Circuit Timer' })).toBeVisible();
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

test('the manifest is complete, every icon is a PNG of its size, and each shortcut opens its preset', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const manifest = await (await request.get(href!)).json();
  expect(manifest).toMatchObject({
    name: 'Circuit Timer',
    short_name: expect.any(String),
    description: expect.stringMatching(/^.{20,}$/),
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
  });
  const icons = manifest.icons as ManifestIcon[];
  for (const size of ['192x192', '512x512'])
    for (const purpose of [undefined, 'maskable'])
      expect(
        icons.some((i) => i.sizes === size && i.purpose === purpose),
        `${size} ${purpose ?? 'any'}`,
      ).toBe(true);
  for (const icon of icons) {
    const response = await request.get(`/${icon.src}`);
    expect(response.status(), icon.src).toBe(200);
    const png = await response.body();
    expect(png.subarray(1, 4).toString('latin1'), `${icon.src} is a PNG`).toBe('PNG');
    // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
  }

  const shortcuts = manifest.shortcuts as { name: string; url: string }[];
  expect(shortcuts.length).toBeGreaterThanOrEqual(4);
  for (const shortcut of shortcuts) {
    await page.goto(shortcut.url);
    await expect(page.getByRole('heading', { level: 1, name: shortcut.name })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  }
});

test('Chromium reports the app installable, with no manifest errors', async ({ baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one browser profile of its own is enough');
  // Playwright's usual contexts are incognito, where nothing is installable: use a real profile.
  const profile = await mkdtemp(path.join(os.tmpdir(), 'installable-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(baseURL!);
    await waitUntilOfflineReady(page);
    await page.reload();
    const cdp = await context.newCDPSession(page);
    const { errors } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);
    await expect.poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

test('an Install button appears where the browser offers installation, and opens its dialog', async ({ page }) => {
  await page.goto('/');
  const install = page.getByRole('button', { name: 'Install app' });
  await expect(install).toHaveCount(0);
  // Chromium fires this when it would offer installation (not in a headless test browser).
  await page.evaluate(() => {
    const event = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(event, {
      prompt: async () => {
        (window as unknown as { __prompted: boolean }).__prompted = true;
      },
      userChoice: Promise.resolve({ outcome: 'accepted' }),
    });
    window.dispatchEvent(event);
  });
  await install.click();
  expect(await page.evaluate(() => (window as unknown as { __prompted?: boolean }).__prompted)).toBe(true);
  await expect(install).toHaveCount(0);
});
