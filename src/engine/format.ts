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

/** A compact length for lists: 90 → "1:30", 600 → "10 min", 45 → "45 s". */
export function formatLength(totalSeconds: number): string {
  if (totalSeconds < 60) return `${totalSeconds} s`;
  if (totalSeconds % 60 === 0 && totalSeconds < 3600) return `${totalSeconds / 60} min`;
  return formatClock(totalSeconds);
}
