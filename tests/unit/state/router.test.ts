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
