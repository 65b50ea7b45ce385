import { describe, expect, it } from 'vitest';
import { REMOTE_KEYS, remoteCommand } from '../../../src/state/remote-keys';

describe('remoteCommand', () => {
  it('maps a presentation clicker’s keys to the workout controls', () => {
    expect(remoteCommand({ key: 'PageDown' })).toBe('skip');
    expect(remoteCommand({ key: 'PageUp' })).toBe('back');
    expect(remoteCommand({ key: 'b' })).toBe('toggle');
    expect(remoteCommand({ key: '.' })).toBe('toggle');
    expect(remoteCommand({ key: 'Enter' }, 'BODY')).toBe('toggle');
  });

  it('maps the keyboard: Space, arrows, +, D, F and ?', () => {
    expect(remoteCommand({ key: ' ' }, 'BUTTON')).toBe('toggle'); // Space toggles wherever focus is
    expect(remoteCommand({ key: 'ArrowRight' })).toBe('skip');
    expect(remoteCommand({ key: 'ArrowLeft' })).toBe('back');
    expect(remoteCommand({ key: '+' })).toBe('extend');
    expect(remoteCommand({ key: 'D' })).toBe('display');
    expect(remoteCommand({ key: 'f' })).toBe('fullscreen');
    expect(remoteCommand({ key: '?' })).toBe('help');
  });

  it('leaves Enter to a focused button or link, and every key to a text field', () => {
    expect(remoteCommand({ key: 'Enter' }, 'BUTTON')).toBeNull();
    expect(remoteCommand({ key: 'Enter' }, 'a')).toBeNull();
    expect(remoteCommand({ key: 'b' }, 'INPUT')).toBeNull();
    expect(remoteCommand({ key: ' ' }, 'TEXTAREA')).toBeNull();
  });

  it('ignores shortcuts with modifiers and keys that are not ours', () => {
    expect(remoteCommand({ key: 'f', ctrlKey: true })).toBeNull();
    expect(remoteCommand({ key: 'PageDown', altKey: true })).toBeNull();
    expect(remoteCommand({ key: 'x' })).toBeNull();
    expect(remoteCommand({ key: 'Tab' })).toBeNull();
  });

  it('the help lists every command the keys can give', () => {
    const listed = new Set(REMOTE_KEYS.map((row) => row.command));
    for (const key of [' ', 'Enter', 'b', '.', 'ArrowRight', 'PageDown', 'ArrowLeft', 'PageUp', '+', 'd', 'f', '?'])
      expect(listed.has(remoteCommand({ key })!)).toBe(true);
  });
});
