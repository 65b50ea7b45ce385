// The stored format of the workout log (sessions and rounds) and its checks: one parse for data
// read from storage and for data about to be written, each with a message a person can act on.
import * as v from 'valibot';
import { LIMITS } from '../engine/model';
import { parseCircuit } from './circuit-schema';
import type { RoundEntry, RoundRecord, SessionRecord, StoredRun } from './log';

/** The version of session and round records; a record of another version is not read as this one. */
export const LOG_RECORD_VERSION = 1;

/** A round's key: the same round of the same session always gets the same id, so it is written once. */
export function roundId(sessionId: string, blockIndex: number, round: number): string {
  return `${sessionId}/${blockIndex}/${round}`;
}

export type LogParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Durations are bounded only to keep nonsense out: a run left paused for months is still a run. */
const MAX_MS = 366 * 24 * 60 * 60 * 1000;
/** The latest instant a Date can hold. */
const MAX_WALL_CLOCK = 8.64e15;

const number = (message: string, min: number, max: number) =>
  v.pipe(v.number(message), v.finite(message), v.minValue(min, message), v.maxValue(max, message));
const duration = (what: string) => number(`${what} must be a time from 0 ms to a year`, 0, MAX_MS);
const wallClock = (what: string) => number(`${what} must be a date and time`, 0, MAX_WALL_CLOCK);
const text = (what: string, min: number, max: number) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.minLength(min, min > 0 ? `${what} is empty` : `${what} is too short`),
    v.maxLength(max, `${what} is longer than ${max} characters`),
  );
const id = (what: string) => text(what, 1, 100);

const REPS = 'reps must be a whole number from 0 to 10 000';
const LOAD = 'the load must be from 0 to 2000 kg';
const RPE = 'the effort (RPE) must be from 1 to 10, in steps of 0.5';
const entryFields = {
  reps: v.nullable(v.pipe(number(REPS, 0, 10_000), v.integer(REPS))),
  loadKg: v.nullable(number(LOAD, 0, 2000)),
  rpe: v.nullable(v.pipe(number(RPE, 1, 10), v.multipleOf(0.5, RPE))),
};

const EVENT_TYPES = ['pause', 'resume', 'skip', 'back', 'extend', 'done'] as const;

const RunSchema = v.object(
  {
    events: v.pipe(
      v.array(
        v.object(
          {
            type: v.picklist(EVENT_TYPES, `an event is not one of ${EVENT_TYPES.join(', ')}`),
            at: duration('an event’s time'),
            // Extends carry the time they added; the engine needs it to replay the run.
            ms: v.optional(number('an extension must be a time within a year', -MAX_MS, MAX_MS)),
          },
          'an event is not an event',
        ),
        'the run’s events are not a list',
      ),
      v.maxLength(100_000, 'the run has more than 100 000 events'),
    ),
    lastKnownMs: duration('the last known time of the run'),
  },
  'the run is missing',
);

const SessionSchema = v.object(
  {
    recordVersion: v.literal(LOG_RECORD_VERSION),
    id: id('the id'),
    circuitId: id('the circuit’s id'),
    // Checked separately with parseCircuit, for the circuit rules and their messages.
    circuit: v.unknown(),
    startedAt: wallClock('the start'),
    endedAt: v.nullable(wallClock('the end')),
    status: v.picklist(['running', 'completed', 'abandoned'], 'the status must be running, completed or abandoned'),
    run: RunSchema,
    updatedAt: wallClock('the time of the last change'),
  },
  'the record is not a workout',
);

const RoundExerciseSchema = v.object(
  {
    stepId: id('the step id'),
    exerciseId: v.nullable(id('the exercise id')),
    name: text('the exercise name', 1, 200),
    perSide: v.boolean('“per side” must be yes or no'),
    plannedWorkMs: v.nullable(duration('the planned work')),
    workMs: duration('the work time'),
    plannedRestMs: duration('the planned rest'),
    restMs: duration('the rest time'),
    outcome: v.picklist(['done', 'skipped'], 'the outcome must be done or skipped'),
    // Entered afterwards for this exercise; absent in rounds logged before they could be.
    reps: v.optional(entryFields.reps),
    loadKg: v.optional(entryFields.loadKg),
  },
  'an exercise is not an exercise',
);

