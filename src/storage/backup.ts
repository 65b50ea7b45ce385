// Backups: everything a person keeps (circuits, the workout log, sound settings, the weekly target) as one versioned
// JSON file, read back with every record checked, and imported by adding only what is new, all or nothing.
import type { Circuit } from '../engine/model';
import type { SoundSettings } from '../audio/settings';
import { findPreset } from '../data/presets';
import type { IDBPTransaction } from 'idb';
import type { CircuitTimerDB, Database, StoredRecord } from './db';
import { parseCircuit } from './circuit-schema';
import { exerciseEntry, exerciseKeys, type RoundRecord, type SessionRecord } from './log';
import { parseRound, parseSession } from './log-schema';
import {
  GOALS_KEY,
  SOUND_SETTINGS_KEY,
  checkGoals,
  checkSoundSettings,
  loadSoundSettings,
  type Goals,
} from './settings';
import { parseGuardedJson } from './guarded-json';
import { WeekChanges } from './week-totals';

export const BACKUP_FORMAT = 'circuit-timer-backup';
/** The version this app writes and the newest it reads; a change to the file's shape is a new version. */
export const BACKUP_VERSION = 1;
/** Larger files are refused before they are read: a year of daily workouts is a few MB. */
export const MAX_BACKUP_BYTES = 50_000_000;
/** Far deeper than any backup (about 10 levels), far shallower than what could exhaust the stack. */
const MAX_DEPTH = 32;
/** Bounds that keep a hostile file from making validation slow; the size limit comes first anyway. */
const MAX_RECORDS = { circuits: 10_000, sessions: 100_000, rounds: 1_000_000 } as const;
/** How many problems a refused file lists before "and N more". */
const PROBLEMS_LISTED = 3;
/** Every store a backup holds: read and written in one transaction. */
const STORES = ['circuits', 'sessions', 'rounds', 'settings'] as const;
/** What an import writes: the backup's stores and the log's week totals, kept in step with them. */
const IMPORT_STORES = [...STORES, 'weeks'] as const;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** When it was made, ISO 8601. */
  exportedAt: string;
  /** The version of Circuit Timer that made it. */
  app: string;
  circuits: Circuit[];
  sessions: SessionRecord[];
  rounds: RoundRecord[];
  /** Each left out when the device had none of its own (the defaults were in use); all of it when both are. */
  settings?: { sound?: SoundSettings; goals?: Goals };
}

export type BackupParseResult = { ok: true; backup: Backup } | { ok: false; message: string };

export interface ExportedBackup {
  backup: Backup;
  /** `circuit-timer-backup-2026-11-25.json`, the local date. */
  filename: string;
  /** Stored records that failed their checks and were left out (with rounds of a left-out workout). */
  leftOut: number;
}

/** A record in a backup whose id is stored already with different content: the stored one is kept. */
export interface ImportConflict {
  kind: 'circuit' | 'workout' | 'round';
  id: string;
  /** The name a person knows it by: the circuit's, the workout's circuit's, or the round's block. */
  name: string;
}

export interface ImportPreview {
  /** What would be written. */
  /** `settings`: the sound settings; `goals`: the weekly target. */
  add: { circuits: number; sessions: number; rounds: number; settings: boolean; goals: boolean };
  /** Records here already, exactly the same: skipped. */
  same: number;
  /** Records here already with other content: kept as they are here, never overwritten. */
  conflicts: ImportConflict[];
  /** Rounds of a conflicting workout that are not here: left out, so that no workout gets rounds of another. */
  leftOut: number;
  /** The file has sound settings and this device has its own: this device's are kept. */
  settingsKept: boolean;
  /** The file has a weekly target and this device has its own: this device's is kept. */
  goalsKept: boolean;
}

export type ImportPreviewResult = { ok: true; preview: ImportPreview } | { ok: false; message: string };

export type ImportResult = ImportPreview;

export class BackupImportError extends Error {
  override name = 'BackupImportError';
}

