// The run screen as a person uses it: the whole workout on a fake clock, and every control (pause,
// skip, back, +10 s, done, end) by button and by key, with what a screen reader hears.
import { expect, test } from '@playwright/test';
import { buildCircuit, expectPart, holdClock, runTimer, saveCircuit, startPreset, stat, timerFace } from './flows';

test('runs a preset from start to finish', async ({ page }) => {
  await startPreset(page, 'metabolic-back-beginner');
  // Started on a held clock: half a second in, away from any second's edge.
  await page.clock.runFor(500);
  await expectPart(page, { phase: 'Get ready', timer: '0:10' });
  await page.clock.fastForward(10_000);
  await expectPart(page, { phase: 'Warm-up', timer: '3:00' });

  await page.clock.fastForward(180_000);
  await expectPart(page, { phase: 'Work', timer: '0:20', label: 'Barbell bent-over row', round: '1/3' });
  await page.clock.runFor(5_000);
  await expect(runTimer(page)).toHaveText('0:15');
  await page.clock.fastForward(15_000);
  await expectPart(page, { phase: 'Rest', timer: '0:20', round: '1/3' });
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('Next up Cable face pull');
  await page.clock.fastForward(20_000);
  await expectPart(page, { phase: 'Work', timer: '0:20', label: 'Cable face pull', round: '1/3' });
  await page.clock.fastForward(40_000);
  // Bird-dog is done one side at a time: half the work each side, with a pause to switch.
  await expectPart(page, { phase: 'Work', timer: '0:10', label: 'Bird-dog — left side', round: '1/3' });
  await page.clock.fastForward(10_000);
  await expectPart(page, { phase: 'Switch sides', timer: '0:05' });
  await page.clock.fastForward(5_000);
  await expectPart(page, { phase: 'Work', timer: '0:10', label: 'Bird-dog — right side' });
  await page.clock.fastForward(10_000);
  await expectPart(page, { phase: 'Rest', timer: '1:00', label: 'Round rest', round: '1/3' });
  await page.clock.fastForward(60_000);
  await expectPart(page, { phase: 'Work', timer: '0:20', label: 'Barbell bent-over row', round: '2/3' });

  // Round 2 and round 3 (105 s each) with one round rest (60 s) between them.
  await page.clock.fastForward(270_000);
  await expectPart(page, { phase: 'Cool-down', timer: '2:00' });
  await expect(timerFace(page)).not.toContainText('Round');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('Last part');

  await page.clock.fastForward(120_000);
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible();
  await expect(page.getByText('Metabolic back circuit — Beginner')).toBeVisible();
  await expect(stat(page, 'Time')).toHaveText('12:25');
  await expect(stat(page, 'Work')).toHaveText('3:00');
  // Both sides of the per-side bird-dog make one exercise: 3 per round × 3 rounds.
  await expect(stat(page, 'Exercises done')).toHaveText('9 of 9');
  await expect(page.getByRole('term').filter({ hasText: 'Skipped' })).toHaveCount(0);
  await expect(
    page.getByRole('list', { name: 'Rounds' }).getByRole('listitem').filter({ hasText: 'Rows, face pulls, bird-dogs' }),
  ).toHaveText('Rows, face pulls, bird-dogs: 3 of 3 rounds');
  await expect(page.getByRole('link', { name: 'Run it again' })).toHaveAttribute(
    'href',
    '#/run/metabolic-back-beginner',
  );
  await page.getByRole('link', { name: 'Back to circuits' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();
});

test('pause stops the timer and resume continues from the same second', async ({ page }) => {
  await startPreset(page, 'tabata-beginner');
  await page.clock.runFor(3_500);
  await expectPart(page, { phase: 'Get ready', timer: '0:07' });

  await page.getByRole('button', { name: 'Pause' }).click();
  await expectPart(page, { phase: 'Paused', timer: '0:07' });
  await expect(page.getByRole('status')).toHaveText('Paused. 7 seconds left in Get ready.');
  await page.clock.runFor(30_000);
  await expectPart(page, { phase: 'Paused', timer: '0:07' });

  await page.getByRole('button', { name: 'Resume' }).click();
  await expectPart(page, { phase: 'Get ready', timer: '0:07' });
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.clock.runFor(1_000);
  await expect(runTimer(page)).toHaveText('0:06');
  await page.clock.runFor(6_000);
  await expectPart(page, { phase: 'Warm-up', timer: '3:00' });
});

test('skip moves to the next part, back returns to it', async ({ page }) => {
  await startPreset(page, 'tabata-beginner');
  await page.clock.runFor(500);
  await expectPart(page, { phase: 'Get ready', timer: '0:10' });

  await page.getByRole('button', { name: 'Skip' }).click();
  await expectPart(page, { phase: 'Warm-up', timer: '3:00' });
  await page.getByRole('button', { name: 'Skip' }).click();
  await expectPart(page, { phase: 'Work', timer: '0:20', label: 'Mountain climber', round: '1/8' });
  // Within 3 s of a part's start, Back goes to the part before, from its beginning.
  await page.getByRole('button', { name: 'Back' }).click();
  await expectPart(page, { phase: 'Warm-up', timer: '3:00' });
  // Later than that, Back starts the current part again.
  await page.clock.runFor(4_500);
  await expect(runTimer(page)).toHaveText('2:56');
  await page.getByRole('button', { name: 'Back' }).click();
  await expectPart(page, { phase: 'Warm-up', timer: '3:00' });

  // The same by keyboard (or a presentation clicker).
  await page.keyboard.press('ArrowRight');
  await expectPart(page, { phase: 'Work', timer: '0:20', round: '1/8' });
  await page.keyboard.press('PageDown');
  await expectPart(page, { phase: 'Rest', timer: '0:10', round: '1/8' });
  await page.keyboard.press('ArrowLeft');
  await expectPart(page, { phase: 'Work', timer: '0:20', round: '1/8' });
  await page.keyboard.press('PageUp');
  await expectPart(page, { phase: 'Warm-up', timer: '3:00' });

  await page.keyboard.press('Space');
  await expectPart(page, { phase: 'Paused', timer: '3:00' });
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.keyboard.press('Space');
  await expectPart(page, { phase: 'Warm-up', timer: '3:00' });
  await page.clock.runFor(1_500);
  await expect(runTimer(page)).toHaveText('2:59');
});

test('+10 s adds ten seconds to the current part', async ({ page }) => {
  await startPreset(page, 'tabata-beginner');
  await page.clock.runFor(2_500);
  await expectPart(page, { phase: 'Get ready', timer: '0:08' });
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('Left in workout 8:58');

  await page.getByRole('button', { name: 'Add 10 seconds' }).click();
  await expectPart(page, { phase: 'Get ready', timer: '0:18' });
  await expect(details).toContainText('Left in workout 9:08');
  await page.clock.runFor(17_000);
  await expectPart(page, { phase: 'Get ready', timer: '0:01' });
  await page.clock.runFor(1_000);
  await expectPart(page, { phase: 'Warm-up', timer: '3:00' });
});

test('a tap-when-done step counts up until Done is pressed', async ({ page }) => {
  await page.clock.install();
  await buildCircuit(page, {
    name: 'Push-ups to done',
    prep: 0,
    rounds: 1,
    steps: [
      { exercise: 'Scapular push-up', ends: 'tap', reps: 12, rest: 5 },
      { exercise: 'Plank', ends: 'time', work: 10 },
    ],
  });
  await expect(page.getByText('Total 0:15 + 1 tap-when-done part')).toBeVisible();
  await saveCircuit(page, 'Push-ups to done');
  await page.getByRole('link', { name: 'Run Push-ups to done' }).click();
  await expect(page.getByText('Total 0:15 + 1 tap-when-done part')).toBeVisible();
  await holdClock(page);
  await page.getByRole('button', { name: 'Start' }).click();

  const elapsed = runTimer(page, 'Time elapsed');
  await expect(elapsed).toHaveText('0:00');
  await expectPart(page, { phase: 'Work', label: 'Scapular push-up' });
  await expect(timerFace(page)).toContainText('12 reps');
  await expect(page.getByRole('button', { name: 'Add 10 seconds' })).toBeDisabled();
  await page.clock.runFor(1_500);
  await expect(elapsed).toHaveText('0:01');
  await page.clock.runFor(60_000);
  await expect(elapsed).toHaveText('1:01');
  await expectPart(page, { phase: 'Work', label: 'Scapular push-up' });

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(elapsed).toBeHidden();
  await expectPart(page, { phase: 'Rest', timer: '0:05' });
  await expect(page.getByRole('button', { name: 'Done' })).toBeHidden();
  await page.clock.runFor(5_500);
  await expectPart(page, { phase: 'Work', timer: '0:10', label: 'Plank' });
  await page.clock.runFor(10_000);
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible();
  await expect(stat(page, 'Exercises done')).toHaveText('2 of 2');
});

test('the live region announces each phase', async ({ page }) => {
  await startPreset(page, 'metabolic-back-beginner');
  const status = page.getByRole('status');
  await expect(status).toHaveText('Get ready. 10 seconds. Next: Barbell bent-over row.');
  await page.clock.fastForward(10_500);
  await expect(status).toHaveText('Warm-up. 3 minutes. Next: Barbell bent-over row.');
  await page.clock.fastForward(180_000);
  await expect(status).toHaveText('Work: Barbell bent-over row. 20 seconds. Round 1 of 3.');
  await page.clock.fastForward(20_000);
  await expect(status).toHaveText('Rest. 20 seconds. Next: Cable face pull. Round 1 of 3.');
  await page.getByRole('button', { name: 'Skip' }).click();
  await expect(status).toHaveText('Work: Cable face pull. 20 seconds. Round 1 of 3.');
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await expect(status).toHaveText('Work: Bird-dog — left side. 10 seconds. Round 1 of 3.');
  await page.getByRole('button', { name: 'Skip' }).click();
  await expect(status).toHaveText('Switch sides. 5 seconds. Next: Bird-dog — right side. Round 1 of 3.');
  await page.clock.runFor(2_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveText('Paused. 3 seconds left in Switch sides.');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toHaveText('Switch sides. 5 seconds. Next: Bird-dog — right side. Round 1 of 3.');
  // The region changes once per part, not every second.
  await page.clock.runFor(1_000);
  await expect(status).toHaveText('Switch sides. 5 seconds. Next: Bird-dog — right side. Round 1 of 3.');
  await page.clock.runFor(2_500);
  await expect(status).toHaveText('Work: Bird-dog — right side. 10 seconds. Round 1 of 3.');
});

test('End workout asks first, then shows what was done', async ({ page }) => {
  await startPreset(page, 'tabata-beginner');
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.clock.runFor(20_500);
  await expectPart(page, { phase: 'Rest', timer: '0:10', round: '1/8' });

  await page.getByRole('button', { name: 'End workout' }).click();
  const dialog = page.getByRole('dialog', { name: 'End this workout?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep going' }).click();
  await expect(dialog).toBeHidden();
  await page.clock.runFor(1_000);
  await expectPart(page, { phase: 'Rest', timer: '0:09', round: '1/8' });

  await page.getByRole('button', { name: 'End workout' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'End workout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout ended early' })).toBeVisible();
  await expect(stat(page, 'Work')).toHaveText('0:20');
  await expect(stat(page, 'Exercises done')).toHaveText('1 of 8');
  await expect(
    page.getByRole('list', { name: 'Rounds' }).getByRole('listitem').filter({ hasText: 'Tabata 1' }),
  ).toHaveText('Tabata 1: Mountain climber: 1 of 8 rounds');
});

test('an unknown address shows "Page not found"', async ({ page }) => {
  await page.goto('/#/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to your circuits' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();
});

test('running a circuit that does not exist says it can’t start', async ({ page }) => {
  await page.goto('/#/run/no-such-circuit');
  await expect(page.getByRole('heading', { level: 1, name: "Can't start this workout" })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('There is no circuit at this address');
  await expect(page.getByRole('button', { name: 'Start' })).toHaveCount(0);
});
