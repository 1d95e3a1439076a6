import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Notes at a handoff: the notes at the top of a task are those of the round that led to it, each with
 * who, which step and when; and a note typed on one screen is not lost when the same person finishes
 * the task on another.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1366, height: 900 };
/** "Today 1:18 PM" (or "14:18"): the clinic's way of writing a time of today. */
const TODAY_AT = /^Today \d{1,2}:\d{2}( [AP]M)?$/;

type Api = Awaited<ReturnType<typeof apiSession>>;
const taskPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;

async function openTaskOf(api: Api, instanceId: string, step: string): Promise<string> {
  const read = await api<{ instance: { active: { taskId: string; step: string }[] } }>(
    'GET',
    `/instances/${instanceId}`,
  );
  expect(read.status).toBe(200);
  const found = read.body.instance.active.find((a) => a.step === step);
  if (!found) throw new Error(`no open ${step}`);
  return found.taskId;
}

async function finish(api: Api, instanceId: string, step: string, outcome: string, note: string, data = {}) {
  const id = await openTaskOf(api, instanceId, step);
  expect((await api('POST', `${taskPath(id)}/claim`, {})).status).toBe(200);
  const done = await api('POST', `${taskPath(id)}/complete`, { outcome, data, note, forNextRole: true });
  expect(done.status).toBe(200);
}

