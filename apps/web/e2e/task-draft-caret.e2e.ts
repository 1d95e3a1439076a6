import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { heldLabResult } from './support/held-task.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * While the person types in the note box, a newer draft saved elsewhere (another tab, another
 * computer) is taken in: the answers are brought together, and the cursor stays where it was — in the
 * same box, at the same place — so the typing goes on where it was going.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1366, height: 900 };

describe('a newer draft taken in while typing', () => {
  it('keeps focus and the caret in the field being typed in', async () => {
    const { assistant, taskId, path } = await heldLabResult(server.url, {
      patient: 'DEMO-5644',
      test: 'TSH',
    });
    const a = await openBrowser(WIDE);
    try {
      const page = a.page;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId(`task-row-${taskId}`).click();
      await page.getByTestId('task-form').waitFor();
      const note = page.getByTestId('task-note');
      await note.click();
      await page.keyboard.type('Lab called back');
      await expect
        .poll(() => page.getByTestId('draft-status').textContent(), { timeout: 15_000 })
        .toMatch(/^Draft saved/);
      // Meanwhile another computer saves an answer over the same draft.
      const now = await assistant<{ draft: { revision: number } }>('GET', `${path}/draft`);
      const other = await assistant('PUT', `${path}/draft`, {
        baseRevision: now.body.draft.revision,
        values: { flag: 'abnormal' },
        note: 'Lab called back',
      });
      expect(other.status).toBe(200);

      // Typing goes on in the middle of the note: "Lab called back" → "Lab called (twice) back".
      for (let i = 0; i < ' back'.length; i++) await page.keyboard.press('ArrowLeft');
      await page.keyboard.type(' (twice)');
      await page.getByTestId('draft-newer').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('task-form').getByTestId('form-field-flag').inputValue()).toBe(
        'Abnormal',
      );

      const focus = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLTextAreaElement | null;
          return { testId: el?.getAttribute('data-testid'), at: el?.selectionStart, value: el?.value };
        });
      expect(await focus()).toEqual({
        testId: 'task-note',
        at: 'Lab called (twice)'.length,
        value: 'Lab called (twice) back',
      });
      // The next key lands where the caret was.
      await page.keyboard.type('!');
      expect(await note.inputValue()).toBe('Lab called (twice)! back');
    } finally {
      await a.close();
    }
  }, 120_000);
});
