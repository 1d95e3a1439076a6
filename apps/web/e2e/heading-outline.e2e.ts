import type { Page } from 'playwright-core';
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

/**
 * An empty list says why in its title ("No tasks match these filters"): a screen-reader user moving by
 * heading reaches it as a heading one level below the list's own, and the outline stays in order.
 */
async function emptyTitleIsAHeading(page: Page, empty: string, title: string | RegExp) {
  await page.getByTestId(empty).waitFor();
  const heading = page.getByTestId(empty).getByRole('heading', { name: title });
  expect(await heading.count()).toBe(1);
  const outline = await headingOutline(page);
  const text = (await heading.textContent())?.trim();
  expect(outline.map((h) => h.text)).toContain(text);
  expect(outlineProblems(outline)).toEqual([]);
}

describe('empty states’ titles are headings', () => {
  it('Team: no task matches the filters', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/team`);
      await page.getByTestId('team-page').waitFor();
      // The check's one task is claimed: none of it waits unassigned.
      await page.getByTestId('team-filter-workflow').click();
      await page.getByRole('option', { name: 'Referral check' }).click();
      await page.getByTestId('team-filter-assignee').click();
      await page.getByRole('option', { name: 'Unassigned (in a pool)' }).click();
      await look(page, 'heading-outline-team-empty');
      await emptyTitleIsAHeading(page, 'team-empty', 'No tasks match these filters');
    } finally {
      await b.close();
    }
  });

  it('My work: a folder with nothing in it', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      // Nothing of the demo's is overdue for the assistant.
      await page.getByTestId('work-folder-overdue').click();
      await look(page, 'heading-outline-overdue-empty');
      await emptyTitleIsAHeading(page, 'work-empty', 'Nothing overdue');
    } finally {
      await b.close();
    }
  });

  it('My work for someone who holds no clinic role', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/work`);
      await emptyTitleIsAHeading(page, 'no-clinic-role', 'My work is for clinic staff');
    } finally {
      await b.close();
    }
  });

  it('Help & FAQ: a search that finds nothing', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.goto(`${server.url}/faq`);
      await page.getByTestId('faq-search').fill('zqxwv');
      await look(page, 'heading-outline-faq-empty');
      await emptyTitleIsAHeading(page, 'faq-empty', 'No answers for “zqxwv”');
    } finally {
      await b.close();
    }
  });
});
