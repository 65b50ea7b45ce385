// What a person does again and again in the end-to-end tests: open screens, build a circuit in the
// editor, start a workout on a paused fake clock and move that clock on.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export interface StepSpec {
  /** An exercise from the library, by the name shown in the picker ("Band pull-apart"). */
  exercise?: string;
  /** A custom exercise's name (picks "Custom exercise…"). */
  custom?: string;
  /** How the step ends: after its work time, or when Done is tapped ("Tap when done (reps)"). */
  ends?: 'time' | 'tap';
  reps?: number;
  work?: number;
  rest?: number;
}

export interface CircuitSpec {
  name: string;
  prep?: number;
  warmUp?: number;
  coolDown?: number;
  rounds?: number;
  roundRest?: number;
  steps: StepSpec[];
}

/**
 * A number field labelled with its unit in seconds, e.g. "Work (s)". Matches the label with or
 * without the space before "(s)", so that one test (editor.spec.ts) reports a missing space
 * instead of every test that fills a field failing on it.
 */
export function secondsField(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped} ?\\(s\\)$`));
}

export async function openLibrary(page: Page): Promise<void> {
  await page.goto('/#/');
  await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();
}

/** The "Your circuits" section of the library. */
export function yourCircuits(page: Page): Locator {
  return page.getByRole('region', { name: 'Your circuits' });
}

/** The card of one of the person's circuits in the library, found by its name. */
export function circuitCard(page: Page, name: string): Locator {
  return yourCircuits(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** Step `n` (1-based) of the first block in the editor. */
export function stepEditor(page: Page, n: number): Locator {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Step ${n}`, exact: true }) });
}

export async function fillStep(page: Page, n: number, spec: StepSpec): Promise<void> {
  const step = stepEditor(page, n);
  if (spec.custom !== undefined) {
    await step.getByLabel('Exercise', { exact: true }).selectOption({ label: 'Custom exercise…' });
    await step.getByLabel('Custom exercise name').fill(spec.custom);
  } else if (spec.exercise !== undefined) {
    await step.getByLabel('Exercise', { exact: true }).selectOption({ label: spec.exercise });
  }
  if (spec.ends !== undefined)
    await step
      .getByLabel('How it ends')
      .selectOption({ label: spec.ends === 'tap' ? 'Tap when done (reps)' : 'After a set time' });
  if (spec.reps !== undefined)
    await step.getByLabel(spec.ends === 'tap' ? 'Rep target' : 'Rep goal').fill(String(spec.reps));
  if (spec.work !== undefined) await secondsField(step, 'Work').fill(String(spec.work));
  if (spec.rest !== undefined) await secondsField(step, 'Rest after').fill(String(spec.rest));
}

