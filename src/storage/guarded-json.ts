// JSON that comes from outside the app (a backup file, a shared link), parsed with two guards against
// hostile text: nesting deep enough to exhaust the stack, and keys that mean harm where data is merged.

/** Keys that our formats never have and that mean prototype pollution in other places where data is merged. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type GuardedJson =
  | { ok: true; value: unknown }
  | { ok: false; problem: 'too-deep' }
  | { ok: false; problem: 'not-json' }
  | { ok: false; problem: 'forbidden-key'; key: string };

/** Parses JSON text nested at most `maxDepth` deep and with no forbidden key anywhere; never throws. */
export function parseGuardedJson(text: string, maxDepth: number): GuardedJson {
  if (nestingDepth(text, maxDepth) > maxDepth) return { ok: false, problem: 'too-deep' };
  let value: unknown;
  let forbidden: string | null = null;
  try {
    value = JSON.parse(text, (key, item: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return item;
    });
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (forbidden !== null) return { ok: false, problem: 'forbidden-key', key: forbidden };
  return { ok: true, value };
}

/**
 * The deepest nesting of objects and arrays in JSON text, read without parsing it; stops counting
 * once past `limit`, so a hostile text costs no more than one pass.
 */
export function nestingDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the character after it.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
