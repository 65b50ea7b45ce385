// Your data: a backup exported on one device imports on another (a fresh browser profile) with the
// very same records; damaged files are refused with a message and change nothing; the rounds CSV is
// right; and the screen stays accessible with an import waiting.
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, openLibrary } from './flows';

const START = Date.UTC(2026, 10, 20, 7, 30);

/** A circuit, a completed workout of it with 2 rounds, and sound settings, as the app stores them. */
const CIRCUIT = {
  schemaVersion: 1,
  id: 'friday-back',
  name: 'Friday back, "heavy"',
  description: '',
  prepSeconds: 10,
  warmUpSeconds: 0,
  coolDownSeconds: 0,
  switchSidesSeconds: 5,
  createdAt: START - 86_400_000,
  updatedAt: START - 86_400_000,
  blocks: [
    {
      id: 'main',
      name: 'Main',
      rounds: 2,
      restBetweenRoundsSeconds: 20,
      restAfterSeconds: 0,
      pace: null,
      steps: [
        {
          id: 'rows',
          exercise: { id: null, name: 'Rows', perSide: false, tips: [] },
          mode: 'time',
          workSeconds: 30,
          reps: null,
          restSeconds: 10,
        },
        {
          id: 'crawl',
          exercise: { id: null, name: '=Bear crawl', perSide: false, tips: [] },
          mode: 'time',
          workSeconds: 30,
          reps: null,
          restSeconds: 0,
        },
      ],
    },
  ],
};

const SESSION = {
  recordVersion: 1,
  id: 'session-e2e',
  circuitId: CIRCUIT.id,
  circuit: CIRCUIT,
  startedAt: START,
  endedAt: START + 170_000,
  status: 'completed',
  run: { events: [], lastKnownMs: 170_000 },
  updatedAt: START + 170_000,
};

function roundRecord(n: number, entry: { reps: number | null; loadKg: number | null; rpe: number | null }) {
  return {
    recordVersion: 1,
    id: `session-e2e/0/${n}`,
    sessionId: 'session-e2e',
    blockIndex: 0,
    blockId: 'main',
    blockName: 'Main',
    round: n,
    rounds: 2,
    exercises: [
      {
        stepId: 'rows',
        exerciseId: null,
        name: 'Rows',
        perSide: false,
        plannedWorkMs: 30_000,
        workMs: 30_000,
        plannedRestMs: 10_000,
        restMs: 10_000,
        outcome: 'done',
      },
      {
        stepId: 'crawl',
        exerciseId: null,
        name: '=Bear crawl',
        perSide: false,
        plannedWorkMs: 30_000,
        workMs: 12_500,
        plannedRestMs: 0,
        restMs: 0,
        outcome: 'skipped',
      },
    ],
    exerciseKeys: ['name:rows', 'name:=bear crawl'],
    completedAt: START + 10_000 + n * 80_000,
    ...entry,
  };
}

const ROUNDS = [
  roundRecord(1, { reps: 12, loadKg: 22.5, rpe: 7.5 }),
  roundRecord(2, { reps: null, loadKg: null, rpe: null }),
];
const SOUND = {
  volume: 0.4,
  beeps: true,
  cues: { phaseTones: true, countdown: true, halfway: false, lastRound: true, finish: true },
  voice: false,
  voiceName: null,
  voiceRate: 1.2,
  vibration: false,
};

/** Writes records straight into the app's database (created by the app on its first screen). */
async function putRecords(page: Page, records: { store: string; value: unknown; key?: string }[]): Promise<void> {
  await page.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['circuits', 'sessions', 'rounds', 'settings'], 'readwrite');
          for (const { store, value, key } of records) tx.objectStore(store).put(value, key);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    records,
  );
}