/** Opens a new circuit from the library and fills it in, without saving. */
export async function buildCircuit(page: Page, spec: CircuitSpec): Promise<void> {
  await openLibrary(page);
  await page.getByRole('link', { name: 'New circuit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New circuit' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(spec.name);
  if (spec.prep !== undefined) await secondsField(page, 'Get-ready countdown').fill(String(spec.prep));
  if (spec.warmUp !== undefined) await secondsField(page, 'Warm-up').fill(String(spec.warmUp));
  if (spec.coolDown !== undefined) await secondsField(page, 'Cool-down').fill(String(spec.coolDown));
  if (spec.rounds !== undefined) await page.getByLabel('Rounds', { exact: true }).fill(String(spec.rounds));
  if (spec.roundRest !== undefined) await secondsField(page, 'Rest between rounds').fill(String(spec.roundRest));
  for (const [i, step] of spec.steps.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add step to block 1' }).click();
    await fillStep(page, i + 1, step);
  }
}

/** Saves the circuit in the editor and waits for the library to list it. */
export async function saveCircuit(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Save circuit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();
  await expect(circuitCard(page, name)).toBeVisible();
}

/**
 * Stops the page's fake clock (installed with `page.clock.install()` before the first visit), so
 * from here on time moves only when the test moves it.
 */
export async function holdClock(page: Page): Promise<void> {
  // pauseAt takes an instant still ahead of the page's clock: a page busy for over a second between the
  // reading and the pause (a run screen making its audio output at idle, under axe) has passed it. Read again.
  for (let tries = 1; ; tries++) {
    const now = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(now + 1000);
      return;
    } catch (err) {
      if (tries >= 3 || !/to the past/.test(String(err))) throw err;
    }
  }
}

/** Opens a circuit's run screen on a held fake clock, ready to start. */
export async function openRun(page: Page, id: string): Promise<void> {
  await page.clock.install();
  await page.goto(`/#/run/${encodeURIComponent(id)}`);
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await holdClock(page);
}

/** Opens a preset (or saved circuit) on a held fake clock and starts it. */
export async function startPreset(page: Page, id: string): Promise<void> {
  await openRun(page, id);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(runTimer(page)).toBeVisible();
}

/** The big timer: counting down, or up while a step waits for a tap. */
export function runTimer(page: Page, counting: 'Time remaining' | 'Time elapsed' = 'Time remaining'): Locator {
  return page.getByRole('timer', { name: counting });
}

/** The part of the run screen with the phase, round, timer and current exercise. */
export function timerFace(page: Page): Locator {
  return page.getByRole('region', { name: 'Timer' });
}

/** What is shown now: the phase word (as in the DOM, before CSS upper-cases it), and optionally more. */
export async function expectPart(
  page: Page,
  part: { phase: string; timer?: string; label?: string; round?: string },
): Promise<void> {
  const face = timerFace(page);
  await expect(face.getByText(part.phase, { exact: true })).toBeVisible();
  if (part.timer !== undefined) await expect(runTimer(page)).toHaveText(part.timer);
  if (part.label !== undefined) await expect(face).toContainText(part.label);
  if (part.round !== undefined) await expect(face).toContainText(`Round ${part.round}`);
}

/** The finish screen's value for one statistic ("Exercises done" → "12 of 12"). */
export function stat(page: Page, name: string): Locator {
  return page
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${name}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** Runs axe on the page as it is now; violations are listed by rule, help and element, to be readable. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(violations).toEqual([]);
}

/**
 * axe waits on timers of its own, which never fire on a held fake clock: let time flow while it
 * runs, then hold it again. Callers check the state before and after, so axe saw that state.
 */
export async function expectNoAxeViolationsWhileTimeFlows(page: Page): Promise<void> {
  await page.clock.resume();
  await expectNoAxeViolations(page);
  await holdClock(page);
}

/** What a window shows, recorded with its instant on the shared wall-clock scale at every change. */
export interface Shown {
  t: number;
  phase: string;
  timer: string;
}

/** Starts recording, in the page, the phase word and the time shown at each change of either. */
export async function recordShown(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __shown: { t: number; phase: string; timer: string }[] };
    w.__shown = [];
    const read = () => ({
      phase: document.querySelector('.badge')?.textContent?.trim() ?? '',
      timer: document.querySelector('[role="timer"]')?.textContent?.trim() ?? '',
    });
    let last = '';
    const note = () => {
      const now = read();
      const key = `${now.phase}|${now.timer}`;
      if (key === last) return;
      last = key;
      w.__shown.push({ t: performance.timeOrigin + performance.now(), ...now });
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
    // The instant of each click, as the page gets it (a test's own clock would add its waits).
    const clicks: number[] = [];
    (window as unknown as { __clicks: number[] }).__clicks = clicks;
    addEventListener('click', () => clicks.push(performance.timeOrigin + performance.now()), true);
  });
}

/** The instants the page got each click since `recordShown`. */
export const clicksIn = (page: Page): Promise<number[]> =>
  page.evaluate(() => (window as unknown as { __clicks: number[] }).__clicks);

export const shownIn = (page: Page): Promise<Shown[]> =>
  page.evaluate(() => (window as unknown as { __shown: { t: number; phase: string; timer: string }[] }).__shown);

/** For each change the presenter showed, the instant the display showed the same thing (ms later; < 0: earlier). */
export function lags(presenter: Shown[], display: Shown[]): { what: string; lag: number }[] {
  return presenter.slice(1).map((p) => {
    const match = display.find((d) => d.phase === p.phase && d.timer === p.timer && Math.abs(d.t - p.t) < 1000);
    return { what: `${p.phase} ${p.timer}`, lag: match ? match.t - p.t : Infinity };
  });
}

/** Stores `circuit` in the app's database with the raw IndexedDB API, as a saved circuit of the person's. */
export async function putCircuit(page: Page, circuit: object): Promise<void> {
  await page.evaluate(
    (circuit) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('circuits', 'readwrite');
          tx.objectStore('circuits').put(circuit);
          tx.oncomplete = () => (open.result.close(), resolve());
        };
      }),
    circuit,
  );
}

/** What the workout log holds, read with the raw IndexedDB API: sessions and their rounds. */
export function readLog<S = { id: string; status: string }, R = { sessionId: string; round: number }>(
  page: Page,
): Promise<{ sessions: S[]; rounds: R[] }> {
  return page.evaluate(
    () =>
      new Promise<{ sessions: S[]; rounds: R[] }>((resolve, reject) => {
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['sessions', 'rounds']);
          const sessions = tx.objectStore('sessions').getAll();
          const rounds = tx.objectStore('rounds').getAll();
          tx.oncomplete = () => {
            db.close();
            resolve({ sessions: sessions.result as S[], rounds: rounds.result as R[] });
          };
        };
      }),
  );
}
