import { describe, expect, it } from 'vitest';
import { displaySeconds, formatClock, formatTotal, formatSpoken } from '../../../src/engine/format';

describe('format', () => {
  it('shows a second until it has fully passed', () => {
    expect(displaySeconds(30_000)).toBe(30);
    expect(displaySeconds(29_999)).toBe(30);
    expect(displaySeconds(29_000)).toBe(29);
    expect(displaySeconds(1)).toBe(1);
    expect(displaySeconds(0)).toBe(0);
    expect(displaySeconds(-5)).toBe(0);
  });

  it('formats m:ss and h:mm:ss', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(75)).toBe('1:15');
    expect(formatClock(3725)).toBe('1:02:05');
  });

  it('formats spoken durations', () => {
    expect(formatSpoken(75)).toBe('1 minute 15 seconds');
    expect(formatSpoken(1)).toBe('1 second');
    expect(formatSpoken(0)).toBe('0 seconds');
    expect(formatSpoken(3600)).toBe('1 hour');
  });

  it('formats a workout’s length with its tap-when-done parts', () => {
    expect(formatTotal(745_000, 0)).toBe('12:25');
    expect(formatTotal(744_500, 1)).toBe('12:25 + 1 tap-when-done part');
    expect(formatTotal(60_000, 4)).toBe('1:00 + 4 tap-when-done parts');
  });
});
