import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { abnormalLabResult, complete, openReplay, still } from './support/replay.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** A laptop: the audit replay's diagram is about 640 × 420 px there. */
const LAPTOP = { width: 1366, height: 900 };

let server: TestServer;
/** Lab result flagged abnormal: release to the portal and the nurse's call open at once, far apart. */
let labId: string;
/** New patient check-in: insurance review and rooming open at once, one above the other. */
let checkInId: string;

type Active = { instance: { id: string; active: Array<{ step: string; taskId: string }> } };

/** Five front-desk steps in a row, then a split: the billing specialist and the medical assistant at once. */
const CHECK_IN = {
  id: 'new-patient-check-in',
  title: 'New patient check-in',
  roles: [
    { id: 'front-desk', name: 'Front desk receptionist', department: 'Front office' },
    { id: 'billing-specialist', name: 'Billing specialist', department: 'Billing' },
    { id: 'medical-assistant', name: 'Medical assistant', department: 'Clinical' },
  ],
  start: 'greet',
  steps: {
    greet: { type: 'task', role: 'front-desk', title: 'Greet the patient', outcomes: { done: 'id-check' } },
    'id-check': {
      type: 'task',
      role: 'front-desk',
      title: 'Check the photo ID',
      outcomes: { done: 'forms' },
    },
    forms: {
      type: 'task',
      role: 'front-desk',
      title: 'Collect the intake forms',
      outcomes: { done: 'card' },
    },
    card: { type: 'task', role: 'front-desk', title: 'Scan the insurance card', outcomes: { done: 'copay' } },
    copay: { type: 'task', role: 'front-desk', title: 'Take the copay', outcomes: { done: 'split' } },
    split: {
      type: 'parallel',
      title: 'Review coverage and room the patient',
      branches: ['billing-review', 'room'],
      join: 'done',
    },
    'billing-review': {
      type: 'task',
      role: 'billing-specialist',
      title: 'Billing review',
      outcomes: { covered: 'done' },
    },
    room: {
      type: 'task',
      role: 'medical-assistant',
      title: 'Room the patient',
      outcomes: { roomed: 'done' },
    },
    done: { type: 'end', title: 'Checked in', outcome: 'checked-in' },
  },
};

beforeAll(async () => {
  server = await startTestServer();
  labId = await abnormalLabResult(server.url, 'DEMO-7302');

  const lead = await apiSession(server.url, 'lead', PASSWORD);
  expect((await lead('POST', '/definitions', { definition: CHECK_IN })).status).toBe(201);
  expect((await lead('POST', `/definitions/${CHECK_IN.id}/publish`, { revision: 1 })).status).toBe(200);
  const desk = await apiSession(server.url, 'front-desk', PASSWORD);
  const started = await desk<Active>('POST', '/instances', { definitionId: CHECK_IN.id, data: {} });
  expect(started.status).toBe(201);
  checkInId = started.body.instance.id;
  for (let i = 0; i < 5; i++) {
    const open = await desk<Active>('GET', `/instances/${checkInId}`);
    await complete(desk, open.body.instance.active[0]!.taskId, 'done');
  }
});
afterAll(async () => {
  await server?.stop();
});

/** The open steps as drawn: whole inside the diagram's pane or not. */
function openSteps(page: Page) {
  return page.evaluate(() => {
    const diagram = document.querySelector('[data-testid="audit-diagram"]')!;
    const pane = diagram.querySelector('.react-flow')!.getBoundingClientRect();
    return Object.fromEntries(
      [...diagram.querySelectorAll<HTMLElement>('.react-flow__node')]
        .filter((node) => node.querySelector('.pf-active'))
        .map((node) => {
          const box = node.getBoundingClientRect();
          const whole =
            box.width > 0 &&
            box.left >= pane.left - 1 &&
            box.top >= pane.top - 1 &&
            box.right <= pane.right + 1 &&
            box.bottom <= pane.bottom + 1;
          return [node.dataset.id ?? '', whole];
        }),
    );
  });
}

/** The auditor's replay of request `id`, its open steps drawn and the view standing still. */
async function openAsAuditor(page: Page, id: string) {
  await signIn(page, server.url, 'auditor', PASSWORD);
  await openReplay(page, server.url, id);
  await page.locator('[data-testid="audit-diagram"] .react-flow__node .pf-active').first().waitFor();
  await page.waitForTimeout(300);
  await still(page);
}

describe('the audit replay on a laptop, with two steps open at once', () => {
  it('shows both open steps when they fit at a readable size', async () => {
    const b = await openBrowser(LAPTOP);
    try {
      await openAsAuditor(b.page, checkInId);
      expect(await openSteps(b.page)).toEqual({ 'billing-review': true, room: true });
      // Nothing is off screen, so nothing points elsewhere.
      expect(await b.page.getByTestId('open-steps-note').count()).toBe(0);
    } finally {
      await b.close();
    }
  });

  it('shows the step reached and a button to the other open step when they do not fit', async () => {
    const b = await openBrowser(LAPTOP);
    try {
      await openAsAuditor(b.page, labId);
      expect(await openSteps(b.page)).toEqual({ 'abnormal-call': true, 'release-to-portal': false });
      const note = b.page.getByTestId('open-steps-note');
      expect(await note.textContent()).toContain('1 more open step:');
      const other = note.getByRole('button', { name: /Release the result to the patient portal/ });
      await screenshot(b.page, 'audit-replay-1366-open-steps');
      await other.click();
      await b.page.waitForTimeout(300);
      await still(b.page);
      expect((await openSteps(b.page))['release-to-portal']).toBe(true);
      // Now the nurse's call is the one off screen, and the note points back to it.
      await note
        .getByRole('button', { name: /Call the patient about the abnormal result/ })
        .waitFor({ timeout: 5000 });
    } finally {
      await b.close();
    }
  });
});
