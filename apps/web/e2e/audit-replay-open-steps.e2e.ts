import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** A laptop: the audit replay's diagram is about 640 × 420 px there. */
const LAPTOP = { width: 1366, height: 900 };

let server: TestServer;
/** Lab result flagged abnormal: release to the portal and the nurse's call open at once, far apart. */
let labId: string;
/** New patient check-in: insurance review and rooming open at once, one above the other. */
let checkInId: string;

type Api = Awaited<ReturnType<typeof apiSession>>;

/** Claims a task and completes it with `outcome`, its form filled as staff would. */
async function complete(api: Api, taskId: string, outcome: string, answers: Record<string, unknown> = {}) {
  const task = `/tasks/${encodeURIComponent(taskId)}`;
  expect((await api('POST', `${task}/claim`)).status).toBe(200);
  const detail = await api<{ step: { form?: Array<{ id: string; type: string; options?: string[] }> } }>(
    'GET',
    task,
  );
  const data: Record<string, unknown> = {};
  for (const f of detail.body.step.form ?? [])
    data[f.id] =
      answers[f.id] ??
      (f.type === 'boolean'
        ? false
        : f.type === 'select'
          ? f.options![0]
          : f.type === 'number'
            ? 1
            : 'Checked');
  expect((await api('POST', `${task}/complete`, { outcome, data })).status).toBe(200);
}

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
  const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
  const lab = await ma<Active>('POST', '/requests', {
    definitionId: 'lab-result-release',
    data: { patient: 'DEMO-7302', test: 'Lipid panel' },
  });
  expect(lab.status).toBe(201);
  labId = lab.body.instance.id;
  await complete(ma, lab.body.instance.active[0]!.taskId, 'verified', {
    resultKind: 'lab',
    flag: 'abnormal',
    holdRequested: false,
  });
  const provider = await apiSession(server.url, 'provider', PASSWORD);
  const now = await provider<Active>('GET', `/instances/${labId}`);
  const review = now.body.instance.active.find((a) => a.step === 'abnormal-review')!;
  await complete(provider, review.taskId, 'nurse-to-call');

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

/** Waits for the view to stand still (it glides to a step). */
async function still(page: Page) {
  let last = '';
  for (let i = 0; i < 20; i++) {
    const now = await page
      .locator('[data-testid="audit-diagram"] .react-flow__viewport')
      .evaluate((el) => getComputedStyle(el).transform);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

async function openReplay(page: Page, id: string) {
  await signIn(page, server.url, 'auditor', PASSWORD);
  await page.goto(`${server.url}/audit/instances/${encodeURIComponent(id)}`);
  await page.getByTestId('audit-timeline').waitFor();
  await page.locator('[data-testid="audit-diagram"] .react-flow__node .pf-active').first().waitFor();
  await page.waitForTimeout(300);
  await still(page);
}

describe('the audit replay on a laptop, with two steps open at once', () => {
  it('shows both open steps when they fit at a readable size', async () => {
    const b = await openBrowser(LAPTOP);
    try {
      await openReplay(b.page, checkInId);
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
      await openReplay(b.page, labId);
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
