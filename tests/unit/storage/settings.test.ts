import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db';
import {
  SOUND_SETTINGS_KEY,
  SettingsSaveError,
  checkSoundSettings,
  loadSoundSettings,
  saveSoundSettings,
} from '../../../src/storage/settings';
import { DEFAULT_SOUND_SETTINGS, type SoundSettings } from '../../../src/audio/settings';

let dbCount = 0;
const freshDb = () => openDatabase(`settings-${++dbCount}`);

const mine: SoundSettings = {
  volume: 0.4,
  beeps: true,
  cues: { phaseTones: true, countdown: false, halfway: false, lastRound: true, finish: true },
  voice: false,
  voiceName: 'Google UK English Female',
  voiceRate: 1.3,
  vibration: false,
};

describe('sound settings in storage', () => {
  it('gives the defaults, with no problem, when nothing was saved yet', async () => {
    const db = await freshDb();
    expect(await loadSoundSettings(db)).toEqual({ settings: DEFAULT_SOUND_SETTINGS, problem: null });
    db.close();
  });

  it('reads back what was saved', async () => {
    const db = await freshDb();
    await saveSoundSettings(db, mine);
    expect(await loadSoundSettings(db)).toEqual({ settings: mine, problem: null });
    db.close();
  });

  it('the defaults handed out are a copy: changing them changes no later load', async () => {
    const db = await freshDb();
    const { settings } = await loadSoundSettings(db);
    settings.cues.halfway = false;
    settings.volume = 0.1;
    expect((await loadSoundSettings(db)).settings).toEqual(DEFAULT_SOUND_SETTINGS);
    expect(DEFAULT_SOUND_SETTINGS.cues.halfway).toBe(true);
    db.close();
  });

  it('saves settings held in a proxy (as Svelte state is) as plain data', async () => {
    const db = await freshDb();
    const proxied = new Proxy({ ...mine, cues: new Proxy({ ...mine.cues }, {}) }, {});
    await saveSoundSettings(db, proxied);
    expect(await db.get('settings', SOUND_SETTINGS_KEY)).toEqual(mine);
    db.close();
  });

  it('fills fields an older version did not save with their defaults, and drops unknown ones', async () => {
    const db = await freshDb();
    await db.put(
      'settings',
      { volume: 0.5, cues: { halfway: false }, futureOption: 'x', voiceName: undefined },
      'sound',
    );
    const { settings, problem } = await loadSoundSettings(db);
    expect(problem).toBeNull();
    expect(settings).toEqual({
      ...DEFAULT_SOUND_SETTINGS,
      volume: 0.5,
      cues: { ...DEFAULT_SOUND_SETTINGS.cues, halfway: false },
    });
    db.close();
  });

  it('damaged settings give the defaults and a clear message, and the stored record is left as it was', async () => {
    const db = await freshDb();
    const cases: [unknown, RegExp][] = [
      ['loud', /not a set of sound settings/],
      [[1, 2], /not a set of sound settings/],
      [{ volume: 'loud' }, /the volume must be from 0 to 100 %/],
      [{ volume: 3 }, /the volume must be from 0 to 100 %/],
      [{ volume: Number.NaN }, /the volume must be from 0 to 100 %/],
      [{ voiceRate: 9 }, /the voice rate must be from 0.5 to 2/],
      [{ beeps: 'yes' }, /beeps must be on or off/],
      [{ cues: { halfway: 1 } }, /the halfway chime must be on or off/],
      [{ cues: 'all' }, /not a set of on\/off choices/],
      [{ voiceName: 42 }, /the voice must be a voice’s name or the browser default/],
    ];
    for (const [record, reason] of cases) {
      await db.put('settings', record, SOUND_SETTINGS_KEY);
      const { settings, problem } = await loadSoundSettings(db);
      expect(settings).toEqual(DEFAULT_SOUND_SETTINGS);
      expect(problem).toMatch(reason);
      expect(problem).toMatch(/^Your saved sound settings could not be read \(.+\), so the defaults are in use\./);
      expect(problem).toMatch(/kept as they were until you change a setting/);
      expect(await db.get('settings', SOUND_SETTINGS_KEY)).toEqual(record);
    }
    db.close();
  });

  it('refuses to save invalid settings, says why, and keeps what was stored', async () => {
    const db = await freshDb();
    await saveSoundSettings(db, mine);
    const bad: [Partial<SoundSettings>, RegExp][] = [
      [{ volume: 1.5 }, /volume must be from 0 to 100 %/],
      [{ volume: -0.1 }, /volume must be from 0 to 100 %/],
      [{ voiceRate: 0.4 }, /voice rate must be from 0.5 to 2/],
      [{ voiceRate: 2.1 }, /voice rate must be from 0.5 to 2/],
      [{ vibration: 'on' as unknown as boolean }, /vibration must be on or off/],
      [{ cues: { ...mine.cues, finish: undefined as unknown as boolean } }, /finish sound must be on or off/],
    ];
    for (const [change, reason] of bad) {
      const settings = { ...mine, ...change };
      expect(checkSoundSettings(settings)).toMatch(reason);
      const saving = saveSoundSettings(db, settings);
      await expect(saving).rejects.toThrow(SettingsSaveError);
      await expect(saveSoundSettings(db, settings)).rejects.toThrow(/^Sound settings not saved: /);
    }
    expect(await loadSoundSettings(db)).toEqual({ settings: mine, problem: null });
    expect(checkSoundSettings(mine)).toBeNull();
    db.close();
  });
});
