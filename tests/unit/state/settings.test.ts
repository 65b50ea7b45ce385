import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/storage/db';
import { SOUND_SETTINGS_KEY } from '../../../src/storage/settings';
import { SoundSettingsState } from '../../../src/state/settings.svelte';
import { DEFAULT_SOUND_SETTINGS } from '../../../src/audio/settings';

let dbCount = 0;
/** A fresh database and a way to open it, as the app's shared opener does. */
function freshStorage() {
  const db = openDatabase(`settings-state-${++dbCount}`);
  return { db, open: () => db };
}

function failingStorage() {
  let tries = 0;
  const open = (): Promise<Database> => {
    tries++;
    return Promise.reject(new DOMException('The user denied permission.', 'SecurityError'));
  };
  return { open, tries: () => tries };
}

describe('SoundSettingsState', () => {
  it('starts with the defaults when nothing is stored', async () => {
    const state = new SoundSettingsState(freshStorage().open);
    expect(state.loaded).toBe(false);
    await state.load();
    expect(state.loaded).toBe(true);
    expect(state.current).toEqual(DEFAULT_SOUND_SETTINGS);
    expect(state.problem).toBeNull();
    expect(state.storageError).toBeNull();
  });

  it('applies a change at once and remembers it for the next visit', async () => {
    const storage = freshStorage();
    const state = new SoundSettingsState(storage.open);
    await state.load();
    const saving = state.update({ volume: 0.4, voice: false });
    expect(state.current.volume).toBe(0.4); // before the write finishes
    await saving;
    await state.setCue('halfway', false);
    expect(state.saved).toBe(true);
    expect(state.saves).toBeGreaterThan(0);

    const nextVisit = new SoundSettingsState(storage.open);
    await nextVisit.load();
    expect(nextVisit.current).toEqual({
      ...DEFAULT_SOUND_SETTINGS,
      volume: 0.4,
      voice: false,
      cues: { ...DEFAULT_SOUND_SETTINGS.cues, halfway: false },
    });
  });

  it('quick changes in a row are all applied, and the last one is what is stored', async () => {
    const storage = freshStorage();
    const state = new SoundSettingsState(storage.open);
    await state.load();
    const writes = [0.1, 0.2, 0.3, 0.35].map((volume) => state.update({ volume }));
    expect(state.current.volume).toBe(0.35);
    await Promise.all(writes);
    expect(await (await storage.db).get('settings', SOUND_SETTINGS_KEY)).toMatchObject({ volume: 0.35 });
  });

  it('turning beeps off silences every cue but keeps the choice of cues for when they are back on', async () => {
    const state = new SoundSettingsState(freshStorage().open);
    await state.load();
    await state.setCue('countdown', false);
    await state.update({ beeps: false });
    expect(Object.values(state.cues)).toEqual([false, false, false, false, false]);
    await state.update({ beeps: true });
    expect(state.cues).toEqual({ ...DEFAULT_SOUND_SETTINGS.cues, countdown: false });
  });

  it('refuses an invalid change, says why, and changes nothing', async () => {
    const storage = freshStorage();
    const state = new SoundSettingsState(storage.open);
    await state.load();
    await expect(state.update({ volume: 1.5 })).rejects.toThrow(/volume must be from 0 to 100 %/);
    await expect(state.update({ voiceRate: 3 })).rejects.toThrow(/voice rate must be from 0.5 to 2/);
    expect(state.current).toEqual(DEFAULT_SOUND_SETTINGS);
    expect(await (await storage.db).get('settings', SOUND_SETTINGS_KEY)).toBeUndefined();
  });

  it('damaged stored settings: the defaults and a message, and the record is kept until a setting changes', async () => {
    const storage = freshStorage();
    const damaged = { volume: 'loud', beeps: 'yes' };
    await (await storage.db).put('settings', damaged, SOUND_SETTINGS_KEY);
    const state = new SoundSettingsState(storage.open);
    await state.load();
    expect(state.current).toEqual(DEFAULT_SOUND_SETTINGS);
    expect(state.problem).toMatch(/could not be read \(the volume must be from 0 to 100 %\)/);
    expect(await (await storage.db).get('settings', SOUND_SETTINGS_KEY)).toEqual(damaged);

    await state.update({ vibration: false });
    expect(state.problem).toBeNull();
    expect(await (await storage.db).get('settings', SOUND_SETTINGS_KEY)).toEqual({
      ...DEFAULT_SOUND_SETTINGS,
      vibration: false,
    });
  });

  it('a change made before the stored settings are read is kept, and saved without losing the rest', async () => {
    const storage = freshStorage();
    const earlier = new SoundSettingsState(storage.open);
    await earlier.update({ voiceRate: 1.5, vibration: false });

    const state = new SoundSettingsState(storage.open);
    const loading = state.load();
    const saving = state.update({ volume: 0.2 });
    const cueChange = state.setCue('finish', false);
    expect(state.current.volume).toBe(0.2);
    await Promise.all([loading, saving, cueChange]);
    const expected = {
      ...DEFAULT_SOUND_SETTINGS,
      volume: 0.2,
      voiceRate: 1.5,
      vibration: false,
      cues: { ...DEFAULT_SOUND_SETTINGS.cues, finish: false },
    };
    expect(state.current).toEqual(expected);
    // The write waited for the read: only then could it know what it was saving over.
    expect(await (await storage.db).get('settings', SOUND_SETTINGS_KEY)).toEqual(expected);
  });

  it('when storage fails, changes still apply for this session and the message says they won’t be remembered', async () => {
    const storage = failingStorage();
    const state = new SoundSettingsState(storage.open);
    await state.load();
    expect(state.loaded).toBe(true);
    expect(state.current).toEqual(DEFAULT_SOUND_SETTINGS);
    expect(state.storageError).toMatch(/could not be read \(this browser does not allow saving here/);

    await state.update({ volume: 0.3 });
    expect(state.current.volume).toBe(0.3);
    expect(state.saved).toBe(false);
    expect(state.storageError).toMatch(/^This change applies now, but it won’t be remembered after you leave: /);
    expect(storage.tries()).toBeGreaterThan(1); // storage is tried again: the failure may pass
  });

  it('sets howler’s master volume to the chosen volume', async () => {
    const state = new SoundSettingsState(freshStorage().open);
    await state.load();
    const set: number[] = [];
    const howler = { volume: (v: number) => set.push(v) };
    state.applyVolume(howler);
    await state.update({ volume: 0.25 });
    state.applyVolume(howler);
    expect(set).toEqual([0.9, 0.25]);
  });
});
