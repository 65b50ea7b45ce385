import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';
import { PRESETS } from './src/data/presets.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
/** Names a build apart from another of the same version (the update test serves two). */
const buildLabel = process.env.BUILD_LABEL ?? '';
const colours = { background: '#111418', theme: '#111418' };

// The installed app. Shortcuts open a preset's ready screen: one per family, at its middle level.
const manifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Circuit Timer',
  short_name: 'Circuits',
  description: 'Interval and circuit workouts with audio and voice cues, form tips and a log, all offline.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: colours.background,
  theme_color: colours.theme,
  categories: ['health', 'fitness', 'sports'],
  icons: [
    { src: 'pwa-64x64.png', sizes: '64x64', type: 'image/png' },
    { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
    { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
    { src: 'maskable-icon-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
    { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  shortcuts: PRESETS.filter((p) => p.level === 'intermediate').map((p) => ({
    name: p.circuit.name,
    short_name: p.circuit.name.replace(/ — .*/, ''),
    url: `/#/run/${p.circuit.id}`,
    icons: [{ src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' }],
  })),
};

/**
 * The Content Security Policy of the built app: no inline script, no eval, nothing from elsewhere.
 * Blob and data URLs only where the app makes its own: the ticker Worker (inlined), the silent
 * keep-alive sound, howler's unlock sound, and files it saves for the person.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "worker-src 'self' blob: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Puts the policy in the built page itself, so it holds wherever the files are served from. */
const cspMeta: Plugin = {
  name: 'csp-meta',
  apply: 'build', // the dev server injects its own styles and scripts
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
  ],
};

export default defineConfig({
  plugins: [
    cspMeta,
    svelte(),
    VitePWA({
      // Registered by src/state/updates.svelte.ts with workbox-window; an update waits for the person.
      registerType: 'prompt',
      injectRegister: false,
      manifest,
      // The icons are in the glob below already: listed once each.
      includeManifestIcons: false,
      workbox: {
        // Everything the app needs offline, fonts included should one be added; source maps stay on the network.
        // Not the web manifest: the plugin lists it itself, and a glob for it listed it twice.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,flac,woff,woff2}'],
        // Garmin's FIT SDK (about 425 KB) is only for exporting a workout to Strava or Garmin: fetched
        // the first time it is used, then kept (below), rather than precached for everyone.
        // The 512 px icons are for installing (the home screen and splash screen): the browser fetches them
        // when it installs the app, online, and the page never loads them. Kept once fetched (below), they
        // stay out of the precache that every visitor downloads (7 KB).
        globIgnores: ['**/fitsdk-*.js', '**/*-512x512.png'],
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /\/assets\/fitsdk-[\w-]+\.js$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'fit-sdk', expiration: { maxEntries: 2 } },
          },
          {
            urlPattern: ({ url }) => /^\/[\w-]+-512x512\.png$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'install-icons', expiration: { maxEntries: 4 } },
          },
        ],
        navigateFallback: 'index.html',
        // Static routes for the hashed files (public/sw-routes.js).
        importScripts: ['sw-routes.js'],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  define: {
    __APP_VERSION__: JSON.stringify(version),
    __BUILD_LABEL__: JSON.stringify(buildLabel),
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Svelte's runtime under its own name (shared by every screen), not the first module's; Garmin's SDK
    // under its own, which the service worker leaves out of the precache.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'svelte', test: /node_modules[\\/]svelte/ },
            { name: 'fitsdk', test: /node_modules[\\/]@garmin[\\/]fitsdk/ },
          ],
        },
      },
    },
  },
  // Served with the policy as a header too (frame-ancestors works only there: no framing of the app).
  // No CORS layer: the app's files are its own, and its "Vary: Origin" would turn off the service worker's
  // static routes (public/sw-routes.js).
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    cors: false,
    headers: { 'Content-Security-Policy': `${CSP}; frame-ancestors 'none'` },
  },
  resolve: {
    alias: [
      // howler's core: its default build adds the spatial-audio plugin (9 KB precached), which we never use.
      { find: /^howler$/, replacement: 'howler/dist/howler.core.min.js' },
      // workbox-window's modern build: its default ("module") build is transpiled to ES5, 2.4 KB more.
      { find: /^workbox-window$/, replacement: 'workbox-window/build/workbox-window.prod.mjs' },
    ],
    // Unit tests run Svelte's client build, so runes behave as they do in the browser.
    ...(process.env.VITEST ? { conditions: ['browser'] } : {}),
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: './tests/unit/client-environment.ts',
  },
});
