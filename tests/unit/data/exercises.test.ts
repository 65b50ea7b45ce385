import { describe, it, expect } from 'vitest';
import { EXERCISES, exerciseSnapshot, findExercise } from '../../../src/data/exercises';
import type { BackRegion, Equipment } from '../../../src/data/types';

const REQUIRED_IDS = [
  'barbell-bent-over-row',
  'single-arm-dumbbell-row',
  'seated-cable-row',
  'wide-grip-lat-pull-down',
  'close-grip-lat-pull-down',
  'resistance-band-row',
  'band-pull-apart',
  'cable-face-pull',
  'superman-hold',
  'scapular-push-up',
  'reverse-snow-angel',
  'reverse-fly',
  'conventional-deadlift',
  'romanian-deadlift',
  'sumo-deadlift',
  'back-extension',
  'bird-dog',
  'rowing-machine',
  'battle-ropes',
  'kettlebell-swing',
  'burpee',
  'mountain-climber',
  'jumping-jacks',
  'high-knees',
  'squat-jump',
  'plank',
  'side-plank',
];

const PER_SIDE_IDS = ['single-arm-dumbbell-row', 'bird-dog', 'side-plank'];
const HOME_EQUIPMENT: readonly Equipment[] = ['bodyweight', 'band', 'dumbbell', 'kettlebell'];

describe('exercise library', () => {
  it('has at least 20 exercises', () => {
    expect(EXERCISES.length).toBeGreaterThanOrEqual(20);
  });

  it('has unique kebab-case ids', () => {
    const ids = EXERCISES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('contains every required exercise', () => {
    for (const id of REQUIRED_IDS) expect(findExercise(id), id).toBeDefined();
  });

  it('gives every exercise a name, 2–3 short tips, muscles and equipment', () => {
    for (const ex of EXERCISES) {
      expect(ex.name.trim().length, ex.id).toBeGreaterThan(0);
      expect(ex.name.length, ex.id).toBeLessThanOrEqual(80);
      expect(ex.tips.length, ex.id).toBeGreaterThanOrEqual(2);
      expect(ex.tips.length, ex.id).toBeLessThanOrEqual(3);
      for (const tip of ex.tips) {
        expect(tip.trim().length, ex.id).toBeGreaterThan(0);
        expect(tip.length, `${ex.id}: ${tip}`).toBeLessThanOrEqual(120);
      }
      expect(new Set(ex.tips).size, ex.id).toBe(ex.tips.length);
      expect(ex.muscles.length, ex.id).toBeGreaterThan(0);
      expect(new Set(ex.muscles).size, ex.id).toBe(ex.muscles.length);
      expect(ex.equipment.length, ex.id).toBeGreaterThan(0);
    }
  });

  it('covers the upper, mid and lower back, hybrid and full-body moves', () => {
    const regions = new Set(EXERCISES.map((e) => e.region));
    for (const r of ['upper', 'mid', 'lower', 'hybrid', 'full'] as BackRegion[]) expect(regions).toContain(r);
  });

  it('puts the article moves in the right region', () => {
    const region = (id: string) => findExercise(id)?.region;
    for (const id of ['barbell-bent-over-row', 'single-arm-dumbbell-row', 'seated-cable-row']) {
      expect(region(id), id).toBe('upper');
    }
    for (const id of ['wide-grip-lat-pull-down', 'close-grip-lat-pull-down']) expect(region(id), id).toBe('upper');
    for (const id of [
      'band-pull-apart',
      'cable-face-pull',
      'superman-hold',
      'scapular-push-up',
      'reverse-snow-angel',
    ]) {
      expect(region(id), id).toBe('mid');
    }
    for (const id of ['conventional-deadlift', 'romanian-deadlift', 'sumo-deadlift', 'back-extension', 'bird-dog']) {
      expect(region(id), id).toBe('lower');
    }
    for (const id of ['rowing-machine', 'battle-ropes', 'kettlebell-swing']) expect(region(id), id).toBe('hybrid');
  });

  it('lists the main muscles trained', () => {
    expect(findExercise('wide-grip-lat-pull-down')?.muscles).toContain('lats');
    expect(findExercise('seated-cable-row')?.muscles).toContain('rhomboids');
    expect(findExercise('band-pull-apart')?.muscles).toContain('rear delts');
    expect(findExercise('cable-face-pull')?.muscles).toContain('rear delts');
    expect(findExercise('back-extension')?.muscles).toContain('erector spinae');
    expect(findExercise('conventional-deadlift')?.muscles).toContain('erector spinae');
    expect(findExercise('romanian-deadlift')?.muscles).toContain('hamstrings');
    expect(findExercise('kettlebell-swing')?.muscles).toContain('glutes');
    expect(findExercise('rowing-machine')?.muscles).toContain('cardio');
  });

  it('marks one-sided moves as per side, and only those', () => {
    for (const ex of EXERCISES) expect(ex.perSide, ex.id).toBe(PER_SIDE_IDS.includes(ex.id));
  });

  it('marks home-friendly exactly the moves needing only bodyweight, a band, dumbbells or a kettlebell', () => {
    for (const ex of EXERCISES) {
      const home = ex.equipment.every((e) => HOME_EQUIPMENT.includes(e));
      expect(ex.homeFriendly, ex.id).toBe(home);
    }
  });

  it('findExercise returns undefined for an unknown id', () => {
    expect(findExercise('no-such-exercise')).toBeUndefined();
    expect(findExercise('')).toBeUndefined();
  });

  it('exerciseSnapshot copies the fields a step needs, with its own tips array', () => {
    const ex = findExercise('bird-dog')!;
    const snap = exerciseSnapshot(ex);
    expect(snap).toEqual({ id: ex.id, name: ex.name, perSide: true, tips: ex.tips });
    expect(snap.tips).not.toBe(ex.tips);
    snap.tips.push('changed');
    expect(ex.tips).not.toContain('changed');
  });
});
