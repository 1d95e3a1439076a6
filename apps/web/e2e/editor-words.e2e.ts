import { type Calendar, DEFAULT_CALENDAR, type Definition, isOpen, nextOpening } from '@portalflow/engine';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOfStartText } from '../src/model/simulationStart.ts';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/**
 * The editor speaks the lead's words: a step added to a published workflow takes its id from its
 * title, the practice run's buttons read as staff will read them, problems name what they are about,
 * and a toast never covers the buttons of a dialog.
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

/** A published sign-in help workflow; its draft gains a role nobody holds and that has no step yet. */
async function publishSignInHelp(id: string): Promise<Definition> {
  const definition: Definition = {
    id,
    title: `Sign-in help ${id}`,
    roles: [
      { id: 'front-desk', name: 'Front desk receptionist' },
      { id: 'triage-nurse', name: 'Triage nurse' },
      { id: 'patient-advocate', name: 'Patient advocate', department: 'Front office' },
    ],
    start: 'take-request',
    steps: {
      'take-request': {
        type: 'task',
        role: 'front-desk',
        title: 'Take the portal sign-in help request',
        help: 'Ask what the patient sees.',
        outcomes: { classified: 'check', 'solved-on-the-call': 'solved' },
      },
      check: {
        type: 'task',
        role: 'triage-nurse',
        title: 'Check the account',
        help: 'Look at the account.',
        outcomes: { done: 'solved' },
      },
      solved: { type: 'end', outcome: 'done' },
    },
  };
  expect((await lead('POST', '/definitions', { definition })).status).toBe(201);
  expect((await lead('POST', `/definitions/${id}/publish`, {})).status).toBe(200);
  return definition;
}

async function openEditor(page: Page, id: string): Promise<void> {
  await page.goto(`${server.url}/workflows/${encodeURIComponent(id)}`);
  await page.getByTestId('editor-canvas').waitFor();
  await page.locator('.react-flow__node').first().waitFor();
}

const stepIdBox = (page: Page) => page.getByRole('textbox', { name: /^Name in links and files/ });

async function addTask(page: Page, after: string, title: string): Promise<void> {
  await page.getByTestId(`node-${after}`).click();
  await page.getByTestId('palette-task').click();
  await expect.poll(() => stepIdBox(page).inputValue()).toMatch(/^new-task/);
  await page.getByTestId('inspector-title').fill(title);
  await page.getByTestId('inspector-title').press('Enter');
}

