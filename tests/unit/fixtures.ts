// Small circuit builders for tests: readable defaults, override what a test cares about.
import type { Block, Circuit, Step } from '../../src/engine/model';

let ids = 0;

export function step(name: string, over: Partial<Step> = {}): Step {
  return {
    id: `s${++ids}`,
    exercise: { id: null, name, perSide: false, tips: [] },
    mode: 'time',
    workSeconds: 30,
    reps: null,
    restSeconds: 10,
    ...over,
  };
}

export function block(steps: Step[], over: Partial<Block> = {}): Block {
  return {
    id: `b${++ids}`,
    name: 'Main',
    steps,
    rounds: 1,
    restBetweenRoundsSeconds: 0,
    restAfterSeconds: 0,
    pace: null,
    ...over,
  };
}

export function circuit(blocks: Block[], over: Partial<Circuit> = {}): Circuit {
  return {
    schemaVersion: 1,
    id: 'c1',
    name: 'Test circuit',
    description: '',
    prepSeconds: 0,
    warmUpSeconds: 0,
    coolDownSeconds: 0,
    switchSidesSeconds: 5,
    blocks,
    ...over,
  };
}
