import { describe, expect, it } from 'vitest';
import { ScreenWakeLock, type WakeLockApi } from '../../../src/pwa/wake-lock.svelte';

/** A sentinel the browser can release (as it does when the page is hidden). */
class FakeSentinel extends EventTarget {
  released = false;
  async release() {
    this.released = true;
  }
  browserReleases() {
    this.released = true;
    this.dispatchEvent(new Event('release'));
  }
}

function fakeApi(refuse = false) {
  const sentinels: FakeSentinel[] = [];
  const api: WakeLockApi = {
    request: async () => {
      if (refuse) throw new DOMException('Battery saver is on', 'NotAllowedError');
      const s = new FakeSentinel();
      sentinels.push(s);
      return s as unknown as WakeLockSentinel;
    },
  };
  return { api, sentinels };
}

/** A document whose visibility the test sets. */
function fakeDocument() {
  const doc = new EventTarget() as EventTarget & { visibilityState: DocumentVisibilityState };
  doc.visibilityState = 'visible';
  const set = (state: DocumentVisibilityState) => {
    doc.visibilityState = state;
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  return { doc: doc as unknown as Document, set };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A wake lock API whose requests the test grants or refuses, one by one, when it chooses. */
function slowApi() {
  const requests: { grant(): FakeSentinel; refuse(): void }[] = [];
  const api: WakeLockApi = {
    request: () =>
      new Promise<WakeLockSentinel>((resolve, reject) =>
        requests.push({
          grant: () => {
            const s = new FakeSentinel();
            resolve(s as unknown as WakeLockSentinel);
            return s;
          },
          refuse: () => reject(new DOMException('The page is not visible', 'NotAllowedError')),
        }),
      ),
  };
  return { api, requests };
}

describe('ScreenWakeLock', () => {
  it('keeps the screen on while held and lets go on release', async () => {
    const { api, sentinels } = fakeApi();
    const lock = new ScreenWakeLock(api, fakeDocument().doc);
    expect(lock.status).toBe('off');
    const release = lock.hold();
    await settle();
    expect(lock.status).toBe('on');
    expect(sentinels).toHaveLength(1);
    release();
    expect(lock.status).toBe('off');
    expect(sentinels[0]!.released).toBe(true);
  });

  it('asks again when the page is visible after the browser let go (hidden page)', async () => {
    const { api, sentinels } = fakeApi();
    const { doc, set } = fakeDocument();
    const lock = new ScreenWakeLock(api, doc);
    lock.hold();
    await settle();
    set('hidden');
    sentinels[0]!.browserReleases();
    expect(lock.status).toBe('off');
    await settle();
    expect(sentinels).toHaveLength(1); // not while hidden
    set('visible');
    await settle();
    expect(sentinels).toHaveLength(2);
    expect(lock.status).toBe('on');
  });

  it('does not ask again after it was released, nor twice for two holds', async () => {
    const { api, sentinels } = fakeApi();
    const { doc, set } = fakeDocument();
    const lock = new ScreenWakeLock(api, doc);
    lock.hold();
    lock.hold();
    await settle();
    expect(sentinels).toHaveLength(1);
    lock.release();
    set('hidden');
    set('visible');
    await settle();
    expect(sentinels).toHaveLength(1);
  });

  it('two quick visibility changes while a request is out make one request, and its lock is let go on release', async () => {
    const { api, requests } = slowApi();
    const { doc, set } = fakeDocument();
    const lock = new ScreenWakeLock(api, doc);
    lock.hold();
    const first = requests[0]!.grant();
    await settle();
    set('hidden');
    first.browserReleases();
    set('visible'); // asks again…
    set('hidden');
    set('visible'); // …and, with that request still out, not a second time
    await settle();
    expect(requests).toHaveLength(2);
    const second = requests[1]!.grant();
    await settle();
    expect(lock.status).toBe('on');
    expect(requests).toHaveLength(2);
    lock.release();
    expect(second.released).toBe(true);
    expect(lock.status).toBe('off');
  });

  it('a request refused because the page was hidden meanwhile is made once more on its return', async () => {
    const { api, requests } = slowApi();
    const { doc, set } = fakeDocument();
    const lock = new ScreenWakeLock(api, doc);
    lock.hold();
    set('hidden');
    set('visible'); // back while the first request is still out
    requests[0]!.refuse();
    await settle();
    expect(requests).toHaveLength(2);
    requests[1]!.grant();
    await settle();
    expect(lock.status).toBe('on');
    // Refused again and again (battery saver): asked once per return, never in a loop.
    const { api: refusing, requests: refused } = slowApi();
    const stubborn = new ScreenWakeLock(refusing, fakeDocument().doc);
    stubborn.hold();
    refused[0]!.refuse();
    await settle();
    expect(refused).toHaveLength(1);
    expect(stubborn.status).toBe('refused');
  });

  it('a lock granted after release is let go at once', async () => {
    const { api, sentinels } = fakeApi();
    const lock = new ScreenWakeLock(api, fakeDocument().doc);
    lock.hold();
    lock.release(); // before the request resolved
    await settle();
    expect(sentinels[0]!.released).toBe(true);
    expect(lock.status).toBe('off');
  });

  it('says so when the browser has no wake lock or refuses it', async () => {
    expect(new ScreenWakeLock(null, fakeDocument().doc).status).toBe('unsupported');
    const lock = new ScreenWakeLock(fakeApi(true).api, fakeDocument().doc);
    lock.hold();
    await settle();
    expect(lock.status).toBe('refused');
  });
});