describe('the editor in the lead’s words', () => {
  it('a step added to a published workflow takes its id from its title; published ids stay fixed', async () => {
    await publishSignInHelp('words-ids');
    const { page, close } = await openBrowser();
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, 'words-ids');
      await addTask(page, 'take-request', 'Confirm the patient can sign in');
      await expect.poll(() => stepIdBox(page).inputValue()).toBe('confirm-the-patient-can-sign-in');
      expect(await stepIdBox(page).getAttribute('readonly')).toBeNull();
      await expect
        .poll(() => page.getByTestId('inspector').textContent())
        .toContain('Follows the title until it is published');
      // The box says in words what the step's id is for, as the workflow's own name in links does.
      expect(await page.getByTestId('inspector').textContent()).toContain(
        'Used in exported files, by connected systems and in history.',
      );
      await expect.poll(() => page.getByTestId('lint-panel').textContent()).not.toContain('new-task');
      // A step of the published version keeps its id: requests and their history name it.
      await page.getByTestId('node-take-request').click();
      await expect.poll(() => stepIdBox(page).inputValue()).toBe('take-request');
      expect(await stepIdBox(page).getAttribute('readonly')).not.toBeNull();
      await expect
        .poll(() => page.getByTestId('inspector').textContent())
        .toContain('Fixed since it was published');
    } finally {
      await close();
    }
  });

  it('the practice run shows outcomes as staff read them and starts at the clinic’s next working moment', async () => {
    await publishSignInHelp('words-sim');
    const config = (await lead<{ timeZone: string; calendar: Calendar | null }>('GET', '/config')).body;
    const calendar = config.calendar ?? DEFAULT_CALENDAR;
    const { page, close } = await openBrowser();
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, 'words-sim');
      // Now as the server and the browser see it (the suite may run at another hour).
      const before = testNow();
      await page.getByTestId('simulate-button').click();
      const panel = page.getByTestId('simulate-panel');
      await panel.waitFor();
      const solved = page.getByTestId('sim-outcome-take-request-solved-on-the-call');
      await expect.poll(() => solved.textContent()).toBe('Solved on the call');
      expect(await page.getByTestId('sim-outcome-take-request-classified').textContent()).toBe('Classified');
      // The start is written on the clinic's clock: a working moment, from now on.
      const startBox = panel.getByLabel('Starts at');
      const written = await startBox.inputValue();
      const start = Date.parse(instantOfStartText(written, config.timeZone) ?? '');
      expect(isOpen(new Date(start).toISOString(), calendar)).toBe(true);
      const earliest = Date.parse(nextOpening(new Date(before - 60_000).toISOString(), calendar));
      const latest = Date.parse(nextOpening(new Date(testNow() + 60_000).toISOString(), calendar));
      expect(start).toBeGreaterThanOrEqual(earliest);
      expect(start).toBeLessThanOrEqual(latest);
      expect(await page.getByTestId('sim-clock').textContent()).not.toContain('Mar 2');
      // Another start: the run replays from it.
      await startBox.fill('Jan 4, 2027 10:30 AM');
      await startBox.press('Enter');
      await expect.poll(() => page.getByTestId('sim-clock').textContent()).toContain('Jan 4, 2027');
      expect(await page.getByTestId('sim-clock').textContent()).toContain('10:30');
      await solved.click();
      await expect.poll(() => panel.textContent()).toContain('Ended');
    } finally {
      await close();
    }
  });

  it('each problem names its role or step in words, and choosing it shows that thing', async () => {
    await publishSignInHelp('words-problems');
    const { page, close } = await openBrowser();
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, 'words-problems');
      await addTask(page, 'take-request', 'Confirm the patient can sign in');
      const rows = page.getByTestId('lint-finding');
      const where = page.getByTestId('lint-finding').locator('.pf-lint-where');
      await expect
        .poll(async () => (await where.allTextContents()).join(' | '))
        .toContain('Step “Confirm the patient can sign in”');
      const texts = await rows.allTextContents();
      expect(texts.join(' | ')).not.toMatch(/roles\.\d|steps\.|new-task|confirm-the-patient/);
      // The lane of a role nobody holds: the problem names the role, choosing it opens the lane.
      const roleRow = rows.filter({ hasText: 'Role “Patient advocate”' }).first();
      await roleRow.click();
      await expect
        .poll(() => page.getByTestId('inspector').getByRole('heading').first().textContent())
        .toBe('Lane');
      expect(await page.getByRole('textbox', { name: 'Role name' }).inputValue()).toBe('Patient advocate');
    } finally {
      await close();
    }
  });

  it('the Saved toast never covers the publish confirmation’s buttons', async () => {
    // A draft with several new steps: the confirmation lists them all and reaches the bottom.
    const definition = await publishSignInHelp('words-toast');
    const added = ['Call the patient', 'Unlock the account', 'Send a new activation code', 'Note the call'];
    added.forEach((title, i) => {
      definition.steps[`added-${i}`] = {
        type: 'task',
        role: i % 2 ? 'front-desk' : 'triage-nurse',
        title,
        help: 'Say what you did.',
        outcomes: { done: i + 1 < added.length ? `added-${i + 1}` : 'solved' },
      };
    });
    definition.steps.check = {
      ...definition.steps.check!,
      outcomes: { done: 'added-0' },
    } as Definition['steps'][string];
    const current = await lead<{ draft: { revision: number } }>('GET', '/definitions/words-toast');
    expect(
      (await lead('PUT', '/definitions/words-toast', { definition, revision: current.body.draft.revision }))
        .status,
    ).toBe(200);
    const { page, close } = await openBrowser({ width: 1280, height: 640 });
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, 'words-toast');
      await page.getByTestId('node-take-request').click();
      await page.getByTestId('inspector-title').fill('Take the sign-in help request');
      await page.getByTestId('inspector-title').press('Enter');
      await page.getByTestId('save-button').click();
      const toast = page.getByRole('status').filter({ hasText: 'Saved' });
      await toast.waitFor();
      await page.getByTestId('publish-button').click();
      const confirm = page.getByTestId('publish-confirm');
      await confirm.waitFor();
      await page.waitForTimeout(400); // the dialog's opening transition
      // Scrolled to, as the lead does: the buttons sit at the bottom of the window, where toasts are.
      await confirm.scrollIntoViewIfNeeded();
      expect(await toast.isVisible()).toBe(true);
      // Nothing lies over either button: at its centre and a quarter in from each side, the point
      // belongs to the button.
      const uncovered = (button: HTMLElement) => {
        const r = button.getBoundingClientRect();
        return [0.25, 0.5, 0.75].every((at) => {
          const hit = document.elementFromPoint(r.x + r.width * at, r.y + r.height / 2);
          return hit !== null && button.contains(hit);
        });
      };
      expect(await confirm.evaluate(uncovered)).toBe(true);
      expect(await page.getByTestId('publish-cancel').evaluate(uncovered)).toBe(true);
    } finally {
      await close();
    }
  });

  it('versions are said in words: “Published · version 2”, “Published as version 2”, never “v2”', async () => {
    await publishSignInHelp('words-versions');
    const { page, close } = await openBrowser();
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await openEditor(page, 'words-versions');
      const badge = page.getByTestId('version-badge');
      await expect.poll(() => badge.textContent()).toBe('Published · version 1');
      await page.getByTestId('node-check').click();
      await page.getByTestId('inspector-title').fill('Check the portal account');
      await page.getByTestId('inspector-title').press('Enter');
      await page.getByTestId('save-button').click();
      await page.getByTestId('unsaved-indicator').waitFor({ state: 'detached' });
      await expect.poll(() => badge.textContent()).toBe('Draft · version 1 live');
      await page.getByTestId('publish-button').click();
      await page.getByTestId('publish-confirm').click();
      await page.getByRole('status').filter({ hasText: 'Published as version 2' }).waitFor();
      await expect.poll(() => badge.textContent()).toBe('Published · version 2');

      await page.goto(`${server.url}/workflows`);
      const row = page.getByTestId('workflow-row-words-versions');
      await row.getByText('Published · version 2').waitFor();
      expect(await page.getByTestId('workflows-table').textContent()).not.toMatch(/Published v\d/);
    } finally {
      await close();
    }
  });
});
