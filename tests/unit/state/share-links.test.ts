import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src/data/presets';
import { decodeShare } from '../../../src/share/link';
import { ShareLinks } from '../../../src/state/share-links.svelte';
import { block, circuit, step } from '../fixtures';

const where = { origin: 'https://timer.example', pathname: '/' };
/** A fixed "now" for the checks on a class's time: 25 Nov 2026, 17:00 local time. */
const now = () => new Date(2026, 10, 25, 17, 0).getTime();
const preset = PRESETS[0]!.circuit;

async function payloadOf(link: string, route: string) {
  expect(link.startsWith(`https://timer.example/#/${route}/`)).toBe(true);
  const result = await decodeShare(link.slice(`https://timer.example/#/${route}/`.length));
  if (!result.ok) throw new Error(result.message);
  return result.payload;
}

describe('ShareLinks', () => {
  it('makes the link to the circuit, which opens to the same circuit', async () => {
    const share = new ShareLinks(where, now);
    await share.open(preset);
    expect((await payloadOf(share.circuitLink!, 'shared')).circuit.name).toBe(preset.name);
  });

  it('makes a class link from a local date and time, carrying that instant', async () => {
    const share = new ShareLinks(where, now);
    await share.open(preset);
    await share.scheduleClass('2026-11-25T18:30');
    expect(share.classError).toBeNull();
    expect(share.classStartsAt).toBe(new Date(2026, 10, 25, 18, 30).getTime());
    expect((await payloadOf(share.classLink!, 'class')).classStartsAt).toBe(share.classStartsAt);
  });

  it('refuses a class in the past, and clears the link when the time is cleared', async () => {
    const share = new ShareLinks(where, now);
    await share.open(preset);
    await share.scheduleClass('2026-11-25T16:00');
    expect(share.classError).toMatch(/that time has passed/);
    expect(share.classLink).toBeNull();
    await share.scheduleClass('2026-11-25T18:00');
    expect(share.classLink).not.toBeNull();
    await share.scheduleClass('');
    expect(share.classLink).toBeNull();
    expect(share.classError).toBeNull();
  });

  it('keeps only the newest class time when several are typed at once', async () => {
    const share = new ShareLinks(where, now);
    await share.open(preset);
    await Promise.all([share.scheduleClass('2026-11-25T18:00'), share.scheduleClass('2026-11-26T09:15')]);
    expect(share.classStartsAt).toBe(new Date(2026, 10, 26, 9, 15).getTime());
  });

  it('makes no class of a circuit whose steps wait for a tap, and says why', async () => {
    const share = new ShareLinks(where, now);
    await share.open(circuit([block([step('Push-ups', { mode: 'reps', reps: 10 })])]));
    expect(share.classRefusal).toMatch(/A class runs on one shared clock: steps that wait for a tap can’t be in step/);
    await share.scheduleClass('2026-11-25T18:00');
    expect(share.classLink).toBeNull();
    expect(share.circuitLink).not.toBeNull();
  });

  it('says how to copy by hand when the clipboard is refused or missing', async () => {
    const share = new ShareLinks(where, now);
    const copied: string[] = [];
    await share.copy('x', { writeText: async (t) => void copied.push(t) });
    expect(copied).toEqual(['x']);
    expect(share.copyStatus).toBe('Link copied.');
    await share.copy('x', { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) });
    expect(share.copyStatus).toMatch(/select the link in the field and copy it yourself/);
    await share.copy('x', undefined);
    expect(share.copyStatus).toMatch(/copy it yourself/);
  });
});