async function openFromPool(page: Page, role: string, taskId: string) {
  await page.getByTestId(`work-folder-pool-${role}`).click();
  await page.getByTestId(`task-row-${taskId}`).click();
  await page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`).waitFor();
}

const notesForYou = (page: Page) =>
  page.getByTestId('note-for-you').evaluateAll((els) =>
    els.map((el) => ({
      text: el.textContent ?? '',
      when: el.querySelector('[data-testid="note-for-you-when"]')?.textContent ?? '',
    })),
  );

describe('notes for you on a lab result handed back twice', () => {
  it('each reader sees the round that led to them, with who, which step and when; never their own note', async () => {
    const assistant = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const records = await apiSession(server.url, 'medical-records', PASSWORD);
    const started = await assistant<{ instance: { id: string } }>('POST', '/requests', {
      definitionId: 'lab-result-release',
      data: { patient: 'DEMO-7151', test: 'Lipid panel' },
    });
    expect(started.status).toBe(201);
    const id = started.body.instance.id;
    await finish(assistant, id, 'verify-result', 'wrong-patient', 'Round 1: DOB differs. Please refile.');
    await finish(records, id, 'correct-misfile', 'refiled', 'Round 1: refiled after checking with the lab.');

    // The assistant gets it back: the refile note is for her, her own note is not.
    const secondLook = await openTaskOf(assistant, id, 'verify-result');
    const b = await openBrowser(WIDE);
    try {
      await signIn(b.page, server.url, 'medical-assistant', PASSWORD);
      await openFromPool(b.page, 'medical-assistant', secondLook);
      await b.page.getByTestId('notes-for-next-role').waitFor();
      const back = await notesForYou(b.page);
      expect(back.map((n) => n.text)).toEqual([expect.stringContaining('Round 1: refiled after checking')]);
      expect(back[0]!.text).toContain('“Correct the misfiled result”');
      expect(back[0]!.when).toMatch(TODAY_AT);
      await look(b.page, 'handoff-notes-back-to-assistant');
    } finally {
      await b.close();
    }

    await finish(
      assistant,
      id,
      'verify-result',
      'wrong-patient',
      'Round 2: DOB still differs. Please refile.',
    );
    await finish(records, id, 'correct-misfile', 'refiled', 'Round 2: refiled, the lab confirmed the chart.');
    await finish(assistant, id, 'verify-result', 'verified', 'Third look: identifiers match. LDL 190.', {
      resultKind: 'lab',
      flag: 'abnormal',
      holdRequested: false,
    });

    // The provider: the note of the look that sent it on, not the two refile rounds.
    const provider = await apiSession(server.url, 'provider', PASSWORD);
    const review = await openTaskOf(provider, id, 'abnormal-review');
    const p = await openBrowser(WIDE);
    try {
      await signIn(p.page, server.url, 'provider', PASSWORD);
      await openFromPool(p.page, 'provider', review);
      await p.page.getByTestId('notes-for-next-role').waitFor();
      const mine = await notesForYou(p.page);
      expect(mine.map((n) => n.text)).toEqual([expect.stringContaining('Third look: identifiers match.')]);
      expect(mine[0]!.text).toContain('“Match the final result to its order and flag it”');
      expect(mine[0]!.when).toMatch(TODAY_AT);
      // "History so far" keeps all five.
      await expect.poll(() => p.page.getByTestId('request-note').count()).toBe(5);
      await look(p.page, 'handoff-notes-provider');
    } finally {
      await p.close();
    }
  }, 120_000);
});

describe('the same person with a task open on two screens', () => {
  /** Two screens signed in as the same person, each with the task open. */
  async function twoScreens(username: string, taskId: string) {
    const first = await openBrowser(WIDE);
    const second = await openBrowser(WIDE);
    for (const s of [first, second]) {
      await signIn(s.page, server.url, username, PASSWORD);
      await s.page.getByTestId('work-folder-mine').click();
      await s.page.getByTestId(`task-row-${taskId}`).click();
      await s.page.locator(`[data-testid="task-panel"][data-task-id="${taskId}"]`).waitFor();
    }
    return { first, second, close: () => Promise.all([first.close(), second.close()]) };
  }

  it('finished on the first screen: the second says so with the time, keeps the typed note and adds it to the request', async () => {
    const api = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const started = await api<{ instance: { id: string; active: { taskId: string }[] } }>(
      'POST',
      '/requests',
      {
        definitionId: 'portal-message-triage',
        data: { patient: 'DEMO-8151', subject: 'Two screens', message: 'Please call me back.' },
      },
    );
    expect(started.status).toBe(201);
    const taskId = started.body.instance.active[0]!.taskId;
    expect((await api('POST', `${taskPath(taskId)}/claim`, {})).status).toBe(200);
    const screens = await twoScreens('medical-assistant', taskId);
    try {
      const { first, second } = screens;
      const typed = 'Called back at 2 pm, left a voicemail.';
      await second.page.getByTestId('task-note').fill(typed);

      await first.page.getByTestId('form-field-topic').click();
      await first.page.getByRole('option').first().click();
      await first.page.getByTestId('form-field-redFlags').getByText('No', { exact: true }).click();
      await first.page.getByTestId('outcome-button-sorted').click();

      const closed = second.page.getByTestId('task-closed-note');
      await closed.waitFor({ timeout: 15_000 });
      await expect
        .poll(() => closed.textContent())
        .toMatch(/Completed by you on another screen at \d{1,2}:\d{2}( [AP]M)?/);
      // The typed text is still there, and goes on the request (the task is closed, the request is not).
      expect(await second.page.getByTestId('task-note').inputValue()).toBe(typed);
      await second.page.getByTestId('task-note-save').click();
      await expect
        .poll(async () => (await second.page.getByTestId('request-note').allTextContents()).join('\n'))
        .toContain(typed);
      await look(second.page, 'handoff-second-screen-note-kept');
    } finally {
      await screens.close();
    }
  }, 120_000);

  it('when finishing ended the request, the second screen keeps the typed note to copy', async () => {
    const api = await apiSession(server.url, 'refill-coordinator', PASSWORD);
    const started = await api<{ instance: { id: string; active: { taskId: string }[] } }>(
      'POST',
      '/requests',
      {
        definitionId: 'prescription-refill',
        data: { patient: 'DEMO-8152', medication: 'metformin 500 mg', pharmacy: 'Main St' },
      },
    );
    expect(started.status).toBe(201);
    const taskId = started.body.instance.active[0]!.taskId;
    expect((await api('POST', `${taskPath(taskId)}/claim`, {})).status).toBe(200);
    const screens = await twoScreens('refill-coordinator', taskId);
    try {
      const { first, second } = screens;
      const typed = 'Patient says the pharmacy already filled it on Monday.';
      await second.page.getByTestId('task-note').fill(typed);

      await first.page.getByTestId('outcome-button-duplicate-request').click();

      const closed = second.page.getByTestId('task-closed-note');
      await closed.waitFor({ timeout: 15_000 });
      await expect
        .poll(() => closed.textContent())
        .toMatch(/Completed by you on another screen at \d{1,2}:\d{2}( [AP]M)?/);
      // Said beside the note box too, where the person was typing (the panel may be scrolled down).
      expect(await second.page.getByTestId('task-form').textContent()).toContain(
        'Completed by you on another screen',
      );
      // The request has ended, so no note can be added: the text stays, to copy.
      const kept = second.page.getByTestId('note-kept');
      await kept.waitFor();
      expect(await kept.getByRole('textbox').inputValue()).toBe(typed);
      await kept.getByRole('button', { name: /Copy/ }).waitFor();
      await look(second.page, 'handoff-second-screen-request-ended');
    } finally {
      await screens.close();
    }
  }, 120_000);
});