/** Every record of every store, with its key, read with the raw IndexedDB API. */
function dump(page: Page) {
  return page.evaluate(
    () =>
      new Promise<Record<string, [IDBValidKey, unknown][]>>((resolve, reject) => {
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = ['circuits', 'sessions', 'rounds', 'settings'];
          const tx = db.transaction(stores);
          const reads = stores.map((name) => ({
            name,
            keys: tx.objectStore(name).getAllKeys(),
            values: tx.objectStore(name).getAll(),
          }));
          tx.oncomplete = () => {
            db.close();
            resolve(
              Object.fromEntries(
                reads.map(({ name, keys, values }) => [
                  name,
                  keys.result.map((key, i) => [key, values.result[i]] as [IDBValidKey, unknown]),
                ]),
              ),
            );
          };
        };
      }),
  );
}

/**
 * The records without the note that the browser was asked to keep the data: the first save on a
 * device (here, the import) asks, and remembers it did.
 */
function withoutPersistence(records: Record<string, [IDBValidKey, unknown][]>) {
  return { ...records, settings: records.settings!.filter(([key]) => key !== 'storage-persistence') };
}

async function openSettings(page: Page): Promise<Locator> {
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Your data' });
  await expect(panel).toBeVisible();
  return panel;
}

/** A device with the circuit, the workout, its rounds, sound settings and a weekly target, on the settings screen. */
async function deviceWithData(page: Page): Promise<Locator> {
  await openLibrary(page);
  // The app creates its database as the library loads.
  await expect
    .poll(() =>
      page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'circuit-timer')?.version),
    )
    .toBe(4);
  await putRecords(page, [
    { store: 'circuits', value: CIRCUIT },
    { store: 'sessions', value: SESSION },
    ...ROUNDS.map((value) => ({ store: 'rounds', value })),
    { store: 'settings', value: SOUND, key: 'sound' },
    { store: 'settings', value: { weeklyTarget: 5 }, key: 'goals' },
  ]);
  return openSettings(page);
}

test('a backup exported here imports on a fresh device with the very same records', async ({
  page,
  browser,
}, testInfo) => {
  const panel = await deviceWithData(page);
  const original = await dump(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export backup (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^circuit-timer-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(panel.getByRole('status')).toContainText('with 1 circuit, 1 workout and 2 rounds');
  const backup = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  expect(backup).toMatchObject({ format: 'circuit-timer-backup', version: 1 });

  // Another device: a new browser profile with nothing stored.
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  try {
    const fresh = await other.newPage();
    const freshPanel = await openSettings(fresh);
    await freshPanel.getByLabel('Import a backup').setInputFiles(file);
    const preview = freshPanel.getByRole('region', { name: /^Import “circuit-timer-backup-.*\.json”\?$/ });
    await expect(preview).toContainText(
      'Adds 1 circuit, 1 workout, 2 rounds, your sound settings and your weekly target.',
    );
    // Nothing is written before Import.
    expect(await dump(fresh)).toEqual({ circuits: [], sessions: [], rounds: [], settings: [] });
    await preview.getByRole('button', { name: 'Import' }).click();
    await expect(freshPanel.getByRole('status')).toHaveText(
      'Imported 1 circuit, 1 workout, 2 rounds, your sound settings and your weekly target.',
    );
    await expect(preview).toBeHidden();
    expect(withoutPersistence(await dump(fresh))).toEqual(original);

    // Importing it again adds nothing and changes nothing.
    await freshPanel.getByLabel('Import a backup').setInputFiles(file);
    await expect(preview).toContainText(
      'Adds nothing new; 4 already here are skipped; this device keeps its own sound settings and weekly target.',
    );
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await expect(preview).toBeHidden();
    expect(withoutPersistence(await dump(fresh))).toEqual(original);

    // The library of the other device lists the circuit.
    await fresh.goto('/#/');
    await expect(fresh.getByRole('heading', { name: 'Friday back, "heavy"' })).toBeVisible();
    // And History there aims at the weekly target that came with the backup.
    await fresh.goto('/#/history');
    await expect(fresh.getByLabel('Weekly target')).toHaveValue('5');
  } finally {
    await other.close();
  }
});

test('a damaged or cut-short file is refused with a message and changes nothing', async ({ page }, testInfo) => {
  const panel = await deviceWithData(page);
  const before = await dump(page);
  const input = panel.getByLabel('Import a backup');

  const damaged = testInfo.outputPath('damaged.json');
  await writeFile(damaged, '{"format":"circuit-timer-backup","version":1,"circuits":[{"id":1}]}');
  await input.setInputFiles(damaged);
  await expect(panel.getByRole('alert')).toContainText(
    'This backup cannot be imported, and nothing was changed: circuit 1',
  );
  await expect(panel.getByRole('button', { name: 'Import', exact: true })).toBeHidden();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export backup (JSON)' }).click(),
  ]);
  const whole = await readFile((await download.path())!, 'utf8');
  await input.setInputFiles({
    name: 'cut.json',
    mimeType: 'application/json',
    buffer: Buffer.from(whole.slice(0, Math.floor(whole.length / 2))),
  });
  await expect(panel.getByRole('alert')).toHaveText(
    'This file is not a backup: it is not valid JSON (it may be cut short).',
  );

  await input.setInputFiles({
    name: 'newer.json',
    mimeType: 'application/json',
    buffer: Buffer.from(whole.replace('"version":1', '"version":2')),
  });
  await expect(panel.getByRole('alert')).toContainText('made by a newer version of Circuit Timer');
  await expect(panel.getByRole('alert')).toContainText('update the app first');
  expect(await dump(page)).toEqual(before);
});

