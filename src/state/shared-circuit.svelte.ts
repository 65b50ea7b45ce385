// A circuit opened from a shared link: decoded and checked, and kept only when the person saves it,
// as a new circuit of their own (never over one they have, nor twice when they have it already).
import type { Circuit } from '../engine/model';
import { decodeShare, sameCircuit } from '../share/link';
import { library, type Library } from './library.svelte';

/** What the screen needs of the library: its circuits, and saving one. */
export type CircuitStore = Pick<Library, 'circuits' | 'storageError' | 'load' | 'save'>;

export class SharedCircuit {
  status = $state<'opening' | 'refused' | 'open'>('opening');
  /** Why the link cannot be opened, for the person; nothing was stored. */
  error = $state<string | null>(null);
  circuit = $state.raw<Circuit | null>(null);
  /** When the link also schedules a class, epoch ms. */
  classStartsAt = $state<number | null>(null);
  /** The circuit's id in the library: saved from here, or found there with the same content. */
  savedId = $state<string | null>(null);
  /** It was in the library before this link was opened. */
  savedBefore = $state(false);
  saving = $state(false);
  saveError = $state<string | null>(null);

  constructor(private readonly store: CircuitStore = library) {}

  /** Why the device's storage cannot be used, when it cannot: the circuit shows, but cannot be saved. */
  get storageError(): string | null {
    return this.store.storageError;
  }

  /** Reads a link's payload (as in the address); a refused one leaves the library as it was. */
  async open(payload: string): Promise<void> {
    const result = await decodeShare(payload);
    if (!result.ok) {
      this.error = result.message;
      this.status = 'refused';
      return;
    }
    this.circuit = result.payload.circuit;
    this.classStartsAt = result.payload.classStartsAt ?? null;
    await this.store.load();
    const same = this.store.circuits.find((c) => sameCircuit(c, result.payload.circuit));
    if (same) {
      this.savedId = same.id;
      this.savedBefore = true;
    }
    this.status = 'open';
  }

  /** Saves the circuit as a new one of the person's; a second tap, or one already saved, saves nothing. */
  async save(): Promise<void> {
    if (!this.circuit || this.saving || this.savedId !== null) return;
    this.saving = true;
    this.saveError = null;
    try {
      const saved = await this.store.save(this.circuit);
      this.savedId = saved.id;
    } catch (err) {
      this.saveError = err instanceof Error ? err.message : String(err);
    } finally {
      this.saving = false;
    }
  }
}
