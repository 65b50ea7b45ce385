// Offline and installable: after one visit the app opens at any of its addresses with no network,
// from the service worker's precache; the manifest is complete and Chromium reports the app
// installable. A whole preset run offline, with its sound, is timed to the millisecond in
// cues-offline.spec.ts, with the other timing specs.
import { chromium, expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Waits until the service worker is active, i.e. every file of the build is in its cache. */
async function waitUntilOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) throw new Error('no active service worker');
  });
}

test('offline, any address of the app opens the app', async ({ page, context }) => {
  await page.goto('/');
  await waitUntilOfflineReady(page);
  await context.setOffline(true);
  await page.goto('/some/old/bookmark');
  await expect(page.getByRole('link', { name: 'Circuit Timer' })).toBeVisible();
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('a screen whose code does not arrive says so, and Reload loads it', async ({ page }) => {
  // Settings' chunk cannot be fetched (no network yet, or an update in another tab replaced it).
  const settingsChunk = /\/assets\/Settings-[\w-]+\.js$/;
  await page.route(settingsChunk, (route) => route.abort('internetdisconnected'));
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'This screen could not be loaded' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(
    'Its part of the app did not arrive: the network may be away, or a newer version was installed in another tab. Reload to load it again; your circuits and workout log are kept.',
  );
  await expect(page.getByRole('link', { name: 'Go to your circuits' })).toHaveAttribute('href', '#/');

  await page.unroute(settingsChunk);
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'This screen could not be loaded' })).toHaveCount(0);
});

test("the app's files come straight from the precache, with no fetch event, and open History offline", async ({
  page,
  context,
}) => {
  await page.goto('/');
  await waitUntilOfflineReady(page);
  await context.setOffline(true);
  await page.goto('/#/history');
  await page.reload(); // a load of its own, under the worker (the first was before it was installed)
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  // Resource timing says where the service worker's static routes sent each file (public/sw-routes.js).
  const sources = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.startsWith('/assets/'))
      .map((e) => {
        const timing = e as PerformanceResourceTiming & { workerFinalSourceType?: string };
        return [new URL(e.name).pathname.replace(/-[\w-]{8}\./, '.'), timing.workerFinalSourceType ?? 'none'];
      }),
  );
  const files = Object.fromEntries(sources);
  expect(files['/assets/index.js'], 'the first module').toBe('cache');
  expect(files['/assets/History.js'], "History's chunk").toBe('cache');
  expect(sources.filter(([, source]) => source !== 'cache')).toEqual([]);
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
