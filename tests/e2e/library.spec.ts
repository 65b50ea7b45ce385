// The library with stored data this version cannot read: a clear note, nothing else harmed, and
// the person decides when to delete it.
import { expect, test } from '@playwright/test';
import { buildCircuit, circuitCard, expectNoAxeViolations, openLibrary, saveCircuit } from './flows';

test('an unreadable stored circuit is named and explained, the rest still work, and it can be deleted', async ({
  page,
}) => {
  await openLibrary(page);
  await buildCircuit(page, { name: 'Good one', steps: [{ exercise: 'Band pull-apart', work: 20, rest: 10 }] });
  await saveCircuit(page, 'Good one');
  // Data as an older or broken version might have left it, written straight into IndexedDB.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('circuits', 'readwrite');
          tx.objectStore('circuits').put({ id: 'old-1', schemaVersion: 1, name: 'Old Friday', blocks: 'not a list' });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();

  const note = page.getByRole('note');
  await expect(note).toContainText("One saved circuit can't be opened by this version.");
  await expect(note).toContainText('“Old Friday”: The circuit data is damaged');
  await expect(circuitCard(page, 'Good one')).toBeVisible();
  await expectNoAxeViolations(page);

  page.once('dialog', (dialog) => dialog.accept());
  await note.getByRole('button', { name: 'Delete unreadable circuit Old Friday' }).click();
  await expect(page.getByRole('note')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('note')).toHaveCount(0);
  await expect(circuitCard(page, 'Good one')).toBeVisible();
});
