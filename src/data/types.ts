// Types of the exercise library and of presets: plain typed data.
import type { Circuit, Level } from '../engine/model';

export type MuscleGroup =
  | 'lats'
  | 'rhomboids'
  | 'traps'
  | 'rear delts'
  | 'erector spinae'
  | 'glutes'
  | 'hamstrings'
  | 'quads'
  | 'core'
  | 'shoulders'
  | 'chest'
  | 'biceps'
  | 'cardio';

export type Equipment = 'barbell' | 'dumbbell' | 'cable' | 'band' | 'bodyweight' | 'kettlebell' | 'machine' | 'rope';

export type BackRegion = 'upper' | 'mid' | 'lower' | 'hybrid' | 'full';

export interface Exercise {
  id: string;
  name: string;
  region: BackRegion;
  muscles: MuscleGroup[];
  equipment: Equipment[];
  /** Can be done at home with no or little equipment (a band, a dumbbell, a kettlebell). */
  homeFriendly: boolean;
  /** Done one side at a time. */
  perSide: boolean;
  /** 2–3 short form tips in our own words. */
  tips: string[];
}

export type PresetFamily =
  'metabolic-back' | 'cardio-strength' | 'tabata' | 'emom' | 'upper-back' | 'mid-back' | 'lower-back';

export interface Preset {
  family: PresetFamily;
  level: Level;
  circuit: Circuit;
}
