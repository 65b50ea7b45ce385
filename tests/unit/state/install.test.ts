import { describe, expect, it } from 'vitest';
import { InstallOffer } from '../../../src/state/install.svelte';

/** Chromium's beforeinstallprompt, with the person's answer. */
function promptEvent(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
    prompt(): Promise<void>;
    userChoice: Promise<{ outcome: string }>;
    prompted: number;
  };
  event.prompted = 0;
  event.prompt = async () => {
    event.prompted++;
  };
  event.userChoice = Promise.resolve({ outcome });
  return event;
}

describe('InstallOffer', () => {
  it('offers installation only once the browser does, and keeps the browser’s own banner away', () => {
    const target = new EventTarget();
    const offer = new InstallOffer();
    offer.listen(target);
    expect(offer.available).toBe(false);
    const event = promptEvent('accepted');
    target.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(offer.available).toBe(true);
  });

  it('shows the browser’s dialog once; accepted means installed', async () => {
    const target = new EventTarget();
    const offer = new InstallOffer();
    offer.listen(target);
    const event = promptEvent('accepted');
    target.dispatchEvent(event);
    expect(await offer.install()).toBe('accepted');
    expect(event.prompted).toBe(1);
    expect(offer.installed).toBe(true);
    expect(offer.available).toBe(false);
    expect(await offer.install()).toBe('unavailable'); // the browser's offer is used up
  });

  it('a dismissed dialog hides the button until the browser offers again', async () => {
    const target = new EventTarget();
    const offer = new InstallOffer();
    offer.listen(target);
    target.dispatchEvent(promptEvent('dismissed'));
    expect(await offer.install()).toBe('dismissed');
    expect(offer.available).toBe(false);
    expect(offer.installed).toBe(false);
    target.dispatchEvent(promptEvent('accepted'));
    expect(offer.available).toBe(true);
  });

  it('an install from the browser’s menu hides the button', () => {
    const target = new EventTarget();
    const offer = new InstallOffer();
    offer.listen(target);
    target.dispatchEvent(promptEvent('accepted'));
    target.dispatchEvent(new Event('appinstalled'));
    expect(offer.available).toBe(false);
    expect(offer.installed).toBe(true);
  });
});
