// The sound settings in force: read once from storage, changed on the settings screen, read by the
// run screen. A change applies at once; storage only remembers it, and may fail to.
import { DEFAULT_SOUND_SETTINGS, activeCues, type SoundSettings } from '../audio/settings';
import type { CueOptions } from '../audio/cue-plan';
import type { Database } from '../storage/db';
import { checkSoundSettings, loadSoundSettings, saveSoundSettings } from '../storage/settings';
import { database, storageFailure } from './database';

/** A change to some settings; `cues` may name only the cues that change. */
export type SoundSettingsPatch = Partial<Omit<SoundSettings, 'cues'>> & { cues?: Partial<CueOptions> };

function withPatch(settings: SoundSettings, patch: SoundSettingsPatch): SoundSettings {
  return { ...settings, ...patch, cues: { ...settings.cues, ...patch.cues } };
}

function withPatchOf(first: SoundSettingsPatch, then: SoundSettingsPatch): SoundSettingsPatch {
  return { ...first, ...then, cues: { ...first.cues, ...then.cues } };
}

export class SoundSettingsState {
  current = $state<SoundSettings>(structuredClone(DEFAULT_SOUND_SETTINGS));
  /** The stored settings were read (or could not be): `current` is what the person chose. */
  loaded = $state(false);
  /** Why the saved settings could not be used: the defaults are in force until a change is saved. */
  problem = $state<string | null>(null);
  /** Why settings cannot be read or remembered on this device, when they cannot. */
  storageError = $state<string | null>(null);
  /** The latest change is stored. */
  saved = $state(false);
  /** Successful saves so far: a new number lets the screen announce "Saved" again. */
  saves = $state(0);

  private loading: Promise<void> | null = null;
  /** Changes made before the stored settings were read: they go on top of what is read. */
  private early: SoundSettingsPatch | null = {};
  private revision = 0;
  private savedRevision = 0;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly open: () => Promise<Database> = database) {}

  /** The cues to play: none while beeps are off. */
  get cues(): CueOptions {
    return activeCues(this.current);
  }

  /** Reads the stored settings once; after a storage failure, the next call tries again. */
  load(): Promise<void> {
    this.loading ??= this.read().then((ok) => {
      if (!ok) this.loading = null;
    });
    return this.loading;
  }

  /** Whether storage could be read. */
  private async read(): Promise<boolean> {
    try {
      const { settings, problem } = await loadSoundSettings(await this.open());
      const early = this.early ?? {};
      this.early = null;
      // A change made while reading is newer than what was stored: it stays, and is saved.
      this.current = withPatch(settings, early);
      this.problem = Object.keys(early).length === 0 ? problem : null;
      this.storageError = null;
      return true;
    } catch (err) {
      this.storageError =
        `Your sound settings could not be read (${storageFailure(err)}). ` +
        'The defaults are in use; changes apply now but won’t be remembered.';
      return false;
    } finally {
      this.loaded = true;
    }
  }

  /**
   * Applies a change at once, then saves all the settings. Rejects, changing nothing, when the change
   * is not valid; a storage failure keeps the change for this session and sets `storageError`.
   */
  async update(patch: SoundSettingsPatch): Promise<void> {
    const next = withPatch($state.snapshot(this.current), patch);
    const wrong = checkSoundSettings(next);
    if (wrong) throw new Error(`That setting can’t be used: ${wrong}.`);
    this.current = next;
    if (this.early) this.early = withPatchOf(this.early, patch);
    this.revision++;
    this.saved = false;
    this.writes = this.writes.then(() => this.write());
    return this.writes;
  }

  /** Turns one cue on or off. */
  setCue(cue: keyof CueOptions, on: boolean): Promise<void> {
    return this.update({ cues: { [cue]: on } });
  }

  /** Sets howler's master volume to the chosen one; inside an $effect it follows every change. */
  applyVolume(howler: { volume(volume: number): unknown }): void {
    howler.volume(this.current.volume);
  }

  private async write(): Promise<void> {
    try {
      // Never save over stored settings that were not read yet.
      await this.load();
      const db = await this.open();
      const revision = this.revision;
      if (revision === this.savedRevision) return; // an earlier write already stored this change
      await saveSoundSettings(db, $state.snapshot(this.current));
      this.savedRevision = revision;
      this.problem = null;
      this.storageError = null;
      this.saved = this.revision === revision;
      this.saves++;
    } catch (err) {
      this.storageError = `This change applies now, but it won’t be remembered after you leave: ${storageFailure(err)}.`;
    }
  }
}

export const soundSettings = new SoundSettingsState();
