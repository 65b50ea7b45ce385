// Built-in preset circuits: seven families (metabolic back, cardio-strength, Tabata, EMOM and
// upper/mid/lower back), each at three levels, with stable ids `${family}-${level}`.
// Imports with their extension: vite.config.ts reads this file (the manifest's shortcuts), and Vite's
// native config loader wants them.
import { CIRCUIT_SCHEMA_VERSION, splitPace } from '../engine/model.ts';
import type { Block, Circuit, ExerciseSnapshot, Level, Pace, Step } from '../engine/model';
import { exerciseSnapshot, findExercise } from './exercises.ts';
import type { Preset, PresetFamily } from './types';

export const PRESET_FAMILIES: readonly { family: PresetFamily; name: string; summary: string }[] = [
  {
    family: 'metabolic-back',
    name: 'Metabolic back circuit',
    summary: 'Rows, face pulls and bird-dogs back to back with short rests, so the whole back keeps working.',
  },
  {
    family: 'cardio-strength',
    name: 'Cardio-strength hybrid',
    summary: 'Rower, battle ropes and kettlebell swings that raise your heart rate while loading your back.',
  },
  {
    family: 'tabata',
    name: 'Tabata',
    summary: 'Blocks of eight all-out 20-second efforts, each followed by 10 seconds of rest.',
  },
  {
    family: 'emom',
    name: 'EMOM',
    summary: 'A new set starts every minute on the minute; whatever time you save is your rest.',
  },
  {
    family: 'upper-back',
    name: 'Upper back',
    summary: 'Rows and pull-downs for the lats, rhomboids and traps.',
  },
  {
    family: 'mid-back',
    name: 'Mid back',
    summary: 'Band, cable and floor moves that train the muscles around your shoulder blades.',
  },
  {
    family: 'lower-back',
    name: 'Lower back',
    summary: 'Deadlift variations, back extensions and bird-dogs for the spinal erectors and hips.',
  },
];

const LEVEL_LABEL: Record<Level, string> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};

interface StepSpec {
  exercise: string;
  /** Rep goal (steps are all timed; the reps are a target, not a condition). */
  reps?: number;
  /** Needed only when the block has no pace. */
  workSeconds?: number;
  restSeconds?: number;
}

interface BlockSpec {
  name: string;
  steps: StepSpec[];
  rounds: number;
  restBetweenRoundsSeconds: number;
  /** Rest before the next block; defaults to 0. */
  restAfterSeconds?: number;
  pace: Pace | null;
}

interface PresetSpec {
  family: PresetFamily;
  level: Level;
  description: string;
  warmUpSeconds: number;
  coolDownSeconds: number;
  blocks: BlockSpec[];
}

function snapshotOf(exerciseId: string): ExerciseSnapshot {
  const ex = findExercise(exerciseId);
  if (!ex) throw new Error(`presets: unknown exercise id "${exerciseId}"`);
  return exerciseSnapshot(ex);
}

function familyName(family: PresetFamily): string {
  const entry = PRESET_FAMILIES.find((f) => f.family === family);
  if (!entry) throw new Error(`presets: unknown family "${family}"`);
  return entry.name;
}

function buildStep(blockId: string, index: number, spec: StepSpec, pace: Pace | null): Step {
  // Paced steps carry the pace's split too, so the stored numbers match what runs.
  const timing = pace ? splitPace(pace) : null;
  const workSeconds = timing?.workSeconds ?? spec.workSeconds;
  const restSeconds = timing?.restSeconds ?? spec.restSeconds;
  if (workSeconds === undefined || restSeconds === undefined) {
    throw new Error(`presets: step ${blockId}-s${index} needs work and rest seconds or a block pace`);
  }
  return {
    id: `${blockId}-s${index}`,
    exercise: snapshotOf(spec.exercise),
    mode: 'time',
    workSeconds,
    reps: spec.reps ?? null,
    restSeconds,
  };
}

function buildPreset(spec: PresetSpec): Preset {
  const id = `${spec.family}-${spec.level}`;
  const blocks: Block[] = spec.blocks.map((b, bi) => {
    const blockId = `${id}-b${bi}`;
    return {
      id: blockId,
      name: b.name,
      steps: b.steps.map((s, si) => buildStep(blockId, si, s, b.pace)),
      rounds: b.rounds,
      restBetweenRoundsSeconds: b.restBetweenRoundsSeconds,
      restAfterSeconds: b.restAfterSeconds ?? 0,
      pace: b.pace ? { ...b.pace } : null,
    };
  });
  const circuit: Circuit = {
    schemaVersion: CIRCUIT_SCHEMA_VERSION,
    id,
    name: `${familyName(spec.family)} — ${LEVEL_LABEL[spec.level]}`,
    description: spec.description,
    prepSeconds: 10,
    warmUpSeconds: spec.warmUpSeconds,
    coolDownSeconds: spec.coolDownSeconds,
    switchSidesSeconds: 5,
    blocks,
    presetId: id,
    level: spec.level,
  };
  return { family: spec.family, level: spec.level, circuit };
}

