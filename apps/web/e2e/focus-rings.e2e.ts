import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { type FocusRing, focusRing } from './support/contrast.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Where the keyboard is, seen at a glance on every kind of control (WCAG 2.2 Focus Appearance): a
 * ring at least 2 px thick, 3:1 or more against what is behind it. A text box that only turned its
 * 1 px border teal was easy to lose on a clinic's old monitor.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const definition = {
    id: 'focus-check',
    title: 'Coverage check',
    roles: [{ id: 'medical-assistant', name: 'Medical assistant', department: 'Clinical' }],
    start: 'check',
    steps: {
      check: {
        type: 'task',
        role: 'medical-assistant',
        title: 'Check the coverage',
        help: 'Look the plan up on the payer’s portal.',
        form: [
          { id: 'plan', label: 'Plan name', type: 'text' },
          { id: 'kind', label: 'Plan kind', type: 'select', options: ['hmo', 'ppo'] },
          { id: 'active', label: 'Coverage active', type: 'boolean' },
          { id: 'notes', label: 'What the payer said', type: 'textarea' },
        ],
        outcomes: { checked: 'done' },
      },
      done: { type: 'end', outcome: 'resolved' },
    },
  };
  expect((await lead('POST', '/definitions', { definition })).status).toBe(201);
  expect((await lead('POST', '/definitions/focus-check/publish', { revision: 1 })).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

/**
 * Presses Tab until what has the focus matches `selector` (a CSS selector), then measures its ring
 * (and keeps a picture of it to look at: support/look.ts).
 */
async function tabToAndMeasure(page: Page, selector: string, max = 80): Promise<FocusRing> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      const ring = await focusRing(page);
      await look(page, `focus-ring-${ring.control.replace(/\W+/g, '-')}`);
      return ring;
    }
  }
  throw new Error(`Tab never reached ${selector}`);
}

const visible = (ring: FocusRing) => {
  expect(ring.width, `${ring.control}: ring width`).toBeGreaterThanOrEqual(2);
  expect(ring.contrast, `${ring.control}: ring contrast`).toBeGreaterThanOrEqual(3);
};

describe('a visible focus ring on every kind of control', () => {
  it('sign-in: the username box, the Sign in button', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      visible(await tabToAndMeasure(page, 'input[name="username"], input[autocomplete="username"]'));
      visible(await tabToAndMeasure(page, 'button[type="submit"]'));
    } finally {
      await b.close();
    }
  });

  it('My work: a header link; a task’s form: text box, choice, yes/no, long answer, outcome button', async () => {
    const started = await (await apiSession(server.url, 'lead', PASSWORD))<{
      instance: { active: { taskId: string }[] };
    }>('POST', '/instances', { definitionId: 'focus-check', data: {} });
    expect(started.status).toBe(201);
    const task = started.body.instance.active[0]!.taskId;
    const assistant = await apiSession(server.url, 'medical-assistant', PASSWORD);
    expect((await assistant('POST', `/tasks/${encodeURIComponent(task)}/claim`, {})).status).toBe(200);

    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      await page.getByTestId('my-work').waitFor();
      // A link in the header, before the task is open.
      visible(await tabToAndMeasure(page, 'a[href]'));
      await page.getByTestId(`task-row-${task}`).click();
      await page.getByTestId('task-form').waitFor();
      await page.getByTestId('task-panel').focus();
      visible(await tabToAndMeasure(page, '[data-testid="form-field-plan"]'));
      visible(await tabToAndMeasure(page, '[data-testid="form-field-kind"]'));
      visible(await tabToAndMeasure(page, 'input[type="radio"]'));
      visible(await tabToAndMeasure(page, 'textarea[data-testid="form-field-notes"]'));
      visible(await tabToAndMeasure(page, 'button[data-testid="outcome-button-checked"]'));
    } finally {
      await b.close();
    }
  });

  it('the editor: a step on the diagram, a checkbox; clinic hours: a day’s open switch', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/prescription-refill`);
      await page.locator('.react-flow__node').first().waitFor();
      visible(await tabToAndMeasure(page, '.react-flow__node', 120));
      // The workflow's start form, in the inspector: a field's checkboxes.
      await page.getByTestId('inspector').getByRole('textbox').first().focus();
      visible(await tabToAndMeasure(page, 'input[type="checkbox"]:not([role="switch"])'));
      await page.goto(`${server.url}/clinic-hours`);
      await page.locator('input[role="switch"]').first().waitFor();
      visible(await tabToAndMeasure(page, 'input[role="switch"]'));
    } finally {
      await b.close();
    }
  });
});
