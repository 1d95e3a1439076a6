import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { headingOutline, outlineProblems } from './support/headings.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A screen-reader user moves through My work by its headings: "Pick a task to work on" (the task
 * panel with nothing open) and "How to do this step" (a step's help) were bold text, not headings,
 * so the heading list skipped them. The outline is in order: one h1, no level skipped.
 */

let server: TestServer;
let task: string;
beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const definition = {
    id: 'outline-check',
    title: 'Referral check',
    roles: [{ id: 'medical-assistant', name: 'Medical assistant', department: 'Clinical' }],
    start: 'check',
    steps: {
      check: {
        type: 'task',
        role: 'medical-assistant',
        title: 'Check the referral',
        help: 'Match the referral to the patient’s insurance before booking.',
        form: [{ id: 'ok', label: 'Referral on file', type: 'boolean' }],
        outcomes: { checked: 'done' },
      },
      done: { type: 'end', outcome: 'resolved' },
    },
  };
  expect((await lead('POST', '/definitions', { definition })).status).toBe(201);
  expect((await lead('POST', '/definitions/outline-check/publish', { revision: 1 })).status).toBe(200);
  const started = await lead<{ instance: { active: { taskId: string }[] } }>('POST', '/instances', {
    definitionId: 'outline-check',
    data: {},
  });
  expect(started.status).toBe(201);
  task = started.body.instance.active[0]!.taskId;
  const assistant = await apiSession(server.url, 'medical-assistant', PASSWORD);
  expect((await assistant('POST', `/tasks/${encodeURIComponent(task)}/claim`, {})).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe('My work’s headings', () => {
  it('nothing open: “Pick a task to work on” is a heading, the outline in order', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('task-panel-empty').waitFor();
      await look(page, 'heading-outline-nothing-open');
      const outline = await headingOutline(page);
      expect(outline.map((h) => h.text)).toContain('Pick a task to work on');
      expect(outlineProblems(outline)).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('a task open: “How to do this step” is a heading, the outline in order', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId(`task-row-${task}`).click();
      await page.getByTestId('step-help').waitFor();
      await look(page.getByTestId('step-help'), 'heading-outline-step-help');
      const outline = await headingOutline(page);
      expect(outline.map((h) => h.text)).toContain('How to do this step');
      expect(outlineProblems(outline)).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
