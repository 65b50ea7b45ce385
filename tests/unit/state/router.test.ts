import { describe, expect, it } from 'vitest';
import { href, parseHash, type Route } from '../../../src/state/routes';

describe('parseHash', () => {
  it('maps addresses to routes and back', () => {
    const routes: Route[] = [
      { name: 'library' },
      { name: 'new' },
      { name: 'edit', id: 'abc' },
      { name: 'duplicate', id: 'tabata-beginner' },
      { name: 'run', id: 'a b/c' },
      { name: 'resume', id: 'session-1' },
      { name: 'finish' },
      { name: 'settings' },
      { name: 'history' },
      { name: 'session', id: 'f3a1/0 x' },
      { name: 'display' },
      { name: 'shared', payload: '1.eJyrVkrLz1eyUkpKLFKqBQA' },
      { name: 'class', payload: '1.abc_-XYZ09' },
    ];
    for (const route of routes) expect(parseHash(href(route))).toEqual(route);
    expect(parseHash('')).toEqual({ name: 'library' });
  });

  it('sends unknown addresses to not-found', () => {
    expect(parseHash('#/nope')).toEqual({ name: 'notFound', path: '/nope' });
    expect(parseHash('#/run/')).toEqual({ name: 'notFound', path: '/run/' });
    expect(parseHash('#/settings/x')).toEqual({ name: 'notFound', path: '/settings/x' });
    expect(parseHash('#/history/x')).toEqual({ name: 'notFound', path: '/history/x' });
    expect(parseHash('#/session/')).toEqual({ name: 'notFound', path: '/session/' });
    expect(parseHash('#/display/x')).toEqual({ name: 'notFound', path: '/display/x' });
  });
});

describe('parseHash with a malformed address', () => {
  it('sends a broken escape to not-found instead of throwing', () => {
    expect(parseHash('#/run/%E0')).toEqual({ name: 'notFound', path: '/run/%E0' });
  });
});

describe('parseHash with a shared circuit or class', () => {
  it('passes the payload on exactly as it is in the address, never URI-decoded', () => {
    expect(parseHash('#/shared/1.ab_-CD')).toEqual({ name: 'shared', payload: '1.ab_-CD' });
    expect(parseHash('#/class/1.ab_-CD')).toEqual({ name: 'class', payload: '1.ab_-CD' });
    expect(parseHash('#/shared/1.a%20b')).toEqual({ name: 'shared', payload: '1.a%20b' });
  });

  it('hands a damaged payload to the share screen, which says what is wrong, instead of not-found', () => {
    expect(parseHash('#/shared/%E0')).toEqual({ name: 'shared', payload: '%E0' });
    expect(parseHash('#/shared/1.abc/def')).toEqual({ name: 'shared', payload: '1.abc/def' });
    expect(parseHash('#/shared/')).toEqual({ name: 'shared', payload: '' });
    expect(parseHash('#/shared')).toEqual({ name: 'shared', payload: '' });
  });

  it('keeps other addresses that start alike apart', () => {
    expect(parseHash('#/sharedx/1.abc')).toEqual({ name: 'notFound', path: '/sharedx/1.abc' });
  });
});
