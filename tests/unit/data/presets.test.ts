import { compileCircuit } from '../../../src/engine/timeline';
import { describe, it, expect } from 'vitest';
import { PRESETS, PRESET_FAMILIES, findPreset } from '../../../src/data/presets';
import { findExercise } from '../../../src/data/exercises';
import type { Preset, PresetFamily } from '../../../src/data/types';
import { LIMITS, stepTiming } from '../../../src/engine/model';
import type { Circuit, Level } from '../../../src/engine/model';
import { validateCircuit } from '../../../src/engine/validate';

const FAMILIES: PresetFamily[] = [
  'metabolic-back',
  'cardio-strength',
  'tabata',
  'emom',
  'upper-back',
  'mid-back',
  'lower-back',
];
const LEVELS: Level[] = ['beginner', 'intermediate', 'advanced'];

function preset(family: PresetFamily, level: Level): Preset {
  const p = findPreset(`${family}-${level}`);
  if (!p) throw new Error(`missing preset ${family}-${level}`);
  return p;
}

function exerciseIds(c: Circuit): (string | null)[] {
  return c.blocks.flatMap((b) => b.steps.map((s) => s.exercise.id));
}

/** Seconds of work and of rest in the blocks (warm-up, cool-down and side switches left out). */
function workAndRest(c: Circuit): { work: number; rest: number } {
  let work = 0;
  let rest = 0;
  for (const block of c.blocks) {
    block.steps.forEach((step, i) => {
      const t = stepTiming(block, step);
      const last = i === block.steps.length - 1;
      const stepRest = last && block.restBetweenRoundsSeconds > 0 ? block.restBetweenRoundsSeconds : t.restSeconds;
      work += t.workSeconds * block.rounds;
      rest += stepRest * block.rounds;
    });
  }
  return { work, rest };
}

function workShare(c: Circuit): number {
  const { work, rest } = workAndRest(c);
  return work / (work + rest);
}

