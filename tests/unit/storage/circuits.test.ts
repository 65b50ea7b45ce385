import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, openDatabase } from '../../../src/storage/db';
import { CircuitRepository, CircuitSaveError } from '../../../src/storage/circuits';
import { parseCircuit } from '../../../src/storage/circuit-schema';
import { block, circuit, step } from '../fixtures';

let dbCount = 0;
function freshRepo() {
  const name = `test-${++dbCount}`;
  let t = 1000;
  return { name, repo: new CircuitRepository(openDatabase(name), () => t++) };
}

describe('CircuitRepository', () => {
  it('saves, lists newest first, reads back and deletes circuits', async () => {
    const { repo } = freshRepo();
    await repo.save(circuit([block([step('Rows')])], { id: 'a', name: '  First  ' }));
    await repo.save(circuit([block([step('Rows')])], { id: 'b', name: 'Second' }));
    const { circuits, damaged } = await repo.list();
    expect(circuits.map((c) => c.name)).toEqual(['Second', 'First']);
    expect(damaged).toEqual([]);
    expect((await repo.get('a'))?.createdAt).toBe(1000);
    await repo.remove('a');
    expect(await repo.get('a')).toBeNull();
  });

  it('refuses an invalid circuit and leaves the stored one untouched', async () => {
    const { repo } = freshRepo();
    const good = await repo.save(circuit([block([step('Rows', { workSeconds: 40 })])], { id: 'a' }));
    const bad = circuit([block([step('Rows', { workSeconds: 0 })])], { id: 'a' });
    await expect(repo.save(bad)).rejects.toThrow(CircuitSaveError);
    await expect(repo.save(bad)).rejects.toThrow(/Work time must be between 1 s and 2 h/);
    expect(await repo.get('a')).toEqual(good);
  });

  it('reports damaged records from storage without dropping or changing them', async () => {
    const { name, repo } = freshRepo();
    await repo.save(circuit([block([step('Rows')])], { id: 'ok' }));
    const raw = await openDB(name, DB_VERSION);
    await raw.put('circuits', { id: 'broken', updatedAt: 5, schemaVersion: 1, name: 'Broken', blocks: 'nope' });
    await raw.put('circuits', { id: 'future', updatedAt: 6, schemaVersion: 9 });
    await raw.put('circuits', { id: 'undated', schemaVersion: 1 });
    const { circuits, damaged } = await repo.list();
    expect(circuits.map((c) => c.id)).toEqual(['ok']);
    expect(damaged).toEqual([
      { id: 'future', name: null, reason: expect.stringMatching(/format this version does not know \(version 9\)/) },
      { id: 'broken', name: 'Broken', reason: expect.stringMatching(/damaged at “(description|prepSeconds|blocks)”/) },
      { id: 'undated', name: null, reason: expect.stringMatching(/damaged/) },
    ]);
    await expect(repo.get('broken')).rejects.toThrow(CircuitSaveError);
    expect(await raw.get('circuits', 'broken')).toMatchObject({ blocks: 'nope' });
    raw.close();
  });
});

describe('parseCircuit', () => {
  it('accepts a valid circuit and drops unknown fields', () => {
    const result = parseCircuit({ ...circuit([block([step('A')])]), extra: '<script>' });
    expect(result.ok).toBe(true);
    expect(result.ok && 'extra' in result.circuit).toBe(false);
  });

  it('refuses non-objects, wrong types and broken rules with a message', () => {
    for (const data of [null, 42, 'circuit', [], {}]) {
      const r = parseCircuit(data);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message.length).toBeGreaterThan(10);
    }
    const r = parseCircuit(circuit([block([step('A', { workSeconds: 99999 })])]));
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/Work time must be between/) });
  });

  it('reads a block stored before stations existed as an ordinary block', () => {
    const old = circuit([block([step('A'), step('B')])]);
    expect('stations' in old.blocks[0]!).toBe(false);
    const r = parseCircuit(JSON.parse(JSON.stringify(old)));
    expect(r.ok).toBe(true);
    expect(r.ok && 'stations' in r.circuit.blocks[0]!).toBe(false);
  });

  it('keeps a station block through a save and a read, and refuses a stations flag that is not true or false', async () => {
    const { repo } = freshRepo();
    const saved = await repo.save(
      circuit([block([step('Rows'), step('Face pulls'), step('Bird-dogs')], { stations: true, rounds: 2 })], {
        id: 'st',
      }),
    );
    const read = await repo.get('st');
    expect(read).toEqual(saved);
    expect(read?.blocks[0]?.stations).toBe(true);

    const odd = { ...circuit([block([step('A'), step('B')])]) } as Record<string, unknown>;
    odd.blocks = [{ ...(odd.blocks as object[])[0], stations: 'yes' }];
    expect(parseCircuit(odd)).toEqual({ ok: false, message: expect.stringMatching(/damaged at “blocks.0.stations”/) });
  });
});

describe('parseCircuit refusals (found by fuzzing)', () => {
  it('says a field is missing or of the wrong kind in words, never valibot’s “received undefined”', () => {
    const c = circuit([block([step('Rows')])]) as unknown as { blocks: { steps: Record<string, unknown>[] }[] };
    delete c.blocks[0]!.steps[0]!.mode;
    expect(parseCircuit(c)).toEqual({
      ok: false,
      message: 'The circuit data is damaged at “blocks.0.steps.0.mode”: it is missing.',
    });
    expect(parseCircuit(null)).toEqual({
      ok: false,
      message: 'The circuit data is damaged: it should be a set of fields, not nothing (null).',
    });
    expect(parseCircuit({ ...circuit([block([step('Rows')])]), prepSeconds: '10' })).toEqual({
      ok: false,
      message: 'The circuit data is damaged at “prepSeconds”: it should be a number, not “10”.',
    });
  });

  it('a version that is an object, even one without a prototype, is refused rather than thrown or shown as [object Object]', () => {
    for (const schemaVersion of [{}, Object.create(null) as object, [2]]) {
      const parsed = parseCircuit({ ...circuit([block([step('Rows')])]), schemaVersion });
      expect(parsed).toEqual({
        ok: false,
        message: 'This circuit was saved in a format this version does not know (a version that is not a number).',
      });
    }
  });

  it('a circuit that breaks a rule in every step lists the first three and counts the rest', () => {
    const steps = Array.from({ length: 50 }, (_, i) => step(`Step ${i}`, { workSeconds: 0 }));
    const parsed = parseCircuit(circuit([block(steps)]));
    expect(parsed.ok).toBe(false);
    const message = (parsed as { message: string }).message;
    expect(message.match(/Work time must be between/g)).toHaveLength(3);
    expect(message).toMatch(/ And 47 more problems\.$/);
  });
});
