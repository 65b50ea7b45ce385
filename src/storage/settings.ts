// The person's sound settings in IndexedDB: one record, checked on the way in and out. A damaged
// record gives way to the defaults with a message, and stays as it is until new settings are saved.
import * as v from 'valibot';
import { DEFAULT_SOUND_SETTINGS, type SoundSettings } from '../audio/settings';
import type { CueOptions } from '../audio/cue-plan';
import type { Database } from './db';

export const SOUND_SETTINGS_KEY = 'sound';

export class SettingsSaveError extends Error {
  override name = 'SettingsSaveError';
}

const onOff = (what: string) => v.boolean(`${what} must be on or off`);
const VOLUME = 'the volume must be from 0 to 100 %';
const RATE = 'the voice rate must be from 0.5 to 2';

const CuesSchema = v.object(
  {
    phaseTones: onOff('the work/rest/switch tones'),
    countdown: onOff('the 3-2-1 countdown'),
    halfway: onOff('the halfway chime'),
    lastRound: onOff('the last-round marker'),
    finish: onOff('the finish sound'),
  } satisfies Record<keyof CueOptions, v.GenericSchema>,
  'the list of cues is not a set of on/off choices',
);

const entries = {
  volume: v.pipe(v.number(VOLUME), v.minValue(0, VOLUME), v.maxValue(1, VOLUME)),
  beeps: onOff('beeps'),
  cues: CuesSchema,
  voice: onOff('the voice'),
  voiceName: v.nullable(
    v.pipe(
      v.string('the voice must be a voice’s name or the browser default'),
      v.maxLength(500, 'the voice name is too long'),
    ),
  ),
  voiceRate: v.pipe(v.number(RATE), v.minValue(0.5, RATE), v.maxValue(2, RATE)),
  vibration: onOff('vibration'),
} satisfies Record<keyof SoundSettings, v.GenericSchema>;

const NOT_SETTINGS = 'the record is not a set of sound settings';

/** Complete settings, as the app saves them. */
const SoundSettingsSchema = v.object(entries, NOT_SETTINGS);

/**
 * Settings as read back: any field may be missing (saved by an older version, say) and takes its
 * default; a field that is present must be valid. Unknown fields are dropped.
 */
const StoredSoundSettingsSchema = v.partial(v.object({ ...entries, cues: v.partial(CuesSchema) }, NOT_SETTINGS));

function firstMessage(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues[0]?.message ?? 'they are not valid';
}

/**
 * The stored sound settings over the defaults. Missing settings give the defaults; damaged ones
 * give the defaults and a `problem` for the person, and the stored record is left untouched.
 * Throws only when storage itself fails.
 */
export async function loadSoundSettings(db: Database): Promise<{ settings: SoundSettings; problem: string | null }> {
  const stored: unknown = await db.get('settings', SOUND_SETTINGS_KEY);
  const defaults = structuredClone(DEFAULT_SOUND_SETTINGS);
  if (stored === undefined) return { settings: defaults, problem: null };
  // An array passes as an object with no fields: it is not settings either.
  const parsed = v.safeParse(StoredSoundSettingsSchema, Array.isArray(stored) ? null : stored);
  if (!parsed.success)
    return {
      settings: defaults,
      problem:
        `Your saved sound settings could not be read (${firstMessage(parsed.issues)}), so the defaults are in use. ` +
        'They are kept as they were until you change a setting here.',
    };
  const { cues, ...rest } = parsed.output;
  return {
    settings: { ...defaults, ...present(rest), cues: { ...defaults.cues, ...present(cues ?? {}) } },
    problem: null,
  };
}

/** The fields that have a value: an explicit `undefined` must not hide a default. */
function present<T extends object>(fields: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>;
  }>;
}

/** Checks settings before they are used or saved: null when they are valid, else what is wrong. */
export function checkSoundSettings(settings: SoundSettings): string | null {
  const parsed = v.safeParse(SoundSettingsSchema, settings);
  return parsed.success ? null : firstMessage(parsed.issues);
}

/** Validates, then replaces the stored record; invalid settings write nothing and throw a SettingsSaveError. */
export async function saveSoundSettings(db: Database, settings: SoundSettings): Promise<void> {
  const parsed = v.safeParse(SoundSettingsSchema, settings);
  if (!parsed.success) throw new SettingsSaveError(`Sound settings not saved: ${firstMessage(parsed.issues)}.`);
  // The parsed output is a fresh plain object: Svelte proxies cannot be cloned into IndexedDB.
  await db.put('settings', parsed.output, SOUND_SETTINGS_KEY);
}

/** Where the settings store keeps the weekly target (History). */
export const GOALS_KEY = 'goals';
export const MAX_WEEKLY_TARGET = 14;

/** The person's goals: how many workouts a week they aim for. */
export interface Goals {
  weeklyTarget: number;
}

/** Why `data` is not a goals record, or null when it is one. */
export function checkGoals(data: unknown): string | null {
  const target = (data as { weeklyTarget?: unknown } | null)?.weeklyTarget;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'they are not a set of goals';
  if (typeof target !== 'number' || !Number.isInteger(target) || target < 1 || target > MAX_WEEKLY_TARGET)
    return `the weekly target must be a whole number of workouts from 1 to ${MAX_WEEKLY_TARGET}`;
  return null;
}