/** Plain description of a paced circuit: "3 rounds of 20 s work and 20 s rest per exercise". */
function pacedSummary(rounds: number, pace: Pace): string {
  const { workSeconds, restSeconds } = splitPace(pace);
  return `${rounds} rounds of ${workSeconds} s work and ${restSeconds} s rest per exercise`;
}

// Metabolic back: rows → face pulls → bird-dogs with short rests between moves.
const METABOLIC: Record<Level, { pace: Pace; rounds: number; roundRest: number }> = {
  beginner: { pace: { ratio: '1:1', intervalSeconds: 40 }, rounds: 3, roundRest: 60 },
  intermediate: { pace: { ratio: '2:1', intervalSeconds: 45 }, rounds: 4, roundRest: 60 },
  advanced: { pace: { ratio: '3:1', intervalSeconds: 48 }, rounds: 5, roundRest: 45 },
};

function metabolicBack(level: Level): Preset {
  const { pace, rounds, roundRest } = METABOLIC[level];
  return buildPreset({
    family: 'metabolic-back',
    level,
    description:
      `Bent-over rows, cable face pulls and bird-dogs back to back with little rest: ` +
      `${pacedSummary(rounds, pace)}.`,
    warmUpSeconds: 180,
    coolDownSeconds: 120,
    blocks: [
      {
        name: 'Rows, face pulls, bird-dogs',
        steps: [{ exercise: 'barbell-bent-over-row' }, { exercise: 'cable-face-pull' }, { exercise: 'bird-dog' }],
        rounds,
        restBetweenRoundsSeconds: roundRest,
        pace,
      },
    ],
  });
}

// Cardio-strength hybrid: rower → battle ropes → kettlebell swings.
const CARDIO_STRENGTH: Record<Level, { pace: Pace; rounds: number; roundRest: number }> = {
  beginner: { pace: { ratio: '1:1', intervalSeconds: 60 }, rounds: 3, roundRest: 60 },
  intermediate: { pace: { ratio: '2:1', intervalSeconds: 60 }, rounds: 4, roundRest: 60 },
  advanced: { pace: { ratio: '3:1', intervalSeconds: 60 }, rounds: 5, roundRest: 45 },
};

function cardioStrength(level: Level): Preset {
  const { pace, rounds, roundRest } = CARDIO_STRENGTH[level];
  return buildPreset({
    family: 'cardio-strength',
    level,
    description:
      `Rowing machine, battle ropes and kettlebell swings to train your back while your heart rate stays up: ` +
      `${pacedSummary(rounds, pace)}.`,
    warmUpSeconds: 180,
    coolDownSeconds: 180,
    blocks: [
      {
        name: 'Row, ropes, swings',
        steps: [{ exercise: 'rowing-machine' }, { exercise: 'battle-ropes' }, { exercise: 'kettlebell-swing' }],
        rounds,
        restBetweenRoundsSeconds: roundRest,
        pace,
      },
    ],
  });
}

// Tabata: always 20 s work / 10 s rest × 8 per block; levels add blocks.
const TABATA: Record<Level, string[]> = {
  beginner: ['mountain-climber'],
  intermediate: ['burpee', 'kettlebell-swing'],
  advanced: ['burpee', 'mountain-climber', 'kettlebell-swing', 'squat-jump'],
};

function tabata(level: Level): Preset {
  const exerciseIds = TABATA[level];
  const names = exerciseIds.map((id) => snapshotOf(id).name.toLowerCase());
  const count = exerciseIds.length;
  return buildPreset({
    family: 'tabata',
    level,
    description:
      `${count === 1 ? 'One Tabata block' : `${count} Tabata blocks`} of eight 20-second all-out efforts ` +
      `with 10 seconds of rest after each: ${names.join(', ')}.`,
    warmUpSeconds: 180,
    coolDownSeconds: 120,
    blocks: exerciseIds.map((exercise, i) => ({
      name: `Tabata ${i + 1}: ${snapshotOf(exercise).name}`,
      steps: [{ exercise, workSeconds: 20, restSeconds: 10 }],
      rounds: 8,
      restBetweenRoundsSeconds: 0,
      restAfterSeconds: 60,
      pace: null,
    })),
  });
}

// EMOM: a set starts every 60 s; swings and pull-aparts alternate, with rep goals.
const EMOM: Record<Level, { ratio: Pace['ratio']; minutes: number; swings: number; pullAparts: number }> = {
  beginner: { ratio: '1:1', minutes: 10, swings: 10, pullAparts: 12 },
  intermediate: { ratio: '2:1', minutes: 12, swings: 15, pullAparts: 15 },
  advanced: { ratio: '3:1', minutes: 16, swings: 20, pullAparts: 20 },
};

