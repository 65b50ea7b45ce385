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
    return { ok: false, message: `The circuit data is damaged${path ? ` at “${path}”` : ''}: ${explain(issue)}.` };
  }
  const circuit = parsed.output as Circuit;
  const issues = validateCircuit(circuit);
  if (issues.length > 0) {
    // A circuit can break a rule in each of its thousand steps: say the first few, and how many more.
    const more = issues.length - ISSUES_LISTED;
    const rest = more > 0 ? ` And ${more} more ${more === 1 ? 'problem' : 'problems'}.` : '';
    return {
      ok: false,
      message:
        issues
          .slice(0, ISSUES_LISTED)
          .map((i) => i.message)
          .join(' ') + rest,
    };
  }
  return { ok: true, circuit };
}

/** How many of a circuit's broken rules a refusal lists. */
const ISSUES_LISTED = 3;

/** What is wrong with a field, in words: valibot's own messages are for developers. */
function explain(issue: v.BaseIssue<unknown>): string {
  // A missing key is reported by the object that lacks it, with no input.
  if (issue.type === 'object' && issue.path?.length && issue.input === undefined) return 'it is missing';
  switch (issue.type) {
    case 'string':
      return `it should be text, not ${kindOf(issue.input)}`;
    case 'number':
      return `it should be a number, not ${kindOf(issue.input)}`;
    case 'finite':
      return 'it should be a number, not infinity';
    case 'boolean':
      return `it should be yes or no (true or false), not ${kindOf(issue.input)}`;
    case 'array':
      return `it should be a list, not ${kindOf(issue.input)}`;
    case 'object':
      return `it should be a set of fields, not ${kindOf(issue.input)}`;
    case 'picklist':
      return `it should be one of ${(issue.expected ?? '').replace(/[()]/g, '').split(' | ').join(', ')}, not ${kindOf(issue.input)}`;
    case 'min_length':
      return 'it is empty';
    case 'max_length':
      return `it is too long (at most ${issue.requirement as number})`;
    default:
      return 'it is not valid';
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length <= 20 ? `“${value}”` : 'a long text';
  if (typeof value === 'number') return Number.isNaN(value) ? 'not-a-number' : String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'a set of fields';
  return 'something else';
}

function describe(data: unknown): string {
  const version =
    typeof data === 'object' && data !== null ? (data as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === undefined) return 'no version';
  // Only a primitive is shown: String() of an object says nothing, and of one without a prototype it throws.
  return typeof version === 'number' || typeof version === 'string' || typeof version === 'boolean'
    ? `version ${String(version).slice(0, 20)}`
    : 'a version that is not a number';
}
