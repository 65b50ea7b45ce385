// The circuits a person can pick: the presets and their own, kept in IndexedDB. Storage failures
// become a message on screen; the presets keep working without storage.
import type { Circuit } from '../engine/model';
import { PRESETS, findPreset } from '../data/presets';
import { CircuitRepository, type DamagedRecord } from '../storage/circuits';
import { database } from './database';
import { persistence } from './persistence.svelte';

export class Library {
  circuits = $state.raw<Circuit[]>([]);
  damaged = $state.raw<DamagedRecord[]>([]);
  loaded = $state(false);
  /** Why the device's storage cannot be used, when it cannot. */
  storageError = $state<string | null>(null);
  readonly presets = PRESETS;

  /** `afterSave` runs after each successful save (the first one asks for persistent storage). */
  constructor(private readonly afterSave: () => Promise<void> = () => persistence.afterSave()) {}

  private repository(): CircuitRepository {
    return new CircuitRepository(database());
  }

  async load(): Promise<void> {
    try {
      const { circuits, damaged } = await this.repository().list();
      this.circuits = circuits;
      this.damaged = damaged;
      this.storageError = null;
    } catch (err) {
      this.storageError = storageMessage(err);
    } finally {
      this.loaded = true;
    }
  }

  isPreset(id: string): boolean {
    return findPreset(id) !== undefined;
  }

  /** A preset or a saved circuit by id; null when there is none. Throws with a message when storage fails. */
  async find(id: string): Promise<Circuit | null> {
    const preset = findPreset(id);
    if (preset) return structuredClone(preset.circuit);
    try {
      return await this.repository().get(id);
    } catch (err) {
      throw new Error(storageMessage(err), { cause: err });
    }
  }

  /** Saves and refreshes the list; throws an Error whose message is for the person. */
  async save(circuit: Circuit): Promise<Circuit> {
    if (this.isPreset(circuit.id)) throw new Error('Presets stay as they are: copy this one to make it yours.');
    let saved: Circuit;
    try {
      saved = await this.repository().save(circuit);
    } catch (err) {
      throw new Error(storageMessage(err), { cause: err });
    }
    await this.load();
    void this.afterSave().catch(() => {});
    return saved;
  }

  async remove(id: string): Promise<void> {
    try {
      await this.repository().remove(id);
    } catch (err) {
      throw new Error(storageMessage(err), { cause: err });
    }
    await this.load();
  }
}

function storageMessage(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'CircuitSaveError') return (err as Error).message;
  if (name === 'VersionError')
    return 'A newer version of Circuit Timer is open in another tab: reload this page to keep saving.';
  if (name === 'QuotaExceededError') return 'This device is out of storage space: free some space, then try again.';
  if (name === 'InvalidStateError' || name === 'SecurityError' || typeof indexedDB === 'undefined')
    return 'This browser does not allow saving here (a private window?): presets still work, but your circuits cannot be kept.';
  return `Your circuits could not be read or saved (${err instanceof Error ? err.message : String(err)}). Presets still work.`;
}

export const library = new Library();