/**
 * Reads every store in one transaction into a backup. Records that fail their checks are left out
 * and counted, and so are rounds whose workout is left out (a backup never holds a round without its workout).
 */
export async function exportBackup(
  db: Database,
  { app, now = Date.now() }: { app: string; /** Wall clock, ms. */ now?: number },
): Promise<ExportedBackup> {
  const tx = db.transaction(STORES);
  const [circuitRecords, sessionRecords, roundRecords, storedSound, storedGoals] = await Promise.all([
    tx.objectStore('circuits').getAll(),
    tx.objectStore('sessions').getAll(),
    tx.objectStore('rounds').getAll(),
    tx.objectStore('settings').get(SOUND_SETTINGS_KEY),
    tx.objectStore('settings').get(GOALS_KEY),
    tx.done,
  ]);
  let leftOut = 0;
  const circuits: Circuit[] = [];
  for (const record of circuitRecords) {
    const parsed = parseCircuit(record);
    if (parsed.ok) circuits.push(parsed.circuit);
    else leftOut++;
  }
  const sessions: SessionRecord[] = [];
  for (const record of sessionRecords) {
    const parsed = parseSession(record);
    if (parsed.ok) sessions.push(parsed.value);
    else leftOut++;
  }
  const sessionIds = new Set(sessions.map((s) => s.id));
  const rounds: RoundRecord[] = [];
  for (const record of roundRecords) {
    const parsed = parseRound(record);
    if (parsed.ok && sessionIds.has(parsed.value.sessionId)) rounds.push(parsed.value);
    else leftOut++;
  }
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    app,
    circuits,
    sessions,
    rounds,
  };
  const settings: NonNullable<Backup['settings']> = {};
  if (storedSound !== undefined) {
    const { settings: sound, problem } = await loadSoundSettings(db);
    if (problem === null) settings.sound = sound;
    else leftOut++;
  }
  if (storedGoals !== undefined) {
    if (checkGoals(storedGoals) === null) settings.goals = goals(storedGoals as Goals);
    else leftOut++;
  }
  if (settings.sound || settings.goals) backup.settings = settings;
  return { backup, filename: `circuit-timer-backup-${localDate(now)}.json`, leftOut };
}

/**
 * Checks a file's text is a backup this version can import: its size and nesting, the format and
 * version, every record with the same checks as storage, and ids that clash within the file or with
 * a preset. Never throws; a refusal says what is wrong and what to do.
 */
