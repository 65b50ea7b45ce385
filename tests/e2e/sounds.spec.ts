// The cue sprite as a browser decodes it: the FLAC written by scripts/flac.mjs must come out of Chromium's
// decodeAudioData as exactly the samples it was made from, which the file's own MD5 states.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SPRITE_URL } from '../../src/audio/sprite';

const SAMPLE_RATE = 11025;

test('the cue sprite decodes in the browser to exactly the samples it was made from', async ({ page }) => {
  const file = readFileSync(new URL(`../../public${SPRITE_URL}`, import.meta.url));
  // STREAMINFO follows "fLaC" and its 4-byte block header; its last 16 bytes are the samples' MD5.
  const md5 = file.toString('hex', 26, 42);

  await page.goto('/');
  const decoded = await page.evaluate(
    async ({ url, rate }) => {
      const response = await fetch(url);
      // At the file's own rate, so that nothing is resampled.
      const buffer = await new OfflineAudioContext(1, 1, rate).decodeAudioData(await response.arrayBuffer());
      return {
        sampleRate: buffer.sampleRate,
        channels: buffer.numberOfChannels,
        // Back to 16-bit integers as Chromium scaled them: −32768…32767 onto −1…1, each side by its own end.
        samples: Array.from(buffer.getChannelData(0), (s) => Math.round(s < 0 ? s * 32768 : s * 32767)),
      };
    },
    { url: SPRITE_URL, rate: SAMPLE_RATE },
  );

  expect(decoded).toMatchObject({ sampleRate: SAMPLE_RATE, channels: 1 });
  const bytes = Buffer.alloc(decoded.samples.length * 2);
  decoded.samples.forEach((s, i) => bytes.writeInt16LE(s, i * 2));
  expect(createHash('md5').update(bytes).digest('hex')).toBe(md5);
});
