import { describe, expect, it } from 'vitest';
import { AppUpdates, type WorkboxLike } from '../../../src/state/updates.svelte';

/** A stand-in for workbox-window: events are fired by the test. */
function fakeWorkbox(register: () => Promise<unknown> = async () => ({})) {
  const listeners = new Map<string, ((event: { isUpdate?: boolean }) => void)[]>();
  const calls = { skipWaiting: 0, update: 0 };
  const wb = {
    addEventListener(type: string, listener: (event: { isUpdate?: boolean }) => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    register,
    update: async () => {
      calls.update++;
    },
    messageSkipWaiting: () => {
      calls.skipWaiting++;
    },
  } as unknown as WorkboxLike;
  const fire = (type: string, event: { isUpdate?: boolean } = {}) => listeners.get(type)?.forEach((l) => l(event));
  return { wb, fire, calls };
}

function setUp(busy = false) {
  const state = { busy, reloads: 0 };
  const updates = new AppUpdates(
    () => state.busy,
    () => state.reloads++,
  );
  return { updates, state };
}

describe('AppUpdates', () => {
  it('offers nothing until a new version is waiting', async () => {
    const { updates, state } = setUp();
    const { wb, fire } = fakeWorkbox();
    await updates.register(wb);
    fire('controlling', { isUpdate: false }); // the first install taking charge is not an update
    expect(updates.available).toBe(false);
    expect(updates.apply()).toBe(false);
    expect(state.reloads).toBe(0);
  });

  it('applies a waiting version only when asked: skip waiting, then one reload when it takes charge', async () => {
    const { updates, state } = setUp();
    const { wb, fire, calls } = fakeWorkbox();
    await updates.register(wb);
    fire('waiting');
    expect(updates.available).toBe(true);
    expect(state.reloads).toBe(0); // offered, not applied
    expect(updates.apply()).toBe(true);
    expect(calls.skipWaiting).toBe(1);
    expect(state.reloads).toBe(0); // not before the new version is in charge
    fire('controlling', { isUpdate: true });
    expect(state.reloads).toBe(1);
  });

  it('never applies while a workout is under way, and does once it is over', async () => {
    const { updates, state } = setUp(true);
    const { wb, fire, calls } = fakeWorkbox();
    await updates.register(wb);
    fire('waiting');
    expect(updates.canApply).toBe(false);
    expect(updates.apply()).toBe(false);
    expect(calls.skipWaiting).toBe(0);
    state.busy = false;
    expect(updates.canApply).toBe(true);
    expect(updates.apply()).toBe(true);
    expect(calls.skipWaiting).toBe(1);
  });

  it('does not reload when a workout started between "Update now" and the new version taking charge', async () => {
    const { updates, state } = setUp();
    const { wb, fire, calls } = fakeWorkbox();
    await updates.register(wb);
    fire('waiting');
    expect(updates.apply()).toBe(true);
    expect(calls.skipWaiting).toBe(1);
    state.busy = true; // Start, before the new service worker took charge
    fire('controlling', { isUpdate: true });
    expect(state.reloads).toBe(0);
    expect(updates.available).toBe(true); // still offered
    expect(updates.apply()).toBe(false); // and not applied while the workout lasts
    state.busy = false;
    expect(updates.apply()).toBe(true);
    expect(calls.skipWaiting).toBe(1); // the new version is in charge already: a reload loads it
    expect(state.reloads).toBe(1);
  });

  it('does not reload when another tab applied the update, but offers a reload', async () => {
    const { updates, state } = setUp(true);
    const { wb, fire, calls } = fakeWorkbox();
    await updates.register(wb);
    fire('waiting');
    fire('controlling', { isUpdate: true }); // skipWaiting from another tab
    expect(state.reloads).toBe(0);
    expect(updates.available).toBe(true);
    state.busy = false;
    expect(updates.apply()).toBe(true);
    expect(calls.skipWaiting).toBe(0); // nothing waits any more: a reload loads the new version
    expect(state.reloads).toBe(1);
  });

  it('says why the app cannot work offline when there is no service worker or it fails to register', async () => {
    const none = setUp().updates;
    await none.register(null);
    expect(none.offlineProblem).toMatch(/cannot keep the app for offline use/);
    const failing = setUp().updates;
    await failing.register(fakeWorkbox(() => Promise.reject(new Error('SecurityError'))).wb);
    expect(failing.offlineProblem).toMatch(/could not be kept for offline use \(SecurityError\)/);
  });

  it('checks for a new version on request and keeps quiet when offline', async () => {
    const { updates } = setUp();
    const { wb, calls } = fakeWorkbox();
    await updates.check(); // before registration: nothing to ask
    await updates.register(wb);
    await updates.check();
    expect(calls.update).toBe(1);
    const offline = setUp().updates;
    const failing = fakeWorkbox();
    failing.wb.update = () => Promise.reject(new TypeError('Failed to fetch'));
    await offline.register(failing.wb);
    await expect(offline.check()).resolves.toBeUndefined();
  });
});