describe('preset families', () => {
  it('lists the seven families once each, with a name and a one-sentence summary', () => {
    expect(PRESET_FAMILIES.map((f) => f.family)).toEqual(FAMILIES);
    for (const f of PRESET_FAMILIES) {
      expect(f.name.trim().length, f.family).toBeGreaterThan(0);
      expect(f.summary.trim(), f.family).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('presets', () => {
  it('has 21 presets: each family at each level, with stable ids', () => {
    expect(PRESETS).toHaveLength(21);
    const expected = FAMILIES.flatMap((f) => LEVELS.map((l) => `${f}-${l}`)).sort();
    expect(PRESETS.map((p) => p.circuit.id).sort()).toEqual(expected);
  });

  it('keeps ids unique and in step with presetId, family and level', () => {
    const ids = PRESETS.map((p) => p.circuit.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PRESETS) {
      expect(p.circuit.presetId).toBe(p.circuit.id);
      expect(p.circuit.id).toBe(`${p.family}-${p.level}`);
      expect(p.circuit.level).toBe(p.level);
    }
  });

  it('findPreset finds by circuit id and returns undefined otherwise', () => {
    expect(findPreset('tabata-advanced')?.circuit.id).toBe('tabata-advanced');
    expect(findPreset('nope')).toBeUndefined();
  });

  it('passes circuit validation', () => {
    for (const p of PRESETS) expect(validateCircuit(p.circuit), p.circuit.id).toEqual([]);
  });

  it('stays within the shared limits and uses the standard settings', () => {
    for (const { circuit: c } of PRESETS) {
      expect(c.schemaVersion).toBe(1);
      expect(c.name.length, c.id).toBeGreaterThanOrEqual(LIMITS.minName);
      expect(c.name.length, c.id).toBeLessThanOrEqual(LIMITS.maxName);
      expect(c.description.trim().length, c.id).toBeGreaterThan(0);
      expect(c.description.length, c.id).toBeLessThanOrEqual(LIMITS.maxDescription);
      expect(c.prepSeconds).toBe(10);
      expect(c.switchSidesSeconds).toBe(5);
      expect(c.coolDownSeconds, c.id).toBeGreaterThan(0);
      expect(c.blocks.length, c.id).toBeGreaterThanOrEqual(1);
      expect(c.blocks.length, c.id).toBeLessThanOrEqual(LIMITS.maxBlocks);
      for (const b of c.blocks) {
        expect(b.rounds, b.id).toBeGreaterThanOrEqual(LIMITS.minRounds);
        expect(b.rounds, b.id).toBeLessThanOrEqual(LIMITS.maxRounds);
        for (const s of b.steps) {
          const t = stepTiming(b, s);
          expect(t.workSeconds, s.id).toBeGreaterThanOrEqual(LIMITS.minWorkSeconds);
          expect(t.workSeconds, s.id).toBeLessThanOrEqual(LIMITS.maxSeconds);
          expect(t.restSeconds, s.id).toBeGreaterThanOrEqual(0);
          // Stored step numbers agree with what the pace makes them run for.
          expect({ workSeconds: s.workSeconds, restSeconds: s.restSeconds }, s.id).toEqual(t);
        }
      }
    }
  });

  it('uses deterministic, unique block and step ids', () => {
    for (const { circuit: c } of PRESETS) {
      const ids: string[] = [];
      c.blocks.forEach((b, bi) => {
        expect(b.id).toBe(`${c.id}-b${bi}`);
        ids.push(b.id);
        b.steps.forEach((s, si) => {
          expect(s.id).toBe(`${b.id}-s${si}`);
          ids.push(s.id);
        });
      });
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('snapshots library exercises, all as timed steps', () => {
    for (const { circuit: c } of PRESETS) {
      for (const s of c.blocks.flatMap((b) => b.steps)) {
        expect(s.mode, s.id).toBe('time');
        const ex = findExercise(s.exercise.id ?? '');
        expect(ex, s.id).toBeDefined();
        expect(s.exercise).toEqual({ id: ex!.id, name: ex!.name, perSide: ex!.perSide, tips: ex!.tips });
        expect(s.exercise.tips).not.toBe(ex!.tips);
      }
    }
  });

  it('includes at least one per-side exercise', () => {
    const perSide = PRESETS.flatMap((p) => p.circuit.blocks.flatMap((b) => b.steps)).filter((s) => s.exercise.perSide);
    expect(perSide.length).toBeGreaterThan(0);
  });

  it('runs the metabolic back circuit as rows → face pulls → bird-dogs with short rests', () => {
    for (const level of LEVELS) {
      const c = preset('metabolic-back', level).circuit;
      expect(exerciseIds(c)).toEqual(['barbell-bent-over-row', 'cable-face-pull', 'bird-dog']);
      for (const b of c.blocks) for (const s of b.steps) expect(stepTiming(b, s).restSeconds).toBeLessThanOrEqual(20);
    }
    const rounds = LEVELS.map((l) => preset('metabolic-back', l).circuit.blocks[0]!.rounds);
    expect(rounds).toEqual([...rounds].sort((a, b) => a - b));
  });

  it('runs the cardio-strength hybrid as rower → battle ropes → kettlebell swings', () => {
    for (const level of LEVELS) {
      const c = preset('cardio-strength', level).circuit;
      expect(exerciseIds(c)).toEqual(['rowing-machine', 'battle-ropes', 'kettlebell-swing']);
    }
  });

  it('builds Tabata blocks of 8 rounds of 20 s work and 10 s rest, 1/2/4 blocks by level', () => {
    expect(LEVELS.map((l) => preset('tabata', l).circuit.blocks.length)).toEqual([1, 2, 4]);
    for (const level of LEVELS) {
      for (const b of preset('tabata', level).circuit.blocks) {
        expect(b.rounds).toBe(8);
        expect(b.restBetweenRoundsSeconds).toBe(0);
        expect(b.steps).toHaveLength(1);
        expect(stepTiming(b, b.steps[0]!)).toEqual({ workSeconds: 20, restSeconds: 10 });
      }
    }
    // Blocks are separated by a minute of rest, and the protocol's 10 s rests stay inside a block.
    const rests = compileCircuit(preset('tabata', 'advanced').circuit).segments.filter((s) => s.kind === 'roundRest');
    expect(rests.filter((s) => s.duration === 60_000)).toHaveLength(3);
    expect(rests.filter((s) => s.duration === 10_000)).toHaveLength(4 * 7);
  });

  it('makes every EMOM step fill exactly one minute, for 10/12/16 minutes', () => {
    const minutes = LEVELS.map((level) => {
      const c = preset('emom', level).circuit;
      expect(c.blocks).toHaveLength(1);
      const b = c.blocks[0]!;
      expect(b.restBetweenRoundsSeconds).toBe(0);
      expect(b.steps.length).toBeGreaterThanOrEqual(2);
      expect(new Set(b.steps.map((s) => s.exercise.id)).size).toBe(b.steps.length);
      for (const s of b.steps) {
        const t = stepTiming(b, s);
        expect(t.workSeconds + t.restSeconds).toBe(60);
        expect(s.reps, s.id).toBeGreaterThanOrEqual(LIMITS.minReps);
      }
      return b.rounds * b.steps.length;
    });
    expect(minutes).toEqual([10, 12, 16]);
  });

  it('keeps the region families to 3–4 exercises from their region', () => {
    const regionOf: Record<string, string> = { 'upper-back': 'upper', 'mid-back': 'mid', 'lower-back': 'lower' };
    for (const family of ['upper-back', 'mid-back', 'lower-back'] as PresetFamily[]) {
      for (const level of LEVELS) {
        const ids = exerciseIds(preset(family, level).circuit);
        expect(ids.length).toBeGreaterThanOrEqual(3);
        expect(ids.length).toBeLessThanOrEqual(4);
        for (const id of ids) expect(findExercise(id!)?.region, `${family}-${level}: ${id}`).toBe(regionOf[family]);
      }
    }
  });

  it('gets harder with the level: more total work and no smaller work share', () => {
    for (const family of FAMILIES) {
      const [beginner, intermediate, advanced] = LEVELS.map((l) => preset(family, l).circuit);
      expect(workShare(intermediate!), family).toBeGreaterThanOrEqual(workShare(beginner!));
      expect(workShare(advanced!), family).toBeGreaterThanOrEqual(workShare(intermediate!));
      expect(workAndRest(intermediate!).work, family).toBeGreaterThan(workAndRest(beginner!).work);
      expect(workAndRest(advanced!).work, family).toBeGreaterThan(workAndRest(intermediate!).work);
    }
  });
});
