// Domain rules for a circuit: what the editor, the compiler and every import edge refuse, each
// with a message that says what is wrong and what to do. Structure is checked at the edges.
import { LIMITS, RATIOS, type Block, type Circuit } from './model';

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `blocks.0.steps.2.workSeconds`. */
  path: string;
  message: string;
}

function formatLimit(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export function validateCircuit(circuit: Circuit): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  const seconds = (path: string, value: unknown, what: string, min: number, max: number = LIMITS.maxSeconds) => {
    if (!isWhole(value)) add(path, `${what}: enter a whole number of seconds.`);
    else if (value < min || value > max)
      add(path, `${what} must be between ${formatLimit(min)} and ${formatLimit(max)} (you entered ${value} s).`);
  };
  const name = (path: string, value: unknown, what: string) => {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text.length < LIMITS.minName) add(path, `${what} is empty: give it a name.`);
    else if (text.length > LIMITS.maxName)
      add(path, `${what} is ${text.length} characters long: keep it to ${LIMITS.maxName}.`);
  };
  const count = (path: string, value: unknown, what: string, min: number, max: number) => {
    if (!isWhole(value)) add(path, `${what}: enter a whole number.`);
    else if (value < min || value > max) add(path, `${what} must be between ${min} and ${max} (you entered ${value}).`);
  };

  name('name', circuit.name, 'Circuit name');
  if (typeof circuit.description === 'string' && circuit.description.length > LIMITS.maxDescription)
    add('description', `The description is too long: keep it to ${LIMITS.maxDescription} characters.`);
  seconds('prepSeconds', circuit.prepSeconds, 'Get-ready countdown', 0);
  seconds('warmUpSeconds', circuit.warmUpSeconds, 'Warm-up', 0);
  seconds('coolDownSeconds', circuit.coolDownSeconds, 'Cool-down', 0);
  seconds('switchSidesSeconds', circuit.switchSidesSeconds, 'Switch-sides pause', 0, LIMITS.maxSwitchSidesSeconds);

  if (!Array.isArray(circuit.blocks) || circuit.blocks.length === 0) {
    add('blocks', 'Add at least one block with at least one step.');
    return issues;
  }
  if (circuit.blocks.length > LIMITS.maxBlocks) add('blocks', `Use at most ${LIMITS.maxBlocks} blocks.`);

  circuit.blocks.forEach((block, b) => {
    const at = `blocks.${b}`;
    name(`${at}.name`, block.name, `Block ${b + 1} name`);
    count(`${at}.rounds`, block.rounds, 'Rounds', LIMITS.minRounds, LIMITS.maxRounds);
    seconds(`${at}.restBetweenRoundsSeconds`, block.restBetweenRoundsSeconds, 'Rest between rounds', 0);
    // Only a block that has another after it rests before it (the editor hides the field otherwise).
    if (b < circuit.blocks.length - 1)
      seconds(`${at}.restAfterSeconds`, block.restAfterSeconds, 'Rest before the next block', 0);
    if (block.pace) {
      if (!RATIOS.includes(block.pace.ratio)) add(`${at}.pace.ratio`, `Pick a work:rest ratio: ${RATIOS.join(', ')}.`);
      seconds(`${at}.pace.intervalSeconds`, block.pace.intervalSeconds, 'Interval length', 2);
    }
    if (!Array.isArray(block.steps) || block.steps.length === 0) {
      add(`${at}.steps`, `Block ${b + 1} has no steps: add at least one exercise.`);
      return;
    }
    if (block.steps.length > LIMITS.maxStepsPerBlock)
      add(`${at}.steps`, `Use at most ${LIMITS.maxStepsPerBlock} steps in a block.`);
    block.steps.forEach((step, s) => {
      const sp = `${at}.steps.${s}`;
      name(`${sp}.exercise.name`, step.exercise?.name, 'Exercise name');
      if (step.mode === 'reps') {
        count(`${sp}.reps`, step.reps, 'Rep target', LIMITS.minReps, LIMITS.maxReps);
      } else if (step.mode === 'time') {
        if (!block.pace) seconds(`${sp}.workSeconds`, step.workSeconds, 'Work time', LIMITS.minWorkSeconds);
        if (step.reps !== null) count(`${sp}.reps`, step.reps, 'Rep goal', LIMITS.minReps, LIMITS.maxReps);
      } else {
        add(`${sp}.mode`, 'Choose whether this step is timed or waits for a tap.');
      }
      if (!block.pace) seconds(`${sp}.restSeconds`, step.restSeconds, 'Rest', 0);
    });
    if (block.stations === true) stationRules(block, at, add);
  });
  return issues;
}

/**
 * A station block runs every station at once on one clock: at least two stations, each timed, all
 * with the same work and rest (or the block's pace gives them all one).
 */
function stationRules(block: Block, at: string, add: (path: string, message: string) => void): void {
  if (block.steps.length < 2)
    add(`${at}.stations`, 'A station block needs at least 2 stations: add a step, or untick “Run as stations”.');
  block.steps.forEach((step, s) => {
    if (step.mode === 'reps')
      add(
        `${at}.steps.${s}.mode`,
        `Stations share one clock: station ${s + 1} can’t wait for a tap. Make it “After a set time”.`,
      );
  });
  if (block.pace) return;
  const first = block.steps[0]!;
  const s = block.steps.findIndex(
    (step) => step.workSeconds !== first.workSeconds || step.restSeconds !== first.restSeconds,
  );
  if (s > 0) {
    const other = block.steps[s]!;
    add(
      `${at}.stations`,
      'Stations all work at once: give every station the same work and rest, or set a work:rest ratio for the ' +
        `block (station 1 works ${first.workSeconds} s and rests ${first.restSeconds} s, station ${s + 1} works ` +
        `${other.workSeconds} s and rests ${other.restSeconds} s).`,
    );
  }
}

/** Thrown by the compiler for a circuit that breaks the rules; `issues` says every reason. */
export class InvalidCircuitError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`This circuit can't run: ${issues.map((i) => i.message).join(' ')}`);
    this.name = 'InvalidCircuitError';
  }
}
