// A tiny hash router: the route is derived from location.hash, so links, reloads and the back
// button all work without a server.
import { href, parseHash, type Route } from './routes';

export { href, type Route };

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
