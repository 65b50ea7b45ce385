// The editor as a person uses it: build, check, save, reload, run; refuse what is invalid; copy a
// preset; reorder and remove steps.
import { expect, test } from '@playwright/test';
import {
  buildCircuit,
  circuitCard,
  expectPart,
  fillStep,
  holdClock,
  openLibrary,
  runTimer,
  saveCircuit,
  secondsField,
  stat,
  stepEditor,
  yourCircuits,
} from './flows';

test('builds a circuit in the editor, saves it, and runs it to the finish', async ({ page }) => {
  await page.clock.install();
  await buildCircuit(page, {
    name: 'Desk break',
    prep: 0,
    warmUp: 0,
    rounds: 2,
    roundRest: 0,
    steps: [
      { exercise: 'Band pull-apart', work: 3, rest: 2 },
      { custom: 'Wall sit', work: 2, rest: 1 },
    ],
  });
  // Round 1: 3 + 2 + 2 + 1 (no round rest set: the last step's rest); round 2: 3 + 2 + 2.
  await expect(page.getByText('Total 0:15')).toBeVisible();
  await saveCircuit(page, 'Desk break');
  await expect(circuitCard(page, 'Desk break')).toContainText('Band pull-apart → Wall sit');

  await page.reload();
  await expect(circuitCard(page, 'Desk break')).toBeVisible();

  await page.getByRole('link', { name: 'Run Desk break' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Desk break' })).toBeVisible();
  await holdClock(page);
  await page.getByRole('button', { name: 'Start' }).click();

  await page.clock.runFor(500);
  await expectPart(page, { phase: 'Work', timer: '0:03', label: 'Band pull-apart', round: '1/2' });
  await page.clock.runFor(3000);
  await expectPart(page, { phase: 'Rest', timer: '0:02' });
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('Wall sit');
  await page.clock.runFor(2000);
  await expectPart(page, { phase: 'Work', timer: '0:02', label: 'Wall sit', round: '1/2' });
  await page.clock.runFor(2000);
  await expectPart(page, { phase: 'Rest', timer: '0:01', round: '1/2' });
  await page.clock.runFor(1000);
  await expectPart(page, { phase: 'Work', timer: '0:03', label: 'Band pull-apart', round: '2/2' });
  await page.clock.runFor(5000);
  await expectPart(page, { phase: 'Work', timer: '0:02', label: 'Wall sit', round: '2/2' });
  await page.clock.runFor(2000);

  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible();
  await expect(stat(page, 'Time')).toHaveText('0:15');
  await expect(stat(page, 'Exercises done')).toHaveText('4 of 4');
  await expect(page.getByRole('list', { name: 'Rounds' })).toHaveText('Block 1: 2 of 2 rounds');
  await expect(runTimer(page)).toBeHidden();
});

test('invalid input shows the message beside the field and saves nothing', async ({ page }) => {
  await openLibrary(page);
  await page.getByRole('link', { name: 'New circuit' }).click();
  await page.getByLabel('Rounds', { exact: true }).fill('100');
  await fillStep(page, 1, { work: 0, rest: -1 });
  await page.getByRole('button', { name: 'Save circuit' }).click();

  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Not saved: 4 fields need fixing.');
  const expected = [
    [page.getByLabel('Name', { exact: true }), 'Circuit name is empty: give it a name.'],
    [page.getByLabel('Rounds', { exact: true }), 'Rounds must be between 1 and 99 (you entered 100).'],
    [secondsField(stepEditor(page, 1), 'Work'), 'Work time must be between 1 s and 2 h (you entered 0 s).'],
    [secondsField(stepEditor(page, 1), 'Rest after'), 'Rest must be between 0 s and 2 h (you entered -1 s).'],
  ] as const;
  for (const [field, message] of expected) {
    await expect(summary.getByRole('link', { name: message })).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(message);
  }
  await expect(page.getByText('Total: fix the fields marked above to see it')).toBeVisible();

  // A link in the summary takes the person to the field that needs fixing.
  await summary.getByRole('link', { name: 'Rounds must be between 1 and 99 (you entered 100).' }).click();
  await expect(page.getByLabel('Rounds', { exact: true })).toBeFocused();
  // Every link lands on the invalid field it names, described by that same message.
  const links = summary.getByRole('link');
  const count = await links.count();
  expect(count).toBe(expected.length);
  for (let i = 0; i < count; i++) {
    const message = (await links.nth(i).textContent())!.trim();
    await links.nth(i).click();
    const focused = page.locator(':focus');
    await expect(focused).toHaveAttribute('aria-invalid', 'true');
    await expect(focused).toHaveAccessibleDescription(message);
  }

  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(yourCircuits(page)).toContainText('None yet.');
  await page.reload();
  await expect(yourCircuits(page)).toContainText('None yet.');
  await expect(yourCircuits(page).getByRole('listitem')).toHaveCount(0);
});

test('an invalid edit of a saved circuit leaves the saved one unchanged', async ({ page }) => {
  await buildCircuit(page, {
    name: 'Morning rows',
    prep: 0,
    rounds: 2,
    roundRest: 0,
    steps: [{ exercise: 'Seated cable row', work: 30, rest: 10 }],
  });
  // 30 + 10 + 30: the last round has no rest after it.
  await expect(page.getByText('Total 1:10')).toBeVisible();
  await saveCircuit(page, 'Morning rows');

  await page.getByRole('link', { name: 'Edit Morning rows' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit circuit' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('');
  await fillStep(page, 1, { work: 0 });
  await page.getByRole('button', { name: 'Save circuit' }).click();
  await expect(page.getByRole('alert')).toContainText('Not saved: 2 fields need fixing.');

  await page.goto('/#/');
  await page.reload();
  const card = circuitCard(page, 'Morning rows');
  await expect(card).toBeVisible();
  await expect(card).toContainText('1:10');
  await expect(yourCircuits(page).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('link', { name: 'Edit Morning rows' }).click();
  await expect(secondsField(stepEditor(page, 1), 'Work')).toHaveValue('30');
});

test('a name of 81 characters is refused; 80 is accepted', async ({ page }) => {
  const long = 'A'.repeat(81);
  const fits = 'B'.repeat(80);
  await buildCircuit(page, { name: long, steps: [{ exercise: 'Plank' }] });
  await page.getByRole('button', { name: 'Save circuit' }).click();
  const name = page.getByLabel('Name', { exact: true });
  const message = 'Circuit name is 81 characters long: keep it to 80.';
  await expect(page.getByRole('alert')).toContainText('Not saved: one field needs fixing.');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(message);
  await expect(page.getByRole('heading', { level: 1, name: 'New circuit' })).toBeVisible();

  await name.fill(fits);
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await saveCircuit(page, fits);
  await expect(yourCircuits(page).getByRole('listitem')).toHaveCount(1);
});

test('ratio entry splits the interval: 2:1 of 60 s gives 40 s work and 20 s rest', async ({ page }) => {
  await buildCircuit(page, { name: 'Paced', prep: 0, rounds: 1, steps: [{ exercise: 'Plank', work: 30, rest: 30 }] });
  await page.getByRole('radio', { name: 'Ratio of an interval' }).check();
  await expect(page.getByLabel('Work : rest')).toHaveValue('2:1');
  await expect(secondsField(page, 'Interval')).toHaveValue('60');
  await expect(page.getByText('40 s work / 20 s rest for every timed step')).toBeVisible();
  const work = secondsField(stepEditor(page, 1), 'Work');
  const rest = secondsField(stepEditor(page, 1), 'Rest after');
  await expect(work).toHaveValue('40');
  await expect(work).toBeDisabled();
  await expect(rest).toHaveValue('20');
  await expect(rest).toBeDisabled();
  // One round of one step: the rest after the last step is not run.
  await expect(page.getByText('Total 0:40')).toBeVisible();

  await page.getByLabel('Work : rest').selectOption('1:2');
  await expect(page.getByText('20 s work / 40 s rest for every timed step')).toBeVisible();
  await expect(work).toHaveValue('20');

  // Back to seconds per step: the step keeps the times the ratio gave it, and can be edited again.
  await page.getByRole('radio', { name: 'Seconds per step' }).check();
  await expect(work).toBeEnabled();
  await expect(work).toHaveValue('20');
  await expect(rest).toHaveValue('40');
});

test('copying a preset makes an editable circuit of your own and leaves the preset as it was', async ({ page }) => {
  await openLibrary(page);
  await page.getByRole('link', { name: 'Copy and edit Tabata — Beginner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New circuit' })).toBeVisible();
  const name = page.getByLabel('Name', { exact: true });
  await expect(name).toHaveValue('Tabata — Beginner (copy)');
  // 10 s get ready + 3 min warm-up + 8 × 20 s work with 7 × 10 s rest + 2 min cool-down.
  await expect(page.getByText('Total 9:00')).toBeVisible();

  await name.fill('My Tabata');
  await page.getByLabel('Rounds', { exact: true }).fill('4');
  await expect(page.getByText('Total 7:00')).toBeVisible();
  await saveCircuit(page, 'My Tabata');
  await expect(circuitCard(page, 'My Tabata')).toContainText('7:00');
  await expect(circuitCard(page, 'My Tabata')).toContainText('4 rounds');

  const presets = page.getByRole('region', { name: 'Presets' });
  await expect(presets.getByRole('link', { name: 'Run Tabata — Beginner' })).toBeVisible();
  await presets.getByRole('link', { name: 'Run Tabata — Beginner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tabata — Beginner' })).toBeVisible();
  await expect(page.getByText('Total 9:00')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Tabata 1' })).toContainText('8 × Mountain climber');
});

test('moving and removing steps changes the saved circuit’s exercise order', async ({ page }) => {
  await buildCircuit(page, {
    name: 'Reordered',
    steps: [
      { exercise: 'Band pull-apart' },
      { exercise: 'Superman hold' },
      { exercise: 'Plank' },
      { exercise: 'Glute bridge' },
    ],
  });
  await page.getByRole('button', { name: 'Move step 3 of block 1 up' }).click();
  await expect(stepEditor(page, 2).getByLabel('Exercise', { exact: true })).toHaveValue('plank');
  await expect(stepEditor(page, 3).getByLabel('Exercise', { exact: true })).toHaveValue('superman-hold');
  await page.getByRole('button', { name: 'Move step 1 of block 1 down' }).click();
  await page.getByRole('button', { name: 'Remove step 4 of block 1' }).click();
  await expect(page.getByRole('heading', { name: 'Step 4', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Move step 1 of block 1 up' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Move step 3 of block 1 down' })).toBeDisabled();

  await saveCircuit(page, 'Reordered');
  await expect(circuitCard(page, 'Reordered')).toContainText('Plank → Band pull-apart → Superman hold');
  await expect(circuitCard(page, 'Reordered')).not.toContainText('Glute bridge');

  await page.reload();
  await page.getByRole('link', { name: 'Edit Reordered' }).click();
  const picked = ['Plank', 'Band pull-apart', 'Superman hold'];
  for (const [i, exercise] of picked.entries()) {
    await expect(
      stepEditor(page, i + 1)
        .getByLabel('Exercise', { exact: true })
        .locator('option:checked'),
    ).toHaveText(exercise);
  }
});

test('time fields are named with their unit: "Work (s)", not "Work(s)"', async ({ page }) => {
  await openLibrary(page);
  await page.getByRole('link', { name: 'New circuit' }).click();
  for (const name of [
    'Get-ready countdown (s)',
    'Warm-up (s)',
    'Cool-down (s)',
    'Switch-sides pause (s)',
    'Rest between rounds (s)',
    'Work (s)',
    'Rest after (s)',
  ]) {
    await expect(page.getByRole('spinbutton', { name, exact: true })).toBeVisible();
  }
});

test('deleting a circuit asks first, and only then removes it', async ({ page }) => {
  await buildCircuit(page, { name: 'Short lived', steps: [{ exercise: 'Plank' }] });
  await saveCircuit(page, 'Short lived');
  const questions: string[] = [];
  page.on('dialog', (dialog) => {
    questions.push(dialog.message());
    // The first time the person changes their mind; the second time they mean it.
    void (questions.length === 1 ? dialog.dismiss() : dialog.accept());
  });

  await page.getByRole('button', { name: 'Delete Short lived' }).click();
  await expect.poll(() => questions).toEqual(['Delete “Short lived”? This cannot be undone.']);
  await expect(circuitCard(page, 'Short lived')).toBeVisible();

  await page.getByRole('button', { name: 'Delete Short lived' }).click();
  await expect(circuitCard(page, 'Short lived')).toHaveCount(0);
  expect(questions).toHaveLength(2);
  await expect(page.getByRole('status')).toHaveText('Deleted “Short lived”.');
  await page.reload();
  await expect(yourCircuits(page)).toContainText('None yet.');
});

test('a block run as stations: 3 stations with one work and rest, saved and ready to run', async ({ page }) => {
  await buildCircuit(page, {
    name: 'Station rotation',
    prep: 0,
    rounds: 2,
    roundRest: 0,
    steps: [{ exercise: 'Barbell bent-over row', work: 30, rest: 15 }],
  });
  const stations = page.getByRole('checkbox', {
    name: 'Run as stations (everyone works at once and moves one station on at each rest)',
  });
  await stations.check();
  // One station is not a rotation: the message says so beside the box at once.
  const needsTwo = 'A station block needs at least 2 stations: add a step, or untick “Run as stations”.';
  await expect(stations).toHaveAttribute('aria-invalid', 'true');
  await expect(stations).toHaveAccessibleDescription(needsTwo);

  // New stations take the last one's timing; the list reads as stations.
  const station = (n: number) =>
    page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Station ${n}`, exact: true }) });
  await page.getByRole('button', { name: 'Add station to block 1' }).click();
  await page.getByRole('button', { name: 'Add station to block 1' }).click();
  await station(2).getByLabel('Exercise', { exact: true }).selectOption({ label: 'Cable face pull' });
  await station(3).getByLabel('Exercise', { exact: true }).selectOption({ label: 'Bird-dog (each side)' });
  await expect(stations).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: 'Step 1', exact: true })).toHaveCount(0);

  // Everyone works at once: a station with its own rest is refused until it matches.
  await secondsField(station(3), 'Rest after').fill('20');
  await expect(stations).toHaveAccessibleDescription(/^Stations all work at once/);
  await secondsField(station(3), 'Rest after').fill('15');
  await expect(stations).not.toHaveAttribute('aria-invalid', 'true');
  // 3 stations × 2 rounds of 30 s, with a 15 s rotation between each: 6 × 30 + 5 × 15 s.
  await expect(page.getByText('Total 4:15')).toBeVisible();

  await saveCircuit(page, 'Station rotation');
  await expect(circuitCard(page, 'Station rotation')).toContainText(
    'Barbell bent-over row → Cable face pull → Bird-dog',
  );
  await page.getByRole('link', { name: 'Run Station rotation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Station rotation' })).toBeVisible();
  await expect(page.getByText('Total 4:15')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Block 1' })).toContainText(
    '2 × Barbell bent-over row → Cable face pull → Bird-dog',
  );

  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByRole('link', { name: 'Edit Station rotation' }).click();
  await expect(stations).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Stations', exact: true })).toBeVisible();
});
