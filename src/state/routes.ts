// The app's addresses: hash routes parsed to typed routes and back, pure so they are testable.

export type Route =
  | { name: 'library' }
  | { name: 'new' }
  | { name: 'edit'; id: string }
  | { name: 'duplicate'; id: string }
  | { name: 'run'; id: string }
  /** A workout interrupted by a reload or crash, by its session id in the log. */
  | { name: 'resume'; id: string }
  | { name: 'finish' }
  | { name: 'settings' }
  /** The workout log, newest first. */
  | { name: 'history' }
  /** One logged workout, by its session id. */
  | { name: 'session'; id: string }
  /** The room's display of the run in another window of this browser (a cast or HDMI screen). */
  | { name: 'display' }
  /** A circuit shared as a link (share/link.ts): the payload exactly as it is in the address. */
  | { name: 'shared'; payload: string }
  /** A class: a shared circuit that every phone runs from one instant. */
  | { name: 'class'; payload: string }
  | { name: 'notFound'; path: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const [, first = '', second] = path.split('/');
  // A share payload is base64url, which an address never escapes: it is passed on untouched (not
  // URI-decoded), and whatever else is there too, so that a damaged link says what is wrong with it.
  if (first === 'shared' || first === 'class') {
    const payload = path.slice(first.length + 2);
    return { name: first, payload };
  }
  let id: string;
  try {
    id = second ? decodeURIComponent(second) : '';
  } catch {
    return { name: 'notFound', path }; // a malformed escape, e.g. "%E0"
  }
  if (path === '/' || first === '') return { name: 'library' };
  if (first === 'new' && !second) return { name: 'new' };
  if (first === 'edit' && id) return { name: 'edit', id };
  if (first === 'duplicate' && id) return { name: 'duplicate', id };
  if (first === 'run' && id) return { name: 'run', id };
  if (first === 'resume' && id) return { name: 'resume', id };
  if (first === 'finish' && !second) return { name: 'finish' };
  if (first === 'settings' && !second) return { name: 'settings' };
  if (first === 'history' && !second) return { name: 'history' };
  if (first === 'display' && !second) return { name: 'display' };
  if (first === 'session' && id) return { name: 'session', id };
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
    case 'settings':
      return '#/settings';
    case 'history':
      return '#/history';
    case 'display':
      return '#/display';
    case 'shared':
    case 'class':
      return `#/${route.name}/${route.payload}`;
    case 'notFound':
      return `#${route.path}`;
    default:
      return `#/${route.name}/${encodeURIComponent(route.id)}`;
  }
}
