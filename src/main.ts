// Mounts the app; listens for the browser's install offer from the start (it can come at load) and
// registers the service worker once the page has loaded, so it never competes with the first screen.
import { mount } from 'svelte';
import App from './App.svelte';
import { database } from './state/database';
import { installOffer } from './state/install.svelte';
import { router } from './state/router.svelte';
import { startUpdates } from './state/updates.svelte';
import './app.css';

installOffer.listen();
// Opened while the first screen's code loads, for every screen that reads the log or the library: opening
// a large database in a fresh page takes tens of milliseconds. (The room's display and class screens
// read neither.)
if (router.route.name !== 'display' && router.route.name !== 'class') void database();
const app = mount(App, { target: document.getElementById('app')! });
if (document.readyState === 'complete') void startUpdates();
else window.addEventListener('load', () => void startUpdates(), { once: true });

// For the benchmarks (bench/history.mjs): the app's own log repository, loaded only when asked for.
(window as unknown as { __circuitTimerLog?: unknown }).__circuitTimerLog = () =>
  import('./state/log-repository').then((m) => m.workoutLog());

export default app;