export function parseBackup(text: string): BackupParseResult {
  const refuse = (message: string) => ({ ok: false as const, message });
  // Counted in characters, which is close enough to bytes to stop a file far too large to be a backup.
  if (text.length > MAX_BACKUP_BYTES)
    return refuse(
      `This file is too large to be a backup (${megabytes(text.length)} MB; backups are at most ` +
        `${megabytes(MAX_BACKUP_BYTES)} MB). Choose a file exported with “Export backup (JSON)”.`,
    );
  if (text.trim() === '')
    return refuse('This file is empty, so it is not a backup. Choose a file exported with “Export backup (JSON)”.');
  const json = parseGuardedJson(text, MAX_DEPTH);
  if (!json.ok && json.problem === 'too-deep')
    return refuse('This file is not a backup: its data is nested far deeper than a backup’s. Nothing was imported.');
  if (!json.ok && json.problem === 'not-json')
    return refuse('This file is not a backup: it is not valid JSON (it may be cut short).');
  if (!json.ok)
    return refuse(
      `This file cannot be imported: it has a field named “${json.key}”, which backups never have, so it ` +
        'was made or changed by something else. Nothing was imported.',
    );
  const data = json.value;
  if (!isPlainObject(data) || data.format !== BACKUP_FORMAT)
    return refuse(
      'This file is not a Circuit Timer backup. Choose a file exported with “Export backup (JSON)”, ' +
        'named like circuit-timer-backup-2026-11-25.json.',
    );
  const version = data.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION)
    return refuse(
      `This backup was made by a newer version of Circuit Timer (backup version ${version}; this app reads ` +
        `version ${BACKUP_VERSION}): update the app first, then import it again.`,
    );
  if (version !== BACKUP_VERSION)
    return refuse(
      `This backup’s version (${describe(version)}) is not one Circuit Timer knows, so it cannot be imported. ` +
        'Export a new backup from the device it came from.',
    );

  const problems: string[] = [];
  const list = (field: 'circuits' | 'sessions' | 'rounds', what: string): unknown[] => {
    const value = data[field];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push(`its ${what} (“${field}”) are not a list`);
      return [];
    }
    if (value.length > MAX_RECORDS[field]) {
      problems.push(`it has ${value.length} ${what}, more than the ${MAX_RECORDS[field]} a backup can hold`);
      return [];
    }
    return value;
  };
  const circuitData = list('circuits', 'circuits');
  const sessionData = list('sessions', 'workouts');
  const roundData = list('rounds', 'rounds');
  const exportedAt = data.exportedAt ?? '';
  const app = data.app ?? '';
  if (typeof exportedAt !== 'string' || exportedAt.length > 40)
    problems.push('its export date (“exportedAt”) is not a date');
  if (typeof app !== 'string' || app.length > 100) problems.push('its app version (“app”) is not a version');
  let settings: Backup['settings'];
  if (data.settings !== undefined) {
    const { sound, goals: target } = isPlainObject(data.settings) ? data.settings : {};
    if (sound === undefined && target === undefined) problems.push('its settings are missing');
    settings = {};
    if (sound !== undefined) {
      const wrong = isPlainObject(sound) ? checkSoundSettings(sound as unknown as SoundSettings) : 'they are missing';
      if (wrong) problems.push(`its sound settings are damaged (${wrong})`);
      else settings.sound = soundSettings(sound as unknown as SoundSettings);
    }
    if (target !== undefined) {
      const wrong = isPlainObject(target) ? checkGoals(target) : 'they are not a set of goals';
      if (wrong) problems.push(`its weekly target is damaged (${wrong})`);
      else settings.goals = goals(target as unknown as Goals);
    }
  }

  const circuits: Circuit[] = [];
  const circuitIds = new Set<string>();
  circuitData.forEach((item, i) => {
    const label = `circuit ${i + 1}${nameOf(isPlainObject(item) ? item.name : undefined)}`;
    const parsed = parseCircuit(item);
    if (!parsed.ok) return void problems.push(`${label}: ${parsed.message}`);
    const { id } = parsed.circuit;
    if (findPreset(id))
      return void problems.push(`${label} has the id of a built-in preset (“${id}”), which cannot be replaced`);
    if (circuitIds.has(id)) return void problems.push(`${label} has the same id as an earlier circuit (“${id}”)`);
    circuitIds.add(id);
    circuits.push(parsed.circuit);
  });

  const sessions: SessionRecord[] = [];
  const sessionIds = new Set<string>();
  sessionData.forEach((item, i) => {
    const circuit = isPlainObject(item) && isPlainObject(item.circuit) ? item.circuit.name : undefined;
    const label = `workout ${i + 1}${nameOf(circuit)}`;
    const parsed = parseSession(item);
    if (!parsed.ok) return void problems.push(`${label}: ${parsed.message}`);
    const { id } = parsed.value;
    if (sessionIds.has(id)) return void problems.push(`${label} has the same id as an earlier workout (“${id}”)`);
    sessionIds.add(id);
    sessions.push(parsed.value);
  });

  const rounds: RoundRecord[] = [];
  const roundIds = new Set<string>();
  roundData.forEach((item, i) => {
    const label = `round ${i + 1}${nameOf(isPlainObject(item) ? item.blockName : undefined)}`;
    const parsed = parseRound(item);
    if (!parsed.ok) return void problems.push(`${label}: ${parsed.message}`);
    const round = parsed.value;
    if (roundIds.has(round.id)) return void problems.push(`${label} is listed twice (“${round.id}”)`);
    roundIds.add(round.id);
    // Derived, as the log does, so that the by-exercise index is right whatever the file says.
    rounds.push({ ...round, exerciseKeys: exerciseKeys(round.exercises) });
  });

  if (problems.length > 0) return refuse(problemsMessage(problems));
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt as string,
    app: app as string,
    circuits,
    sessions,
    rounds,
  };
  if (settings) backup.settings = settings;
  return { ok: true, backup };
}

