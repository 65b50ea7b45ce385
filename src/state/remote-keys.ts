// Which workout command a key press means: the keyboard, and Bluetooth presentation clickers, which
// send Page Up/Page Down, arrows, B or "." (blank screen) and sometimes Enter. Pure, so it is tested.

export type RemoteCommand = 'toggle' | 'skip' | 'back' | 'extend' | 'fullscreen' | 'display' | 'help';

/** What the handler needs of a key event (a KeyboardEvent has it). */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The keys, as shown in the help overlay: one row per command. */
export const REMOTE_KEYS: readonly { keys: string[]; command: RemoteCommand; does: string }[] = [
  { keys: ['Space', 'Enter', 'B', '.'], command: 'toggle', does: 'Start, pause or resume' },
  { keys: ['→', 'Page Down'], command: 'skip', does: 'Skip to the next part' },
  { keys: ['←', 'Page Up'], command: 'back', does: 'Back: restart this part, or the previous one in its first 3 s' },
  { keys: ['+'], command: 'extend', does: 'Add 10 seconds to this part' },
  { keys: ['D'], command: 'display', does: 'Display mode: the big screen for the room' },
  { keys: ['F'], command: 'fullscreen', does: 'Fullscreen' },
  { keys: ['?'], command: 'help', does: 'Show or hide these keys' },
];

const BY_KEY: Record<string, RemoteCommand> = {
  ' ': 'toggle',
  Spacebar: 'toggle',
  Enter: 'toggle',
  b: 'toggle',
  B: 'toggle',
  '.': 'toggle',
  ArrowRight: 'skip',
  PageDown: 'skip',
  ArrowLeft: 'back',
  PageUp: 'back',
  '+': 'extend',
  d: 'display',
  D: 'display',
  f: 'fullscreen',
  F: 'fullscreen',
  '?': 'help',
};

/** Elements that use these keys themselves: typing in a field, Enter on a button or link. */
const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
const PRESSABLE = new Set(['BUTTON', 'A', 'SUMMARY']);

/**
 * The command for a key press, or null when the key is not ours (or belongs to the focused element,
 * named by its tag: `event.target.tagName`).
 */
export function remoteCommand(e: KeyPress, targetTag = ''): RemoteCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const tag = targetTag.toUpperCase();
  if (TYPING.has(tag)) return null;
  // Enter presses the focused button or link, as everywhere; on the page itself it is the clicker's "go".
  if (e.key === 'Enter' && PRESSABLE.has(tag)) return null;
  return BY_KEY[e.key] ?? null;
}
