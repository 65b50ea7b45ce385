// Persistent storage: asked for once the person has saved something — a circuit, an import, a
// finished workout in the log, a round's reps or a weekly target — so that the browser does not clear
// their circuits and log when space runs low; and the figures the settings screen shows.
import type { Database } from '../storage/db';
import { database } from './database';

/** Where the settings store remembers that the browser was asked, so it is asked once, not at every save. */
export const PERSISTENCE_KEY = 'storage-persistence';

/** The part of navigator.storage used here, so tests can stand in for it. */
export type StorageApi = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

export class StoragePersistence {
  /** Whether the browser keeps this app's data until the person deletes it; null when unknown. */
  persisted = $state<boolean | null>(null);
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  /** The ask after a save, while it is under way: saves close together share it, so the browser is asked once. */
  private asking: Promise<void> | null = null;

  constructor(
    private readonly api: StorageApi | null = typeof navigator !== 'undefined' &&
    typeof navigator.storage?.persist === 'function'
      ? navigator.storage
      : null,
    private readonly open: () => Promise<Database> = database,
  ) {}

  get supported(): boolean {
    return this.api !== null;
  }

  /** Reads the current state and figures. */
  async refresh(): Promise<void> {
    if (!this.api) return;
    const [persisted, estimate] = await Promise.all([
      this.api.persisted().catch(() => null),
      this.api.estimate().catch(() => null),
    ]);
    this.persisted = persisted;
    this.usage = estimate?.usage ?? null;
    this.quota = estimate?.quota ?? null;
  }

  /** Asks the browser to keep the data (a prompt in some browsers); returns whether it will. */
  async request(): Promise<boolean> {
    if (!this.api) return false;
    const granted = await this.api.persist().catch(() => false);
    this.persisted = granted;
    try {
      const db = await this.open();
      await db.put('settings', { askedAt: Date.now(), granted }, PERSISTENCE_KEY);
    } catch {
      // not remembered: the browser may be asked again after the next save
    }
    return granted;
  }

  /** After something was saved: asks once, unless the data is already kept or the browser was asked before. */
  afterSave(): Promise<void> {
    this.asking ??= this.askOnce().finally(() => (this.asking = null));
    return this.asking;
  }

  private async askOnce(): Promise<void> {
    if (!this.api) return;
    if (await this.api.persisted().catch(() => false)) {
      this.persisted = true;
      return;
    }
    try {
      const db = await this.open();
      if ((await db.get('settings', PERSISTENCE_KEY)) !== undefined) return;
    } catch {
      return; // storage is failing: asking would not help now
    }
    await this.request();
  }
}

export const persistence = new StoragePersistence();

/** "740 KB", "1.2 MB", "10 GB": storage figures as people read them (1 KB = 1000 bytes, as browsers count). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${units[unit]}`;
}