/** What importing the backup would do; reads only. Refused when a round's workout is neither in the file nor here. */
export async function previewImport(db: Database, backup: Backup): Promise<ImportPreviewResult> {
  try {
    const tx = db.transaction(IMPORT_STORES);
    const plan = await planImport(tx, backup);
    await tx.done;
    return { ok: true, preview: plan.preview };
  } catch (err) {
    if (err instanceof BackupImportError) return { ok: false, message: err.message };
    throw err;
  }
}

/**
 * Adds the records that are not here yet, in one transaction across the stores: all of them or, on
 * any failure, none. Records here already are never changed. Throws a BackupImportError when the
 * backup cannot be imported, or the storage error.
 */
export async function importBackup(db: Database, backup: Backup): Promise<ImportResult> {
  const tx = db.transaction(IMPORT_STORES, 'readwrite', { durability: 'strict' });
  try {
    const { preview, circuits, sessions, rounds } = await planImport(tx, backup);
    // One at a time, so that a failed request throws before later ones are made; add, not put, so that
    // a stored record can never be replaced.
    for (const circuit of circuits)
      await tx.objectStore('circuits').add(stored(circuit) as StoredRecord & { updatedAt?: number });
    for (const session of sessions) await tx.objectStore('sessions').add(stored(session));
    for (const round of rounds) await tx.objectStore('rounds').add(stored(round));
    const changes = new WeekChanges();
    for (const session of sessions) changes.session(session, 1);
    for (const round of rounds) changes.round(round, 1);
    await changes.apply(tx.objectStore('weeks'));
    if (preview.add.settings && backup.settings?.sound)
      await tx.objectStore('settings').add(soundSettings(backup.settings.sound), SOUND_SETTINGS_KEY);
    if (preview.add.goals && backup.settings?.goals)
      await tx.objectStore('settings').add(goals(backup.settings.goals), GOALS_KEY);
    await tx.done;
    return preview;
  } catch (err) {
    tx.done.catch(() => {}); // the abort's own rejection says less than err
    try {
      tx.abort();
    } catch {
      // finished already: nothing was left to undo
    }
    throw err;
  }
}

