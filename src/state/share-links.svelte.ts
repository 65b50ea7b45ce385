// The links the Share dialog offers for one circuit: the circuit itself, and a class that runs it
// from an instant the person picks, each ready to copy or show as a QR code.
import type { Circuit } from '../engine/model';
import { classRefusal, encodeShare, shareUrl } from '../share/link';

/** A class may be set a little in the past (the minute now), not further: it would be over or under way. */
const PAST_ALLOWED_MS = 60_000;

export class ShareLinks {
  /** The absolute link to the circuit, once made. */
  circuitLink = $state<string | null>(null);
  /** Why there is no link (a circuit too large to share), for the person. */
  error = $state<string | null>(null);
  /** Why this circuit cannot be a class, or null when it can. */
  classRefusal = $state<string | null>(null);
  classLink = $state<string | null>(null);
  classStartsAt = $state<number | null>(null);
  classError = $state<string | null>(null);
  /** The outcome of the last Copy, said to the person. */
  copyStatus = $state('');
  /** Only the newest class request may set the class link: typing a time makes several. */
  private classRequest = 0;

  private circuit: Circuit | null = null;

  constructor(
    private readonly where: Pick<Location, 'origin' | 'pathname'> = location,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the circuit to share and makes its link. */
  async open(circuit: Circuit): Promise<void> {
    this.circuit = circuit;
    this.classRefusal = classRefusal(circuit);
    try {
      this.circuitLink = shareUrl('circuit', await encodeShare({ circuit }), this.where);
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Makes the class link from a `datetime-local` value (the device's local time), or says what is wrong. */
  async scheduleClass(value: string): Promise<void> {
    const request = ++this.classRequest;
    this.classLink = null;
    this.classStartsAt = null;
    this.classError = null;
    const circuit = this.circuit;
    if (!circuit || this.classRefusal || value === '') return;
    const at = localInstant(value);
    if (at === null) {
      this.classError = 'Class starts at: enter a date and a time.';
      return;
    }
    if (at < this.now() - PAST_ALLOWED_MS) {
      this.classError = 'Class starts at: that time has passed. Choose a time ahead of now.';
      return;
    }
    try {
      const payload = await encodeShare({ circuit, classStartsAt: at });
      if (request !== this.classRequest) return;
      this.classLink = shareUrl('class', payload, this.where);
      this.classStartsAt = at;
    } catch (err) {
      if (request === this.classRequest) this.classError = err instanceof Error ? err.message : String(err);
    }
  }

  /** Copies a link to the clipboard, or says how to copy it by hand where the browser does not allow it. */
  async copy(
    link: string,
    clipboard: Pick<Clipboard, 'writeText'> | undefined = globalThis.navigator?.clipboard,
  ): Promise<void> {
    try {
      if (!clipboard) throw new Error('no clipboard');
      await clipboard.writeText(link);
      this.copyStatus = 'Link copied.';
    } catch {
      this.copyStatus = 'This browser did not allow copying: select the link in the field and copy it yourself.';
    }
  }
}

/** Epoch ms of a `datetime-local` value ("2026-11-25T18:30") in the device's time zone, or null. */
function localInstant(value: string): number | null {
  const parts = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!parts) return null;
  const [y, mo, d, h, mi, s = '0', ms = '0'] = parts.slice(1).map((p) => p ?? '0') as string[];
  const date = new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(ms.padEnd(3, '0')),
  );
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}
