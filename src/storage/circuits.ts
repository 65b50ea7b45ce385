// The user's own circuits in IndexedDB: listed, read, saved and deleted, each checked on the way
// in and out so damaged or foreign records never reach the engine and are never overwritten.
import type { Circuit } from '../engine/model';
import type { Database } from './db';
import { parseCircuit } from './circuit-schema';

export interface DamagedRecord {
  id: string;
  /** The record's name when it has a readable one, to tell the person which circuit it was. */
  name: string | null;
  reason: string;
}

export class CircuitSaveError extends Error {
  override name = 'CircuitSaveError';
}

export class CircuitRepository {
  constructor(
    private readonly db: Promise<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every stored circuit, newest first; records that fail the checks are reported, not dropped. */
  async list(): Promise<{ circuits: Circuit[]; damaged: DamagedRecord[] }> {
    // getAll, not the by-updated index: an index skips records without a valid updatedAt.
    const records = await (await this.db).getAll('circuits');
    const updated = (r: { updatedAt?: unknown }) => (typeof r.updatedAt === 'number' ? r.updatedAt : 0);
    records.sort((a, b) => updated(b) - updated(a));
    const circuits: Circuit[] = [];
    const damaged: DamagedRecord[] = [];
    for (const record of records) {
      const parsed = parseCircuit(record);
      if (parsed.ok) circuits.push(parsed.circuit);
      else {
        const name = typeof record.name === 'string' && record.name.trim() ? record.name.trim().slice(0, 80) : null;
        damaged.push({ id: String(record.id), name, reason: parsed.message });
      }
    }
    return { circuits, damaged };
  }

  async get(id: string): Promise<Circuit | null> {
    const record = await (await this.db).get('circuits', id);
    if (!record) return null;
    const parsed = parseCircuit(record);
    if (!parsed.ok) throw new CircuitSaveError(parsed.message);
    return parsed.circuit;
  }

  /** Validates, then writes in one transaction; an invalid circuit writes nothing. */
  async save(circuit: Circuit): Promise<Circuit> {
    const stamped: Circuit = {
      ...circuit,
      name: circuit.name.trim(),
      createdAt: circuit.createdAt ?? this.now(),
      updatedAt: this.now(),
    };
    const parsed = parseCircuit(stamped);
    if (!parsed.ok) throw new CircuitSaveError(parsed.message);
    // Stored as plain data: Svelte proxies and class instances cannot be cloned into IndexedDB.
    const plain = JSON.parse(JSON.stringify(parsed.circuit)) as Circuit;
    await (await this.db).put('circuits', plain as unknown as Circuit & { id: string } & Record<string, unknown>);
    return plain;
  }

  async remove(id: string): Promise<void> {
    await (await this.db).delete('circuits', id);
  }
}
