import { describe, expect, it } from 'vitest';
import type { Circuit } from '../../../src/engine/model';
import { PRESETS } from '../../../src/data/presets';
import { encodeShare } from '../../../src/share/link';
import { SharedCircuit, type CircuitStore } from '../../../src/state/shared-circuit.svelte';

/** A library in memory: what was saved, in order. */
function memoryStore(circuits: Circuit[] = [], failWith?: string): CircuitStore & { saved: Circuit[] } {
  return {
    circuits,
    storageError: null,
    saved: [],
    async load() {},
    async save(c: Circuit) {
      if (failWith) throw new Error(failWith);
      this.saved.push(c);
      this.circuits = [...this.circuits, c];
      return c;
    },
  };
}

const preset = PRESETS[0]!.circuit;

describe('SharedCircuit', () => {
  it('opens a link, and saves its circuit once as a new one', async () => {
    const store = memoryStore();
    const shared = new SharedCircuit(store);
    await shared.open(await encodeShare({ circuit: preset }));
    expect(shared.status).toBe('open');
    expect(shared.circuit?.name).toBe(preset.name);
    expect(shared.savedId).toBeNull();
    await Promise.all([shared.save(), shared.save()]);
    await shared.save();
    expect(store.saved).toHaveLength(1);
    expect(store.saved[0]!.id).not.toBe(preset.id);
    expect(store.saved[0]!.presetId).toBeUndefined();
    expect(shared.savedId).toBe(store.saved[0]!.id);
    expect(shared.savedBefore).toBe(false);
  });

  it('says the circuit is saved already when the library has the same content, and saves no copy', async () => {
    const mine = { ...structuredClone(preset), id: 'mine', presetId: undefined, createdAt: 5 };
    const store = memoryStore([mine]);
    const shared = new SharedCircuit(store);
    await shared.open(await encodeShare({ circuit: preset }));
    expect(shared.savedBefore).toBe(true);
    expect(shared.savedId).toBe('mine');
    await shared.save();
    expect(store.saved).toEqual([]);
  });

  it('refuses a damaged link with its message and touches nothing stored', async () => {
    const store = memoryStore();
    const shared = new SharedCircuit(store);
    await shared.open('1.not-a-real-link');
    expect(shared.status).toBe('refused');
    expect(shared.error).toMatch(/cut short or damaged|characters a shared circuit never has/);
    await shared.save();
    expect(store.saved).toEqual([]);
  });

  it('keeps the class instant a link carries', async () => {
    const at = Date.UTC(2026, 10, 25, 18, 0);
    const shared = new SharedCircuit(memoryStore());
    await shared.open(await encodeShare({ circuit: preset, classStartsAt: at }));
    expect(shared.classStartsAt).toBe(at);
  });

  it('shows why saving failed, and lets the person try again', async () => {
    const store = memoryStore([], 'This device is out of storage space: free some space, then try again.');
    const shared = new SharedCircuit(store);
    await shared.open(await encodeShare({ circuit: preset }));
    await shared.save();
    expect(shared.saveError).toMatch(/out of storage space/);
    expect(shared.savedId).toBeNull();
    expect(shared.saving).toBe(false);
  });
});
