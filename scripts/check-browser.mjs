// Before the end-to-end tests: make sure a Chromium is there, and say how to get one if not.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    `End-to-end tests need Chromium at ${path}.\n` +
      `On Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium\n` +
      `Elsewhere: set CHROMIUM_PATH to a Chromium or Chrome executable.`,
  );
  process.exit(1);
}
