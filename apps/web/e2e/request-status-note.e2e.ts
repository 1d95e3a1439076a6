import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * The front desk takes the patient's call back about a request they started, now in another role's
 * hands: Request status says who is working on it, by name, and takes a note for them ("prefers
 * mornings") without the desk having a task in it. The note is marked for the next person unless
 * unticked, and whoever holds the request sees it highlighted at the top of their task.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

type Started = { instance: { active: Array<{ step: string; taskId: string }> } };

describe('Request status', () => {
  it('says who has the request and takes a note from its starter for them', async () => {
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await desk<Started>('POST', '/requests', {
      definitionId: 'prescription-refill',
      data: { patient: 'DEMO-8641', medication: 'amlodipine 5 mg', pharmacy: 'Main St' },
    });
    expect(started.status).toBe(201);
    // The request is in the refill coordinator's pool; she takes it.
    const taskId = started.body.instance.active[0]!.taskId;
    const coordinator = await apiSession(server.url, 'refill-coordinator', PASSWORD);
    expect((await coordinator('POST', `/tasks/${encodeURIComponent(taskId)}/claim`, {})).status).toBe(200);

    const b = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('request-status').click();
      // The example New request and every other screen give for a chart number.
      expect(await page.getByRole('dialog', { name: 'Request status' }).textContent()).toContain(
        "As on the caller's chart, e.g. DEMO-5001",
      );
      await page.getByTestId('request-status-patient').fill('DEMO-8641');
      await page.getByTestId('request-status-submit').click();
      const row = page.getByTestId('request-status-row').first();
      await row.waitFor();
      expect(await row.getByTestId('request-status-waiting').textContent()).toContain(
        'Hannah Lee is working on it',
      );

      await row.getByTestId('request-status-add-note').click();
      const box = row.getByTestId('note-box');
      // Opened ready to type in.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('task-note');
      await page.keyboard.type('Patient called back: prefers mornings.');
      expect(await box.getByTestId('task-note-for-next').isChecked()).toBe(true);
      await look(page, 'request-status-note-box');
      await box.getByTestId('task-note-save').click();
      await expect
        .poll(() => row.getByTestId('request-status-note-saved').textContent())
        .toBe('Saved: whoever has the request now sees it highlighted.');
      expect(await box.getByTestId('task-note').inputValue()).toBe('');
      await look(page, 'request-status-note-saved');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await b.close();
    }

    const m = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = m;
      await signIn(page, server.url, 'refill-coordinator', PASSWORD);
      await page.getByTestId('task-list').getByText('DEMO-8641').first().click();
      const forYou = page.getByTestId('notes-for-next-role');
      await forYou.waitFor();
      expect(await forYou.textContent()).toContain('Patient called back: prefers mornings.');
      expect(await forYou.textContent()).toContain('Dana Whitfield');
    } finally {
      await m.close();
    }
  });
});
