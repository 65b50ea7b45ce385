// Formats durations for people: m:ss on the timer, words for screen readers.

/** Whole seconds shown for a remaining time: a second is shown until it has fully passed. */
export function displaySeconds(remainingMs: number): number {
  return Math.max(0, Math.ceil(remainingMs / 1000 - 1e-9));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** 75 → "1 minute 15 seconds", for assistive technology. */
export function formatSpoken(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const parts = [h ? part(h, 'hour') : '', m ? part(m, 'minute') : '', sec || (!h && !m) ? part(sec, 'second') : ''];
  return parts.filter(Boolean).join(' ');
}

/** A workout's length: "12:25", or "12:25 + 2 tap-when-done parts" when some parts wait for a tap. */
export function formatTotal(totalMs: number, untilTapCount: number): string {
  const clock = formatClock(Math.ceil(totalMs / 1000));
  if (untilTapCount === 0) return clock;
  return `${clock} + ${untilTapCount} tap-when-done ${untilTapCount === 1 ? 'part' : 'parts'}`;
}
