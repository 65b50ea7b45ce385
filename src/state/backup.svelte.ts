// Settings → Your data: a backup or the rounds as CSV, downloaded; a backup imported in steps a person
// can follow (choose a file, see what it would add, then import or cancel); a workout as a FIT file.
import {
  BackupImportError,
  MAX_BACKUP_BYTES,
  exportBackup,
  importBackup,
  localDate,
  parseBackup,
  previewImport,
  roundsCsv,
  type Backup,
  type ImportPreview,
} from '../storage/backup';
import type { Database } from '../storage/db';
import { LogReadError, WorkoutLogRepository } from '../storage/log';
import { database, storageFailure } from './database';
import { formatBytes, persistence } from './persistence.svelte';
import { soundSettings } from './settings.svelte';
import { APP_VERSION } from './version';

/** Hands a file to the browser to save: how a web page "downloads" what it made itself. */
export type SaveFile = (filename: string, blob: Blob) => void;

export class BackupTransfer {
  /** An export or import is under way: the buttons wait. */
  busy = $state(false);
  /** What went wrong, for an alert; null when nothing did. */
  error = $state<string | null>(null);
  /** The latest outcome, for a status line. */
  status = $state('');
  /** What importing the chosen backup would do, while it waits for Import or Cancel. */
  preview = $state.raw<ImportPreview | null>(null);
  /** The chosen file's name, while its preview is shown. */
  fileName = $state<string | null>(null);

  private pending: Backup | null = null;
  /** Counts files chosen: the preview of a file replaced meanwhile is dropped. */
  private choice = 0;

  constructor(
    private readonly open: () => Promise<Database> = database,
    private readonly save: SaveFile = saveFile,
    private readonly now: () => number = Date.now,
  ) {}

  /** "Adds 3 circuits, 12 workouts and 40 rounds; 2 already here are skipped; 1 conflict kept as it is." */
  get summary(): string {
    return this.preview ? describeImport(this.preview) : '';
  }

  /** Downloads everything as one JSON backup. */
  async exportJson(): Promise<void> {
    await this.run(async () => {
      const now = this.now();
      const { backup, filename, leftOut } = await exportBackup(await this.open(), { app: APP_VERSION, now });
      this.save(filename, new Blob([JSON.stringify(backup)], { type: 'application/json' }));
      const held = listCounts({
        circuits: backup.circuits.length,
        sessions: backup.sessions.length,
        rounds: backup.rounds.length,
        settings: false,
        goals: false,
      });
      this.status = `Backup ready: ${filename}, with ${held || 'nothing in it yet'}.${damagedNote(leftOut)}`;
    }, 'The backup could not be made');
  }

  /** Downloads the log as a spreadsheet: a row per exercise per round. */
  async exportCsv(): Promise<void> {
    await this.run(async () => {
      const now = this.now();
      const { backup, leftOut } = await exportBackup(await this.open(), { app: APP_VERSION, now });
      const filename = `circuit-timer-rounds-${localDate(now)}.csv`;
      // The byte order mark tells spreadsheets the text is UTF-8 (names like “Rücken — day 1”).
      this.save(filename, new Blob(['\uFEFF', roundsCsv(backup.sessions, backup.rounds)], { type: 'text/csv' }));
      const rows = backup.rounds.length;
      this.status =
        rows === 0
          ? `${filename} has only its header: no rounds are in the log yet.${damagedNote(leftOut)}`
          : `Rounds ready: ${filename}, with ${plural(rows, 'round')}.${damagedNote(leftOut)}`;
    }, 'The rounds could not be exported');
  }

  /** Reads and checks a chosen file and shows what importing it would do; writes nothing. */
  async choose(file: File | null): Promise<void> {
    const choice = ++this.choice;
    this.clearPreview();
    this.error = null;
    this.status = '';
    if (!file) return;
    if (file.size > MAX_BACKUP_BYTES) {
      this.error =
        `“${file.name}” is too large to be a backup (${formatBytes(file.size)}; backups are at most ` +
        `${formatBytes(MAX_BACKUP_BYTES)}). Choose a file exported with “Export backup (JSON)”.`;
      return;
    }
    await this.run(
      async () => {
        let text: string;
        try {
          text = await file.text();
        } catch {
          throw new BackupImportError(
            `“${file.name}” could not be read. Choose it again, or copy it onto this device first.`,
          );
        }
        const parsed = parseBackup(text);
        if (!parsed.ok) throw new BackupImportError(parsed.message);
        const preview = await previewImport(await this.open(), parsed.backup);
        if (!preview.ok) throw new BackupImportError(preview.message);
        if (choice !== this.choice) return;
        this.pending = parsed.backup;
        this.preview = preview.preview;
        this.fileName = file.name;
      },
      'The backup could not be checked',
      () => choice === this.choice,
    );
  }

