import type { Definition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { clearSelection } from './support/canvas.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { settled } from './support/settled.ts';

/**
 * A lead marks a start-form field as the patient's own words (`"from": "patient"`) in the editor: the
 * problems list then warns that the subject, shown in every list, would show those words, and the
 * warning goes once the subject names the request by a choice instead.
 */

let server: TestServer;
let lead: Awaited<ReturnType<typeof apiSession>>;
beforeAll(async () => {
  server = await startTestServer();
  lead = await apiSession(server.url, 'lead', PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

const MESSAGES: Definition = {
  id: 'message-intake',
  title: 'Message intake',
  roles: [{ id: 'medical-assistant', name: 'Medical assistant' }],
  start: 'sort',
  intake: {
    roles: ['medical-assistant'],
    form: [
      { id: 'patient', label: 'Patient reference', type: 'text', required: true },
      { id: 'subjectLine', label: 'Subject line', type: 'text' },
      { id: 'category', label: 'Portal category', type: 'select', options: ['test-results', 'billing'] },
    ],
  },
  subject: '{patient} · Message: {subjectLine}',
  steps: {
    sort: {
      type: 'task',
      role: 'medical-assistant',
      title: 'Sort the message',
      help: 'Pick what the patient is asking for.',
      outcomes: { sorted: 'done' },
    },
    done: { type: 'end', outcome: 'sorted' },
  },
};

const warnings = async (page: import('playwright-core').Page) =>
  Number.parseInt((await page.getByTestId('lint-count-warnings').textContent()) ?? 'NaN', 10);

describe('the patient’s own words in the editor', () => {
  it('a lead marks the subject line as the patient’s words; the subject may not show it, a choice it may', async () => {
    expect((await lead('POST', '/definitions', { definition: MESSAGES })).status).toBe(201);
    const b = await openBrowser({ width: 1440, height: 1000 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/message-intake`);
      await page.getByTestId('editor-canvas').waitFor();
      await clearSelection(page);
      const start = page.getByTestId('start-form-editor');
      await expect.poll(() => warnings(page)).toBe(0);

      // Only words can be someone's words: a choice has no such box.
      expect(await page.getByTestId('field-from-patient-2').count()).toBe(0);
      const words = page.getByTestId('field-from-patient-1');
      await words.check();
      await expect.poll(() => warnings(page)).toBe(1);
      await expect
        .poll(() => page.getByTestId('lint-finding').first().textContent())
        .toContain(
          'The subject shows “Subject line”, the patient’s own words, in every list, notification and toast colleagues see.',
        );
      expect(await seriousViolations(page)).toEqual([]);
      await settled(page);
      await look(start, 'editor-patient-words');

      const subject = page.getByTestId('start-form-subject');
      await subject.fill('{patient} · Message: {category}');
      await expect.poll(() => warnings(page)).toBe(0);

      await page.getByTestId('save-button').click();
      await page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });
      const saved = await lead<{ draft: { definition: Definition } | null }>(
        'GET',
        '/definitions/message-intake',
      );
      expect(saved.body.draft?.definition.intake?.form?.[1]).toEqual({
        id: 'subjectLine',
        label: 'Subject line',
        type: 'text',
        from: 'patient',
      });
      expect(saved.body.draft?.definition.subject).toBe('{patient} · Message: {category}');
    } finally {
      await b.close();
    }
  });
});
