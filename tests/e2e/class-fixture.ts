// A class circuit and a phone of its own, for the class-link specs.
import type { Browser, Page } from '@playwright/test';
import type { Circuit } from '../../src/engine/model';

function exercise(name: string) {
  return { id: null, name, perSide: false, tips: [] };
}

/** 4 s / 2 s of rows and face pulls, two rounds: 22 s of changes every second and every part. */
export const CLASS: Circuit = {
  schemaVersion: 1,
  id: 'class-circuit',
  name: 'Thursday back class',
  description: '',
  prepSeconds: 3,
  warmUpSeconds: 0,
  coolDownSeconds: 0,
  switchSidesSeconds: 0,
  blocks: [
    {
      id: 'b1',
      name: 'Main',
      rounds: 2,
      restBetweenRoundsSeconds: 0,
      restAfterSeconds: 0,
      pace: null,
      steps: [
        { id: 's1', exercise: exercise('Rows'), mode: 'time', workSeconds: 4, reps: null, restSeconds: 2 },
        { id: 's2', exercise: exercise('Face pulls'), mode: 'time', workSeconds: 4, reps: null, restSeconds: 2 },
      ],
    },
  ],
};

/** A phone of its own: a fresh browser profile, opened on the link. */
export async function phone(browser: Browser, baseURL: string, link: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(link);
  return page;
}