  /** Imports the previewed backup: only what is not here yet, all of it or nothing. */
  async confirm(): Promise<void> {
    const backup = this.pending;
    if (!backup) return;
    await this.run(async () => {
      const result = await importBackup(await this.open(), backup);
      this.clearPreview();
      const added = listCounts(result.add);
      this.status = added
        ? `Imported ${added}.`
        : 'Nothing was imported: everything in the file is here already (or kept as it is here).';
      // The screen shows the settings in force: the imported ones are now this device's.
      if (result.add.settings && backup.settings?.sound)
        await soundSettings.update(backup.settings.sound).catch(() => {
          // stored already by the import: they are in force after the next start
        });
      if (added) void persistence.afterSave();
    }, 'Nothing was imported');
  }

  /** Drops the chosen backup without importing anything. */
  cancel(): void {
    this.choice++;
    this.clearPreview();
    this.status = 'Import cancelled: nothing was changed.';
  }

  private clearPreview(): void {
    this.pending = null;
    this.preview = null;
    this.fileName = null;
  }

  /** Runs one step at a time; a refusal is shown as it is, a storage failure says what to do. */
  private async run(step: () => Promise<void>, what: string, wanted: () => boolean = () => true): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await step();
    } catch (err) {
      if (wanted()) this.error = err instanceof BackupImportError ? err.message : `${what}: ${storageFailure(err)}.`;
    } finally {
      this.busy = false;
    }
  }
}

export const backupTransfer = new BackupTransfer();

/**
 * Downloads one workout of the log as a FIT activity file (for Garmin Connect, Strava and the like).
 * The FIT code is loaded on first use. Rejects with a message a person can act on.
 */
export async function downloadFit(
  sessionId: string,
  open: () => Promise<Database> = database,
  save: SaveFile = saveFile,
): Promise<void> {
  let found: Awaited<ReturnType<WorkoutLogRepository['getSession']>>;
  try {
    found = await new WorkoutLogRepository(open()).getSession(sessionId);
  } catch (err) {
    if (err instanceof LogReadError) throw new Error(`This workout cannot be exported: ${err.message}`, { cause: err });
    throw new Error(`The workout could not be read: ${storageFailure(err)}.`, { cause: err });
  }
  if (!found) throw new Error('This workout is no longer in the log, so there is nothing to export.');
  let fit: typeof import('../storage/fit');
  try {
    fit = await import('../storage/fit');
  } catch (err) {
    throw new Error('The FIT export could not be loaded: check the connection, then try again.', { cause: err });
  }
  const bytes = fit.sessionToFit(found.session, found.rounds);
  save(fit.fitFilename(found.session), new Blob([bytes.slice().buffer], { type: 'application/vnd.ant.fit' }));
}

/** Saves a file the page made, through a temporary link with `download`. */
export function saveFile(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Not at once: some browsers read the file after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What an import would do, as one sentence. */
export function describeImport(preview: ImportPreview): string {
  const { add, same, conflicts, leftOut, settingsKept, goalsKept } = preview;
  const added = listCounts(add);
  const parts = [added ? `Adds ${added}` : 'Adds nothing new'];
  if (same > 0) parts.push(`${same} already here ${same === 1 ? 'is' : 'are'} skipped`);
  if (conflicts.length > 0)
    parts.push(`${plural(conflicts.length, 'conflict')} kept as ${conflicts.length === 1 ? 'it is' : 'they are'} here`);
  if (leftOut > 0)
    parts.push(`${plural(leftOut, 'round')} of a conflicting workout ${leftOut === 1 ? 'is' : 'are'} left out`);
  const kept = [settingsKept && 'sound settings', goalsKept && 'weekly target'].filter(Boolean);
  if (kept.length > 0) parts.push(`this device keeps its own ${kept.join(' and ')}`);
  return `${parts.join('; ')}.`;
}

/** "3 circuits, 12 workouts and 40 rounds", leaving out what there is none of; '' when nothing. */
function listCounts(add: ImportPreview['add']): string {
  const items = [
    add.circuits > 0 ? plural(add.circuits, 'circuit') : null,
    add.sessions > 0 ? plural(add.sessions, 'workout') : null,
    add.rounds > 0 ? plural(add.rounds, 'round') : null,
    add.settings ? 'your sound settings' : null,
    add.goals ? 'your weekly target' : null,
  ].filter((item) => item !== null);
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function damagedNote(leftOut: number): string {
  return leftOut > 0
    ? ` ${plural(leftOut, 'damaged record')} could not be read and ${leftOut === 1 ? 'was' : 'were'} left out.`
    : '';
}