test('the rounds CSV has a header and a row per exercise per round, safe for spreadsheets', async ({ page }) => {
  const panel = await deviceWithData(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export rounds (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^circuit-timer-rounds-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).split('\r\n');
  // The local date and time of the start, as the page's browser sees them.
  const [date, time] = await page.evaluate((start) => {
    const d = new Date(start);
    const pad = (n: number) => String(n).padStart(2, '0');
    return [
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
      `${pad(d.getHours())}:${pad(d.getMinutes())}`,
    ];
  }, START);
  expect(lines).toEqual([
    'Date,Time,Circuit,Workout status,Block,Round,Exercise,Planned work (s),Work (s),Planned rest (s),Rest (s),Outcome,Reps,Load (kg),RPE',
    `${date},${time},"Friday back, ""heavy""",completed,Main,1,Rows,30,30,10,10,done,12,22.5,7.5`,
    `${date},${time},"Friday back, ""heavy""",completed,Main,1,'=Bear crawl,30,12.5,0,0,skipped,12,22.5,7.5`,
    `${date},${time},"Friday back, ""heavy""",completed,Main,2,Rows,30,30,10,10,done,,,`,
    `${date},${time},"Friday back, ""heavy""",completed,Main,2,'=Bear crawl,30,12.5,0,0,skipped,,,`,
    '',
  ]);
  await expect(panel.getByRole('status')).toHaveText(/^Rounds ready: circuit-timer-rounds-.*\.csv, with 2 rounds\.$/);
});

test('the settings screen is accessible with an import waiting for confirmation', async ({ page }, testInfo) => {
  const panel = await deviceWithData(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export backup (JSON)' }).click(),
  ]);
  const file = testInfo.outputPath('backup.json');
  await download.saveAs(file);
  const json = JSON.parse(await readFile(file, 'utf8')) as { circuits: { name: string }[] };
  // A conflict too, so that the whole preview is on screen.
  json.circuits[0]!.name = 'Friday back, changed';
  await writeFile(file, JSON.stringify(json));
  await panel.getByLabel('Import a backup').setInputFiles(file);
  const preview = panel.getByRole('region', { name: 'Import “backup.json”?' });
  await expect(preview).toContainText('Adds nothing new; 3 already here are skipped; 1 conflict kept as it is here');
  await expect(preview.getByRole('listitem')).toHaveText(['Circuit “Friday back, changed”']);
  await expectNoAxeViolations(page);
});
