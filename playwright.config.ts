// End-to-end tests against the production build served by vite preview, in Debian's Chromium:
// Playwright's own browser download cannot work on these machines.
import { defineConfig, devices } from '@playwright/test';

const baseURL = 'http://127.0.0.1:4173';
/**
 * The specs that measure timing to the millisecond run on their own after the others (a 2-core
 * machine running two browsers at once starves the page they measure), on the desktop viewport:
 * the cues visible, hidden and offline, and windows and phones kept in step (sync).
 */
const TIMING = /(cues(-hidden|-offline)?|sync)\.spec\.ts$/;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // Honest results: a flaky test should fail, not pass on a second try.
  retries: 0,
  workers: 2,
  reporter: 'list',
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
  projects: [
    { name: 'desktop', testIgnore: TIMING, use: { viewport: { width: 1280, height: 800 } } },
    {
      name: 'phone',
      testIgnore: TIMING,
      use: {
        ...devices['Pixel 7'],
        viewport: { width: 412, height: 915 },
        screen: { width: 412, height: 915 },
        isMobile: true,
        hasTouch: true,
      },
    },
    {
      name: 'timing',
      testMatch: TIMING,
      dependencies: ['desktop', 'phone'],
      // One at a time: two of them side by side would starve the very timers they measure.
      workers: 1,
      use: { viewport: { width: 1280, height: 800 } },
    },
  ],
  webServer: {
    command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