/** Sorts the backup's records into new, the same as here, and conflicting, within `tx`. */
async function planImport(
  tx: IDBPTransaction<CircuitTimerDB, typeof IMPORT_STORES, IDBTransactionMode>,
  backup: Backup,
): Promise<{ preview: ImportPreview; circuits: Circuit[]; sessions: SessionRecord[]; rounds: RoundRecord[] }> {
  const preview: ImportPreview = {
    add: { circuits: 0, sessions: 0, rounds: 0, settings: false, goals: false },
    same: 0,
    conflicts: [],
    leftOut: 0,
    settingsKept: false,
    goalsKept: false,
  };
  // Checked again here: a backup that did not come through parseBackup must not replace a preset either.
  const preset = backup.circuits.find((c) => findPreset(c.id));
  if (preset)
    throw new BackupImportError(
      `This backup cannot be imported: its circuit “${preset.name}” has the id of a built-in preset. Nothing was imported.`,
    );

  // The stored keys first: a record is read only when its id is taken, so a fresh device is quick.
  const circuitStore = tx.objectStore('circuits');
  const sessionStore = tx.objectStore('sessions');
  const roundStore = tx.objectStore('rounds');
  const [circuitKeys, sessionKeys, roundKeys] = await Promise.all([
    circuitStore.getAllKeys().then((keys) => new Set<string>(keys)),
    sessionStore.getAllKeys().then((keys) => new Set<string>(keys)),
    roundStore.getAllKeys().then((keys) => new Set<string>(keys)),
  ]);

  const circuits: Circuit[] = [];
  for (const circuit of backup.circuits) {
    const here = circuitKeys.has(circuit.id) ? await circuitStore.get(circuit.id) : undefined;
    if (here === undefined) circuits.push(circuit);
    else if (sameAsStored(circuit, here, parseCircuitRecord)) preview.same++;
    else preview.conflicts.push({ kind: 'circuit', id: circuit.id, name: circuit.name });
  }

  const sessions: SessionRecord[] = [];
  /** Workouts whose rounds may be added: new ones, and those here exactly as in the file. */
  const usable = new Set<string>();
  const conflicting = new Set<string>();
  for (const session of backup.sessions) {
    const here = sessionKeys.has(session.id) ? await sessionStore.get(session.id) : undefined;
    if (here === undefined) {
      sessions.push(session);
      usable.add(session.id);
    } else if (sameAsStored(session, here, parseSession)) {
      preview.same++;
      usable.add(session.id);
    } else {
      preview.conflicts.push({ kind: 'workout', id: session.id, name: session.circuit.name });
      conflicting.add(session.id);
    }
  }

  const rounds: RoundRecord[] = [];
  const missing: string[] = [];
  for (const round of backup.rounds) {
    if (!usable.has(round.sessionId) && !conflicting.has(round.sessionId)) {
      if (!sessionKeys.has(round.sessionId)) {
        missing.push(round.id);
        continue;
      }
      usable.add(round.sessionId); // not in the file, but here: the round joins it
    }
    const here = roundKeys.has(round.id) ? await roundStore.get(round.id) : undefined;
    if (here !== undefined) {
      if (sameAsStored(round, here, parseRound)) preview.same++;
      else preview.conflicts.push({ kind: 'round', id: round.id, name: round.blockName });
    } else if (conflicting.has(round.sessionId)) preview.leftOut++;
    else rounds.push(round);
  }
  if (missing.length > 0)
    throw new BackupImportError(
      `This backup cannot be imported: ${missing.length === 1 ? 'a round belongs' : `${missing.length} rounds belong`} ` +
        `to a workout that is neither in the file nor on this device (${quoteList(missing)}). ` +
        'The file may have been edited or cut; export it again from the device it came from. Nothing was imported.',
    );

  // Settings are the device's own: the file's are taken only where the device has none.
  if (backup.settings?.sound) {
    if ((await tx.objectStore('settings').getKey(SOUND_SETTINGS_KEY)) === undefined) preview.add.settings = true;
    else preview.settingsKept = true;
  }
  if (backup.settings?.goals) {
    if ((await tx.objectStore('settings').getKey(GOALS_KEY)) === undefined) preview.add.goals = true;
    else preview.goalsKept = true;
  }
  preview.add.circuits = circuits.length;
  preview.add.sessions = sessions.length;
  preview.add.rounds = rounds.length;
  return { preview, circuits, sessions, rounds };
}

