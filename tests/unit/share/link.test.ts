import { describe, expect, it } from 'vitest';
import type { Block, Circuit, Step } from '../../../src/engine/model';
import { PRESETS } from '../../../src/data/presets';
import { findExercise } from '../../../src/data/exercises';
import {
  MAX_LINK_CHARS,
  SHARE_VERSION,
  ShareTooLargeError,
  classRefusal,
  decodeShare,
  encodeShare,
  sameCircuit,
  shareHref,
  shareUrl,
  type DecodeResult,
} from '../../../src/share/link';
import { block, circuit, step } from '../fixtures';

/** A circuit's content without what a link leaves out: ids, dates and the preset it came from. */
function content(c: Circuit): unknown {
  const copy: Partial<Circuit> = structuredClone(c);
  delete copy.id;
  delete copy.presetId;
  delete copy.createdAt;
  delete copy.updatedAt;
  for (const b of copy.blocks ?? []) {
    delete (b as Partial<Block>).id;
    for (const s of b.steps) delete (s as Partial<Step>).id;
  }
  return copy;
}

/** Link text from any JSON text, packed as the app packs it: for links the app would never make. */
async function pack(json: string, version = String(SHARE_VERSION)): Promise<string> {
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `${version}.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

async function decoded(text: string) {
  const result = await decodeShare(text);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result.payload;
}

async function refusal(text: string): Promise<string> {
  const result: DecodeResult = await decodeShare(text);
  if (result.ok) throw new Error('the link was accepted');
  return result.message;
}

const custom = circuit(
  [
    block(
      [
        step('<img src=x onerror=alert(1)> & "quotes"', { reps: 12 }),
        step('Burpees 🔥💪', { mode: 'reps', reps: 15, workSeconds: 30 }),
        step('تمرين الظهر', {
          exercise: { id: null, name: 'תרגיל גב', perSide: true, tips: ['Keep ‮ your back flat', '</script>'] },
        }),
      ],
      { name: 'Block <b>one</b>', rounds: 3, restBetweenRoundsSeconds: 45, restAfterSeconds: 60 },
    ),
    block([step('Plank'), step('Row')], { name: 'Paced', pace: { ratio: '2:1', intervalSeconds: 60 } }),
  ],
  {
    name: 'Mixed 🏋️ <script>alert(1)</script> دائرة',
    description: 'Line one\nLine two — “quoted”',
    prepSeconds: 10,
    warmUpSeconds: 120,
    coolDownSeconds: 60,
    createdAt: 1,
    updatedAt: 2,
  },
);

describe('a shared link round trip', () => {
  it.each(PRESETS.map((p) => [p.circuit.id, p.circuit] as const))('keeps every part of the preset %s', async (_, c) => {
    const payload = await decoded(await encodeShare({ circuit: c }));
    expect(content(payload.circuit)).toEqual(content(c));
    expect(payload.classStartsAt).toBeUndefined();
  });

  it('keeps a custom circuit with markup, emoji and right-to-left names exactly', async () => {
    const payload = await decoded(await encodeShare({ circuit: custom }));
    expect(content(payload.circuit)).toEqual(content(custom));
    expect(payload.circuit.name).toBe('Mixed 🏋️ <script>alert(1)</script> دائرة');
  });

  it('keeps a block run as stations', async () => {
    const rooms = circuit([
      block([step('Rows'), step('Face pulls'), step('Bird-dog')], { name: 'Stations', rounds: 2, stations: true }),
      block([step('Plank')], { name: 'Finisher' }),
    ]);
    const payload = await decoded(await encodeShare({ circuit: rooms }));
    expect(content(payload.circuit)).toEqual(content(rooms));
    expect(payload.circuit.blocks.map((b) => b.stations)).toEqual([true, undefined]);
  });

  it('gives the circuit, its blocks and steps fresh ids, and no preset, so saving it overwrites nothing', async () => {
    const preset = PRESETS[0]!.circuit;
    const first = (await decoded(await encodeShare({ circuit: preset }))).circuit;
    const second = (await decoded(await encodeShare({ circuit: preset }))).circuit;
    expect(first.id).not.toBe(preset.id);
    expect(first.id).not.toBe(second.id);
    expect(first.presetId).toBeUndefined();
    expect('presetId' in first).toBe(false);
    const ids = [first.id, ...first.blocks.flatMap((b) => [b.id, ...b.steps.map((s) => s.id)])];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(preset.blocks[0]!.id);
  });

  it('sends a library exercise with unchanged tips as its id alone, and a changed one in full', async () => {
    const row = findExercise('barbell-bent-over-row')!;
    const asLibrary = step(row.name, { exercise: { id: row.id, name: row.name, perSide: false, tips: [...row.tips] } });
    const changed = step(row.name, {
      exercise: { id: row.id, name: row.name, perSide: false, tips: ['My own tip'] },
    });
    const short = await encodeShare({ circuit: circuit([block([asLibrary])]) });
    const long = await encodeShare({ circuit: circuit([block([changed])]) });
    expect(short.length).toBeLessThan(long.length);
    const [a, b] = [await decoded(short), await decoded(long)];
    expect(a.circuit.blocks[0]!.steps[0]!.exercise).toEqual(asLibrary.exercise);
    expect(b.circuit.blocks[0]!.steps[0]!.exercise.tips).toEqual(['My own tip']);
  });

  it('keeps every preset short enough for a QR code', async () => {
    for (const p of PRESETS) expect((await encodeShare({ circuit: p.circuit })).length).toBeLessThan(1000);
  });

  it("keeps a class's start instant to the millisecond", async () => {
    const at = Date.UTC(2026, 10, 25, 18, 30, 0, 123);
    const payload = await decoded(await encodeShare({ circuit: PRESETS[3]!.circuit, classStartsAt: at }));
    expect(payload.classStartsAt).toBe(at);
  });

  it('starts with its version, readable before anything is unpacked', async () => {
    const text = await encodeShare({ circuit: custom });
    expect(text.startsWith(`${SHARE_VERSION}.`)).toBe(true);
    expect(text).toMatch(/^\d+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses to make a link that would be refused on opening', async () => {
    const tips = Array.from({ length: 5 }, (_, i) => `${i} ${crypto.randomUUID().repeat(5)}`);
    const huge = circuit(
      Array.from({ length: 20 }, () =>
        block(
          Array.from({ length: 50 }, (_, i) =>
            step(`Move ${i}`, { exercise: { id: null, name: `Move ${i}`, perSide: false, tips } }),
          ),
        ),
      ),
    );
    await expect(encodeShare({ circuit: huge })).rejects.toBeInstanceOf(ShareTooLargeError);
  });
});

describe('a shared link is refused, with a message a person can act on, when it is', () => {
  it('empty', async () => {
    expect(await refusal('')).toMatch(/This link is empty/);
    expect(await refusal('   ')).toMatch(/This link is empty/);
  });

  it('too long', async () => {
    expect(await refusal(`1.${'A'.repeat(MAX_LINK_CHARS)}`)).toMatch(
      /too long to be a shared circuit \(16,002 characters/,
    );
  });

  it('without a version', async () => {
    expect(await refusal('hello')).toMatch(/not a Circuit Timer link/);
    expect(await refusal('.abc')).toMatch(/not a Circuit Timer link/);
  });

  it('from a newer version', async () => {
    const text = (await encodeShare({ circuit: custom })).replace(/^1\./, '2.');
    expect(await refusal(text)).toMatch(/made by a newer version of Circuit Timer: update the app first/);
  });

  it('of a version that never existed', async () => {
    expect(await refusal((await encodeShare({ circuit: custom })).replace(/^1\./, '0.'))).toMatch(
      /version \(“0”\) is not one Circuit Timer knows/,
    );
  });

  it('not base64url', async () => {
    expect(await refusal('1.abc+def/ghi=')).toMatch(/characters a shared circuit never has/);
    expect(await refusal('1.abc%20def')).toMatch(/characters a shared circuit never has/);
    expect(await refusal('1.abcde')).toMatch(/characters a shared circuit never has/);
  });

  it('cut short', async () => {
    const text = await encodeShare({ circuit: custom });
    let cut = text.slice(0, Math.floor(text.length / 2));
    if ((cut.length - 2) % 4 === 1) cut = cut.slice(0, -1);
    expect(await refusal(cut)).toMatch(/cut short or damaged/);
  });

  it('not compressed at all', async () => {
    expect(await refusal('1.aGVsbG8gd29ybGQ')).toMatch(/cut short or damaged/);
  });

  it('a decompression bomb', async () => {
    const bomb = await pack(`{"circuit":{"name":"${'a'.repeat(5_000_000)}"}}`);
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await refusal(bomb)).toMatch(/unpacks to far more data than any circuit \(over 256 KB\)/);
  });

  it('not JSON', async () => {
    expect(await refusal(await pack('{"circuit": {'))).toMatch(/not in the form Circuit Timer writes/);
    expect(await refusal(await pack('<html></html>'))).toMatch(/not in the form Circuit Timer writes/);
  });

  it('not UTF-8 text', async () => {
    const stream = new Blob([new Uint8Array([0xff, 0xfe, 0x00])])
      .stream()
      .pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    const text = `1.${btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')}`;
    expect(await refusal(text)).toMatch(/not readable text/);
  });

  it('nested too deep', async () => {
    expect(await refusal(await pack(`{"circuit":${'['.repeat(10_000)}${']'.repeat(10_000)}}`))).toMatch(
      /nested far deeper than a circuit’s/,
    );
  });

  it('carrying __proto__, constructor or prototype keys', async () => {
    const good = JSON.stringify({ circuit: { name: 'x' } });
    expect(await refusal(await pack(good.replace('{"name"', '{"__proto__":{"polluted":true},"name"')))).toMatch(
      /field named “__proto__”/,
    );
    expect(await refusal(await pack(good.replace('{"name"', '{"constructor":{"prototype":{}},"name"')))).toMatch(
      /field named “(constructor|prototype)”, which shared circuits never have/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('not holding a circuit', async () => {
    expect(await refusal(await pack('[1,2]'))).toMatch(/holds no circuit/);
    expect(await refusal(await pack('{"circuit":"x"}'))).toMatch(/holds no circuit/);
    expect(await refusal(await pack('null'))).toMatch(/holds no circuit/);
  });

  it('holding a circuit that fails the checks', async () => {
    const text = await encodeShare({ circuit: custom });
    const json = JSON.parse(await unpack(text)) as { circuit: { blocks: { rounds: unknown }[]; name: unknown } };
    json.circuit.blocks[0]!.rounds = 1000;
    expect(await refusal(await pack(JSON.stringify(json)))).toMatch(
      /can’t be used\. Rounds must be between 1 and 99 \(you entered 1000\)/,
    );
    json.circuit.blocks[0]!.rounds = 1;
    json.circuit.name = { toString: 1 };
    expect(await refusal(await pack(JSON.stringify(json)))).toMatch(
      /can’t be used\. The circuit data is damaged at “name”/,
    );
  });

  it('naming an exercise the library does not have, by a hostile id', async () => {
    const json = {
      circuit: {
        ...JSON.parse(await unpack(await encodeShare({ circuit: PRESETS[0]!.circuit }))).circuit,
      },
    } as { circuit: { blocks: { steps: { exercise: unknown }[] }[] } };
    for (const id of ['__proto__', 'toString', 'hasOwnProperty', '<img src=x onerror=alert(1)>']) {
      json.circuit.blocks[0]!.steps[0]!.exercise = id;
      const message = await refusal(await pack(JSON.stringify(json)));
      // The forbidden-key check sees only keys, so a hostile id as a value reaches the library lookup.
      expect(message).toMatch(/names an exercise this version of Circuit Timer doesn’t know/);
      expect(message).toContain(`“${id}”`);
    }
  });

  it.each([
    ['a string', '"2026-01-01"'],
    ['NaN written as a huge number', '1e400'],
    ['before 2020', '0'],
    ['after 2100', String(Date.UTC(2200, 0, 1))],
    ['negative', '-5'],
  ])('a class link whose start is %s', async (_, at) => {
    const inner = await unpack(await encodeShare({ circuit: PRESETS[0]!.circuit }));
    const text = await pack(inner.replace(/}$/, `,"classStartsAt":${at}}`));
    expect(await refusal(text)).toMatch(/start time is not a real date and time/);
  });
});

