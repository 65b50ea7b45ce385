// A tiny hash router: the route is derived from location.hash, so links, reloads and the back
// button all work without a server.

export type Route =
  | { name: 'library' }
  | { name: 'new' }
  | { name: 'edit'; id: string }
  | { name: 'duplicate'; id: string }
  | { name: 'run'; id: string }
  | { name: 'finish' }
  | { name: 'notFound'; path: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const [, first = '', second] = path.split('/');
  const id = second ? decodeURIComponent(second) : '';
  if (path === '/' || first === '') return { name: 'library' };
  if (first === 'new' && !second) return { name: 'new' };
  if (first === 'edit' && id) return { name: 'edit', id };
  if (first === 'duplicate' && id) return { name: 'duplicate', id };
  if (first === 'run' && id) return { name: 'run', id };
  if (first === 'finish' && !second) return { name: 'finish' };
  return { name: 'notFound', path };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'library':
      return '#/';
    case 'new':
      return '#/new';
    case 'finish':
      return '#/finish';
    case 'notFound':
      return `#${route.path}`;
    default:
      return `#/${route.name}/${encodeURIComponent(route.id)}`;
  }
}

class Router {
  route = $state<Route>(parseHash(location.hash));

  constructor() {
    addEventListener('hashchange', () => (this.route = parseHash(location.hash)));
  }

  go(route: Route): void {
    location.hash = href(route);
  }

  /** Moves without leaving a history entry (e.g. from the finished run to its summary). */
  replace(route: Route): void {
    history.replaceState(history.state, '', href(route));
    this.route = route;
  }
}

export const router = new Router();