/** "date","time",…: one row per exercise per round, RFC 4180, ready for a spreadsheet. */
export function roundsCsv(sessions: readonly SessionRecord[], rounds: readonly RoundRecord[]): string {
  const header = [
    'Date',
    'Time',
    'Circuit',
    'Workout status',
    'Block',
    'Round',
    'Exercise',
    'Planned work (s)',
    'Work (s)',
    'Planned rest (s)',
    'Rest (s)',
    'Outcome',
    'Reps',
    'Load (kg)',
    'RPE',
  ];
  const bySession = new Map<string, RoundRecord[]>();
  for (const round of rounds) {
    const list = bySession.get(round.sessionId);
    if (list) list.push(round);
    else bySession.set(round.sessionId, [round]);
  }
  const rows: (string | number | null)[][] = [header];
  const ordered = [...sessions].sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
  for (const session of ordered) {
    const started = new Date(session.startedAt);
    const own = (bySession.get(session.id) ?? []).sort((a, b) => a.blockIndex - b.blockIndex || a.round - b.round);
    for (const round of own)
      round.exercises.forEach((exercise, i) => {
        const entry = exerciseEntry(round, i);
        rows.push([
          localDate(started),
          `${pad(started.getHours())}:${pad(started.getMinutes())}`,
          session.circuit.name,
          session.status,
          round.blockName,
          round.round,
          exercise.name,
          seconds(exercise.plannedWorkMs),
          seconds(exercise.workMs),
          seconds(exercise.plannedRestMs),
          seconds(exercise.restMs),
          exercise.outcome,
          entry.reps,
          entry.loadKg,
          round.rpe,
        ]);
      });
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A CSV cell: quoted when it must be, and text a spreadsheet would run as a formula made plain text. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** YYYY-MM-DD in local time, for file names and the CSV. */
export function localDate(at: Date | number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function seconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 100) / 10;
}

function megabytes(bytes: number): string {
  return String(Math.round(bytes / 100_000) / 10);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(name: unknown): string {
  return typeof name === 'string' && name.trim() ? ` (“${name.trim().slice(0, 60)}”)` : '';
}

function describe(value: unknown): string {
  if (value === undefined) return 'none';
  return `“${String(typeof value === 'object' ? JSON.stringify(value) : value).slice(0, 20)}”`;
}

function quoteList(ids: string[]): string {
  const shown = ids.slice(0, PROBLEMS_LISTED).map((id) => `“${id}”`);
  return ids.length > PROBLEMS_LISTED
    ? `${shown.join(', ')} and ${ids.length - PROBLEMS_LISTED} more`
    : shown.join(', ');
}

function problemsMessage(problems: string[]): string {
  const shown = problems
    .slice(0, PROBLEMS_LISTED)
    .map((p) => p.replace(/\.$/, ''))
    .join('; ');
  const more = problems.length - PROBLEMS_LISTED;
  const rest = more > 0 ? `; and ${more} more ${more === 1 ? 'problem' : 'problems'}` : '';
  return (
    `This backup cannot be imported, and nothing was changed: ${shown}${rest}. ` +
    'The file may have been edited or damaged; export it again from the device it came from.'
  );
}

/** Exactly the fields of sound settings: a fresh plain object, so nothing else from the file is stored. */
function soundSettings(s: SoundSettings): SoundSettings {
  const { phaseTones, countdown, halfway, lastRound, finish } = s.cues;
  return {
    volume: s.volume,
    beeps: s.beeps,
    cues: { phaseTones, countdown, halfway, lastRound, finish },
    voice: s.voice,
    voiceName: s.voiceName,
    voiceRate: s.voiceRate,
    vibration: s.vibration,
  };
}

/** Exactly the fields of goals: a fresh plain object. */
function goals(g: Goals): Goals {
  return { weeklyTarget: g.weeklyTarget };
}

function parseCircuitRecord(data: unknown): { ok: true; value: Circuit } | { ok: false } {
  const parsed = parseCircuit(data);
  return parsed.ok ? { ok: true, value: parsed.circuit } : { ok: false };
}

/** Whether a stored record holds the same data as the file's (compared as checked, so a damaged one differs). */
function sameAsStored<T>(
  record: T,
  stored: StoredRecord,
  parse: (data: unknown) => { ok: true; value: T } | { ok: false },
): boolean {
  const parsed = parse(stored);
  return parsed.ok && sameData(record, parsed.value);
}

/** Deep equality of plain data, whatever the order of keys; a key whose value is undefined counts as absent. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  const entries = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined);
  const left = entries(a);
  const right = new Map(entries(b));
  return left.length === right.size && left.every(([k, v]) => right.has(k) && sameData(v, right.get(k)));
}

/** A checked record as the store takes it: parse output is fresh plain data, so it clones into IndexedDB. */
function stored(record: Circuit | SessionRecord | RoundRecord): StoredRecord {
  return record as unknown as StoredRecord;
}
