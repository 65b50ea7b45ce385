// Types for the part of bench/browser.mjs that the end-to-end tests share (tests/e2e/cues-hidden.spec.ts).
import type { Page } from '@playwright/test';

export interface HideableChromium {
  page: Page;
  rememberTab(): Promise<void>;
  hide(): Promise<void>;
  bringBack(urlIncludes: string): Promise<Page>;
  version(): string;
  close(): Promise<void>;
}

export const CHROMIUM_PATH: string;
export function launchHideable(): Promise<HideableChromium>;
