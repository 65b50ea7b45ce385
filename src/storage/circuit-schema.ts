// Structural check of circuit data from outside the app's memory (storage, later files and links),
// then the engine's domain rules: one `parseCircuit` for every edge, with a message a person can act on.
import * as v from 'valibot';
import { CIRCUIT_SCHEMA_VERSION, LIMITS, RATIOS, type Circuit } from '../engine/model';
import { validateCircuit } from '../engine/validate';

// Bounds here only keep hostile data small; the engine's rules give the precise limits and messages.
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const num = v.pipe(v.number(), v.finite());

const ExerciseSchema = v.object({
  id: v.nullable(id),
  name: text(200),
  perSide: v.boolean(),
  tips: v.pipe(v.array(text(LIMITS.maxTipLength)), v.maxLength(LIMITS.maxTips)),
});

const StepSchema = v.object({
  id,
  exercise: ExerciseSchema,
  mode: v.picklist(['time', 'reps']),
  workSeconds: num,
  reps: v.nullable(num),
  restSeconds: num,
});

const BlockSchema = v.object({
  id,
  name: text(200),
  steps: v.pipe(v.array(StepSchema), v.maxLength(LIMITS.maxStepsPerBlock)),
  rounds: num,
  restBetweenRoundsSeconds: num,
  restAfterSeconds: num,
  pace: v.nullable(v.object({ ratio: v.picklist(RATIOS), intervalSeconds: num })),
  // Added after the first release: absent in older records, which run as ordinary blocks.
  stations: v.optional(v.boolean()),
});

export const CircuitSchema = v.object({
  schemaVersion: v.literal(CIRCUIT_SCHEMA_VERSION),
  id,
  name: text(200),
  description: text(LIMITS.maxDescription),
  prepSeconds: num,
  warmUpSeconds: num,
  coolDownSeconds: num,
  switchSidesSeconds: num,
  blocks: v.pipe(v.array(BlockSchema), v.maxLength(LIMITS.maxBlocks)),
  presetId: v.optional(id),
  level: v.optional(v.picklist(['beginner', 'intermediate', 'advanced'])),
  createdAt: v.optional(num),
  updatedAt: v.optional(num),
});

export type ParseResult = { ok: true; circuit: Circuit } | { ok: false; message: string };

/** Checks unknown data is a circuit this version can run; never throws. */
export function parseCircuit(data: unknown): ParseResult {
  const parsed = v.safeParse(CircuitSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    if (path === 'schemaVersion')
      return {
        ok: false,
        message: `This circuit was saved in a format this version does not know (${describe(data)}).`,
      };
    return { ok: false, message: `The circuit data is damaged${path ? ` at “${path}”` : ''}: ${issue.message}.` };
  }
  const circuit = parsed.output as Circuit;
  const issues = validateCircuit(circuit);
  if (issues.length > 0) return { ok: false, message: issues.map((i) => i.message).join(' ') };
  return { ok: true, circuit };
}

function describe(data: unknown): string {
  const version =
    typeof data === 'object' && data !== null ? (data as { schemaVersion?: unknown }).schemaVersion : undefined;
  return version === undefined ? 'no version' : `version ${String(version).slice(0, 20)}`;
}