const RoundSchema = v.object(
  {
    recordVersion: v.literal(LOG_RECORD_VERSION),
    id: text('the id', 1, 250),
    sessionId: id('the workout id'),
    blockIndex: v.pipe(
      number('the block number is out of range', 0, LIMITS.maxBlocks - 1),
      v.integer('the block number must be whole'),
    ),
    blockId: id('the block id'),
    blockName: text('the block name', 0, 200),
    round: v.pipe(
      number(`the round must be from 1 to ${LIMITS.maxRounds}`, 1, LIMITS.maxRounds),
      v.integer('the round must be a whole number'),
    ),
    rounds: v.pipe(
      number(`the number of rounds must be from 1 to ${LIMITS.maxRounds}`, 1, LIMITS.maxRounds),
      v.integer('the number of rounds must be whole'),
    ),
    exercises: v.pipe(
      v.array(RoundExerciseSchema, 'the exercises are not a list'),
      v.minLength(1, 'the round has no exercises'),
      v.maxLength(LIMITS.maxStepsPerBlock, `the round has more than ${LIMITS.maxStepsPerBlock} exercises`),
    ),
    exerciseKeys: v.pipe(
      v.array(text('an exercise key', 1, 250), 'the exercise keys are not a list'),
      v.maxLength(LIMITS.maxStepsPerBlock, 'the round has too many exercise keys'),
    ),
    completedAt: wallClock('the time it was completed'),
    ...entryFields,
  },
  'the record is not a round',
);

const ExerciseEntrySchema = v.nullable(
  v.object(
    { reps: v.optional(entryFields.reps), loadKg: v.optional(entryFields.loadKg) },
    'an exercise’s entry is not a set of values',
  ),
);

const EntrySchema = v.object(
  {
    reps: v.optional(entryFields.reps),
    loadKg: v.optional(entryFields.loadKg),
    rpe: v.optional(entryFields.rpe),
    exercises: v.optional(
      v.pipe(
        v.array(v.optional(ExerciseEntrySchema), 'the exercises’ entries are not a list'),
        v.maxLength(LIMITS.maxStepsPerBlock, 'there are entries for more exercises than a round has'),
      ),
    ),
  },
  'the entry is not a set of values',
);

/** Checks unknown data is a session this version can read; never throws. */
export function parseSession(data: unknown): LogParseResult<SessionRecord> {
  const parsed = v.safeParse(SessionSchema, data);
  if (!parsed.success) return failure('workout', data, parsed.issues);
  const session = parsed.output;
  if ((session.status === 'running') !== (session.endedAt === null))
    return {
      ok: false,
      message:
        session.status === 'running'
          ? 'This workout is damaged: it is still running but has an end time.'
          : `This workout is damaged: it is ${session.status} but has no end time.`,
    };
  const circuit = parseCircuit(session.circuit);
  if (!circuit.ok) return { ok: false, message: `The circuit of this workout cannot be read: ${circuit.message}` };
  const value: SessionRecord = { ...session, circuit: circuit.circuit };
  return { ok: true, value };
}

/** Checks unknown data is a round this version can read; never throws. */
export function parseRound(data: unknown): LogParseResult<RoundRecord> {
  const parsed = v.safeParse(RoundSchema, data);
  if (!parsed.success) return failure('round', data, parsed.issues);
  const round = parsed.output;
  if (round.round > round.rounds)
    return { ok: false, message: `This round is damaged: it is round ${round.round} of only ${round.rounds}.` };
  if (round.id !== roundId(round.sessionId, round.blockIndex, round.round))
    return {
      ok: false,
      message: 'This round is damaged: its id does not match its workout, block and round number.',
    };
  const value: RoundRecord = round;
  return { ok: true, value };
}

/** Checks a run (the part of a session saved while it runs); never throws. */
export function parseRun(data: unknown): LogParseResult<StoredRun> {
  const parsed = v.safeParse(RunSchema, data);
  if (!parsed.success)
    return { ok: false, message: `The run’s progress is not valid: ${firstMessage(parsed.issues)}.` };
  const value: StoredRun = parsed.output;
  return { ok: true, value };
}

/** Checks what a person entered for a round (only the fields given); never throws. */
export function parseRoundEntry(data: unknown): LogParseResult<RoundEntry> {
  const parsed = v.safeParse(EntrySchema, data);
  if (!parsed.success) return { ok: false, message: `${capitalise(firstMessage(parsed.issues))}.` };
  const value: RoundEntry = parsed.output;
  return { ok: true, value };
}

function failure(what: 'workout' | 'round', data: unknown, issues: readonly v.BaseIssue<unknown>[]) {
  const issue = issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  if (path === 'recordVersion')
    return {
      ok: false as const,
      message: `This ${what} was saved in a format this version does not know (${describeVersion(data)}).`,
    };
  return {
    ok: false as const,
    message: `This ${what} is damaged${path ? ` at “${path}”` : ''}: ${firstMessage(issues)}.`,
  };
}

function firstMessage(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  // A missing field is reported by the object that lacks it, with that object's message ("the record is not a round").
  if (issue?.type === 'object' && issue.path?.length && issue.input === undefined) return 'it is missing';
  return issue?.message ?? 'it is not valid';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeVersion(data: unknown): string {
  const version =
    typeof data === 'object' && data !== null ? (data as { recordVersion?: unknown }).recordVersion : undefined;
  if (version === undefined) return 'no version';
  // Only a primitive is shown: String() of an object says nothing, and of one without a prototype it throws.
  return typeof version === 'number' || typeof version === 'string' || typeof version === 'boolean'
    ? `version ${String(version).slice(0, 20)}`
    : 'a version that is not a number';
}