function emom(level: Level): Preset {
  const { ratio, minutes, swings, pullAparts } = EMOM[level];
  const pace: Pace = { ratio, intervalSeconds: 60 };
  const { workSeconds } = splitPace(pace);
  return buildPreset({
    family: 'emom',
    level,
    description:
      `Start a set at the top of every minute, ${minutes} sets in all, alternating ${swings} kettlebell ` +
      `swings and ${pullAparts} band pull-aparts inside ${workSeconds} s and resting until the next minute.`,
    warmUpSeconds: 120,
    coolDownSeconds: 120,
    blocks: [
      {
        name: 'Every minute on the minute',
        steps: [
          { exercise: 'kettlebell-swing', reps: swings },
          { exercise: 'band-pull-apart', reps: pullAparts },
        ],
        rounds: minutes / 2,
        restBetweenRoundsSeconds: 0,
        pace,
      },
    ],
  });
}

// Upper, mid and lower back: 3–4 moves, more work and more rounds as the level rises.
const REGION_PACE: Record<Level, { pace: Pace; rounds: number; roundRest: number }> = {
  beginner: { pace: { ratio: '1:2', intervalSeconds: 60 }, rounds: 2, roundRest: 60 },
  intermediate: { pace: { ratio: '1:1', intervalSeconds: 60 }, rounds: 3, roundRest: 60 },
  advanced: { pace: { ratio: '2:1', intervalSeconds: 60 }, rounds: 4, roundRest: 60 },
};

const REGION: Record<
  'upper-back' | 'mid-back' | 'lower-back',
  { lead: string; blockName: string; warmUp: number; coolDown: number; exercises: Record<Level, string[]> }
> = {
  'upper-back': {
    lead: 'Rows and pull-downs for a wider, stronger upper back',
    blockName: 'Rows and pull-downs',
    warmUp: 180,
    coolDown: 120,
    exercises: {
      beginner: ['seated-cable-row', 'wide-grip-lat-pull-down', 'single-arm-dumbbell-row'],
      intermediate: [
        'barbell-bent-over-row',
        'wide-grip-lat-pull-down',
        'single-arm-dumbbell-row',
        'close-grip-lat-pull-down',
      ],
      advanced: ['barbell-bent-over-row', 'wide-grip-lat-pull-down', 'seated-cable-row', 'close-grip-lat-pull-down'],
    },
  },
  'mid-back': {
    lead: 'Shoulder-blade work for posture between the shoulders',
    blockName: 'Shoulder blades',
    warmUp: 120,
    coolDown: 120,
    exercises: {
      beginner: ['band-pull-apart', 'superman-hold', 'scapular-push-up'],
      intermediate: ['band-pull-apart', 'cable-face-pull', 'superman-hold', 'reverse-snow-angel'],
      advanced: ['cable-face-pull', 'scapular-push-up', 'reverse-snow-angel', 'superman-hold'],
    },
  },
  'lower-back': {
    lead: 'Hip hinges and extensions that strengthen the spinal erectors, glutes and hamstrings',
    blockName: 'Hinges and extensions',
    warmUp: 240,
    coolDown: 180,
    exercises: {
      beginner: ['sumo-deadlift', 'back-extension', 'bird-dog'],
      intermediate: ['romanian-deadlift', 'sumo-deadlift', 'back-extension', 'bird-dog'],
      advanced: ['conventional-deadlift', 'romanian-deadlift', 'back-extension', 'bird-dog'],
    },
  },
};

function regionPreset(family: keyof typeof REGION, level: Level): Preset {
  const region = REGION[family];
  const { pace, rounds, roundRest } = REGION_PACE[level];
  return buildPreset({
    family,
    level,
    description: `${region.lead}: ${pacedSummary(rounds, pace)}.`,
    warmUpSeconds: region.warmUp,
    coolDownSeconds: region.coolDown,
    blocks: [
      {
        name: region.blockName,
        steps: region.exercises[level].map((exercise) => ({ exercise })),
        rounds,
        restBetweenRoundsSeconds: roundRest,
        pace,
      },
    ],
  });
}

const LEVELS: readonly Level[] = ['beginner', 'intermediate', 'advanced'];

function presetFor(family: PresetFamily, level: Level): Preset {
  switch (family) {
    case 'metabolic-back':
      return metabolicBack(level);
    case 'cardio-strength':
      return cardioStrength(level);
    case 'tabata':
      return tabata(level);
    case 'emom':
      return emom(level);
    case 'upper-back':
    case 'mid-back':
    case 'lower-back':
      return regionPreset(family, level);
  }
}

export const PRESETS: readonly Preset[] = PRESET_FAMILIES.flatMap(({ family }) =>
  LEVELS.map((level) => presetFor(family, level)),
);

/** The preset whose circuit has this id, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.circuit.id === id);
}
