// Loaded by the service worker (workbox's importScripts). Static routes, where the browser has them
// (Chromium 123+): the app's hashed files are served by the browser straight from the precache, with no
// fetch event in the worker's script for each. A cold start onto a screen fetches a dozen files, and each
// went through the worker's one thread in turn (a cold History open: its files arrived ~35 ms sooner).
// Garmin's SDK is not precached (its own cache, filled by the worker on first use): it still goes there.
self.addEventListener('install', (event) => {
  if (typeof event.addRoutes === 'function') event.waitUntil(addStaticRoutes(event));
});

/**
 * The browser looks a routed request up in the cache as it is, Vary and all, where workbox looks up the
 * file's address alone. A server that varies its files on a request header (a CORS layer answering
 * "Vary: Origin") would make each lookup miss and fall through to the network, which is nowhere offline:
 * on such a server there are no static routes, and the worker serves every file as before.
 */
async function addStaticRoutes(event) {
  const scope = self.registration.scope;
  try {
    const probe = await fetch(new URL('sw-routes.js', scope), { method: 'HEAD', cache: 'no-store' });
    const vary = (probe.headers.get('Vary') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name && name !== 'accept-encoding');
    if (!probe.ok || vary.length > 0) return;
  } catch {
    return; // No answer: leave every file to the worker.
  }
  const assets = new URL('assets/', scope).pathname;
  await event.addRoutes([
    { condition: { urlPattern: { pathname: `${assets}fitsdk-*` } }, source: 'fetch-event' },
    {
      condition: { urlPattern: { pathname: `${assets}*` }, requestMethod: 'GET' },
      source: { cacheName: `workbox-precache-v2-${scope}` },
    },
  ]);
}
