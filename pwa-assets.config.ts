// The app's icons, generated from one source image (public/favicon.svg) by `npm run icons`:
// 192 and 512 px for the manifest, maskable versions padded into the safe zone on the app's
// background colour, an Apple touch icon and a favicon.ico for old browsers.
import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

const background = '#111418';

export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { sizes: [192, 512], padding: 0.3, resizeOptions: { background } },
    apple: { sizes: [180], padding: 0.3, resizeOptions: { background } },
  },
  images: ['public/favicon.svg'],
});
