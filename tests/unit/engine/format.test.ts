import { describe, expect, it } from 'vitest';
import { displaySeconds, formatClock, formatLength, formatSpoken } from '../../../src/engine/format';

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

  it('formats compact lengths', () => {
    expect(formatLength(45)).toBe('45 s');
    expect(formatLength(600)).toBe('10 min');
    expect(formatLength(90)).toBe('1:30');
  });
});