describe('share addresses', () => {
  it('puts the payload in the hash route, as it is', () => {
    expect(shareHref('circuit', '1.abc_-')).toBe('#/shared/1.abc_-');
    expect(shareHref('class', '1.abc_-')).toBe('#/class/1.abc_-');
  });

  it('makes the whole link from the page’s origin and path', () => {
    const where = { origin: 'https://timer.example', pathname: '/app/' };
    expect(shareUrl('circuit', '1.xyz', where)).toBe('https://timer.example/app/#/shared/1.xyz');
  });
});

describe('a class', () => {
  it('refuses a circuit with steps that wait for a tap, and says why', () => {
    expect(classRefusal(custom)).toMatch(
      /A class runs on one shared clock: steps that wait for a tap can’t be in step/,
    );
    for (const p of PRESETS) expect(classRefusal(p.circuit)).toBeNull();
  });
});

describe('sameCircuit', () => {
  it('is the same content whatever the ids, dates and preset', async () => {
    const preset = PRESETS[5]!.circuit;
    const received = (await decoded(await encodeShare({ circuit: preset }))).circuit;
    expect(sameCircuit(preset, received)).toBe(true);
    expect(sameCircuit(preset, { ...received, name: `${received.name}!` })).toBe(false);
  });
});

async function unpack(text: string): Promise<string> {
  const base64 = text.slice(2).replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}
