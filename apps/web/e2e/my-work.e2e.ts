import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { addColleague, PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // A second medical assistant, so two people share one pool.
  await addColleague(server, 'medical-assistant', {
    username: 'medical-assistant-2',
    displayName: 'Second MA',
  });
});
afterAll(async () => {
  await server?.stop();
});

describe('My work', () => {
  it('a staff user claims and completes a pool task while a colleague sees it leave the pool live', async () => {
    const ana = await openBrowser();
    const ben = await openBrowser();
    try {
      await signIn(ana.page, server.url, 'medical-assistant', PASSWORD);
      await signIn(ben.page, server.url, 'medical-assistant-2', PASSWORD);
      for (const b of [ana, ben]) {
        await b.page.getByTestId('work-folder-pool-medical-assistant').click();
        await b.page.getByTestId('task-list').waitFor();
      }
      // The folder is in the address: a reload (or a link kept) opens the same one, not My tasks.
      await ben.page.reload();
      await expect
        .poll(() => ben.page.getByTestId('work-folder-pool-medical-assistant').getAttribute('aria-current'))
        .toBe('page');
      expect(new URL(ben.page.url()).searchParams.get('folder')).toBe('pool:medical-assistant');
      // The triage task "Sort the portal message" is in both pools.
      const row = ana.page
        .locator('[data-testid^="task-row-"]', { hasText: 'Sort the portal message' })
        .first();
      await row.waitFor();
      const testId = (await row.getAttribute('data-testid'))!;
      await ben.page.getByTestId(testId).waitFor();
      // The row says the clinic's clock time it is due, how far off under it.
      expect(await row.getByTestId('due-chip').textContent()).toMatch(
        /^Due (Today|Tomorrow|[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}(, \d{4})?,) \d{1,2}:\d{2} [AP]M$/,
      );
      expect(await row.getByTestId('due-relative').textContent()).toMatch(/^in \d+ (min|h|d)/);
      expect(await seriousViolations(ana.page)).toEqual([]);

      await row.click();
      await ana.page.getByTestId('claim-button').click();
      // Ben's pool loses it without a reload (Server-Sent Events).
      await ben.page.getByTestId(testId).waitFor({ state: 'detached', timeout: 15_000 });

      const form = ana.page.getByTestId('task-form');
      await form.waitFor();
      // Long subjects are cut in their rows: the list keeps its width and the task keeps the rest.
      const list = (await ana.page.getByRole('region', { name: 'Tasks' }).boundingBox())!;
      const panel = (await form.boundingBox())!;
      expect(list.width).toBeLessThanOrEqual(401);
      expect(panel.width).toBeGreaterThan(400);
      await screenshot(ana.page, 'my-work');
      // Fill the step's form from its fields.
      const topic = ana.page.getByTestId('form-field-topic');
      if (await topic.count()) {
        await topic.click();
        await ana.page.getByRole('option').first().click();
      }
      const redFlag = ana.page.getByTestId('form-field-redFlags');
      if (await redFlag.count()) await redFlag.getByText('No', { exact: true }).click();
      const outcome = ana.page.locator('[data-testid^="outcome-button-"]').first();
      await outcome.click();
      await ana.page
        .getByText(/Completed/)
        .first()
        .waitFor();
      await ana.page.getByTestId(testId).waitFor({ state: 'detached', timeout: 15_000 });
    } finally {
      await ana.close();
      await ben.close();
    }
  });

  it('asks for a field only for the outcomes that need it, and says which', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'medical-assistant', PASSWORD);
      await b.page.getByTestId('work-folder-pool-medical-assistant').click();
      const rows = b.page.locator('[data-testid^="task-row-"]', { hasText: 'Match the final result' });
      await rows.first().waitFor();
      const before = await rows.count();
      await rows.first().click();
      await b.page.getByTestId('claim-button').click();
      const form = b.page.getByTestId('task-form');
      await form.waitFor();
      // The checks of a result are needed to verify it, not to send it back as another patient's.
      const flag = b.page.getByTestId('form-field-flag');
      await expect.poll(() => flag.getAttribute('aria-required')).toBeNull();
      expect(await form.textContent()).toContain('Flag * to finish as “Verified”');
      await b.page.getByTestId('outcome-button-verified').click();
      await form.getByText('Flag is required to finish as “Verified”').waitFor();
      expect(await form.getByRole('alert').textContent()).toContain(
        '3 fields need attention before “Verified”',
      );
      expect(await seriousViolations(b.page)).toEqual([]);
      await screenshot(b.page, 'my-work-required-for');
      await b.page.getByTestId('outcome-button-wrong-patient').click();
      // The panel goes on to the next task in the pool; the toast leaves its Claim button in view.
      // The toast stands where it first showed until it closes (on a busy machine, before the next
      // task has opened), so where it stands is read as soon as it shows.
      const shown = b.page.locator('.mantine-Notification-root').filter({ hasText: /Completed/ });
      await shown.waitFor();
      const shownAt = await shown.boundingBox();
      expect(shownAt).not.toBeNull();
      const toast = shownAt!;
      const claim = b.page.getByTestId('claim-button');
      await claim.waitFor();
      const button = (await claim.boundingBox())!;
      const overlaps =
        toast.x < button.x + button.width &&
        button.x < toast.x + toast.width &&
        toast.y < button.y + button.height &&
        button.y < toast.y + toast.height;
      expect(overlaps).toBe(false);
      // Sent to medical records to refile: it left this pool and this person's list.
      await b.page.getByTestId('work-folder-pool-medical-assistant').click();
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(before - 1);
    } finally {
      await b.close();
    }
  });

  it('after finishing a task scrolled down to its form, the next task opens at its top with its heading focused, and the toast names the request finished', async () => {
    // Two portal messages in this person's own list, so the next one follows the first.
    const api = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const claimed = new Set<string>();
    for (const [patient, category, subject] of [
      ['DEMO-5701', 'prescription', 'Refill question'],
      ['DEMO-5702', 'forms-and-records', 'Form for school'],
    ] as const) {
      const started = await api<{ instance: { active: { taskId: string }[] } }>('POST', '/requests', {
        definitionId: 'portal-message-triage',
        data: { patient, category, subject, message: 'Please call me back.' },
      });
      expect(started.status).toBe(201);
      const taskId = started.body.instance.active[0]!.taskId;
      expect((await api('POST', `/tasks/${encodeURIComponent(taskId)}/claim`, {})).status).toBe(200);
      claimed.add(taskId);
    }

    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      const list = page.getByTestId('task-list');
      await list.waitFor();
      await list.locator(`[data-task-row="${[...claimed][0]}"]`).waitFor();
      const ids = await list
        .locator('[data-task-row]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task-row')!));
      const at = ids.findIndex((id) => claimed.has(id));
      const first = ids[at]!;
      const next = ids[at + 1] ?? ids[at - 1]!;
      const panel = page.getByTestId('task-panel');
      const heading = page.locator('#task-panel-title');
      // The next task was looked at earlier, so it shows at once when its turn comes.
      await page.getByTestId(`task-row-${next}`).click();
      await expect.poll(() => panel.getAttribute('data-task-id')).toBe(next);
      await heading.waitFor();
      await page.getByTestId(`task-row-${first}`).click();
      await expect.poll(() => panel.getAttribute('data-task-id')).toBe(first);
      const request = (await page
        .getByTestId(`task-row-${first}`)
        .getByTestId('task-row-subject')
        .textContent())!;
      // Named by the category the patient picked, never by the subject line they typed.
      expect(request).toMatch(/^DEMO-570[12] · Message: (Prescription|Forms and records)$/);

      await page.getByTestId('form-field-topic').click();
      await page.getByRole('option').first().click();
      await page.getByTestId('form-field-redFlags').getByText('No', { exact: true }).click();
      const sorted = page.getByTestId('outcome-button-sorted');
      await sorted.scrollIntoViewIfNeeded();
      // The panel's own scroll: where the task's top is, whatever holds it.
      const scrolled = () =>
        panel.evaluate((el: HTMLElement) => {
          let total = 0;
          for (let node: HTMLElement | null = el; node; node = node.parentElement) total += node.scrollTop;
          return total;
        });
      expect(await scrolled()).toBeGreaterThan(100);
      await sorted.click();

      await expect.poll(() => panel.getAttribute('data-task-id')).toBe(next);
      await heading.waitFor();
      await expect.poll(scrolled).toBe(0);
      const box = (await heading.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(800);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('task-panel-title');
      const toast = page.locator('.mantine-Notification-root', { hasText: 'Completed' });
      await toast.waitFor();
      expect(await toast.textContent()).toContain(request);
      expect(await toast.textContent()).toContain('“Sort the portal message” — Sorted');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'my-work-next-task', { keepToasts: true });
      // The keyboard goes on from there: j moves to a row of the list.
      await page.keyboard.press('j');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-task-row') ?? null))
        .not.toBeNull();
    } finally {
      await b.close();
    }
  });

  it('a task has one note box that says who reads it; a note saved at once and one sent with the outcome both reach the next role', async () => {
    const EARLY = 'Called the patient at 10:10: they will send the statement number.';
    const HANDOFF = 'Statement 88213 — the patient thinks the lab charge was billed twice.';
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await desk<{ instance: { active: { taskId: string }[] } }>('POST', '/requests', {
      definitionId: 'billing-question',
      data: { patient: 'DEMO-7301', channel: 'phone', question: 'Why was I billed twice?' },
    });
    expect(started.status).toBe(201);
    const taskId = started.body.instance.active[0]!.taskId;

    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'front-desk', PASSWORD);
      await page.getByTestId('work-folder-pool-front-desk').click();
      await page.getByTestId(`task-row-${taskId}`).click();
      const panel = page.getByTestId('task-panel');
      await panel.getByTestId('task-form').waitFor();
      const boxes = panel.getByRole('textbox', { name: /note/i });
      // Not claimed yet: the one box adds a note now (reading and commenting need no claim).
      expect(await boxes.count()).toBe(1);
      expect(await panel.getByTestId('task-note-save').textContent()).toBe('Add note');
      await page.getByTestId('claim-button').click();
      await panel.getByTestId('release-button').waitFor();
      expect(await boxes.count()).toBe(1);
      // Who reads it, said where it is written.
      expect(await panel.getByTestId('task-note-readers').textContent()).toBe(
        'Read by everyone who works on this request, before and after you, and by leads and auditors. Never shown to the patient.',
      );

      // Saved at once: the task stays open and the note is in History so far.
      await panel.getByTestId('task-note').fill(EARLY);
      expect(await panel.getByTestId('task-note-save').textContent()).toBe('Save note now');
      await panel.getByTestId('task-note-save').click();
      await panel.getByTestId('request-note').filter({ hasText: EARLY }).waitFor();
      expect(await panel.getByTestId('task-note').inputValue()).toBe('');
      expect(await panel.getByTestId('task-assignee').textContent()).toBe('Assigned to you');

      // Sent with the outcome: ticked for the next role unless unticked.
      await panel.getByTestId('task-note').fill(HANDOFF);
      await expect.poll(() => panel.getByTestId('task-note-for-next').isChecked()).toBe(true);
      expect(await panel.getByTestId('task-note-when').textContent()).toBe(
        'Saved with the outcome you choose below, with Back to pool, or now with Save note now.',
      );
      await page.getByTestId('form-field-requestType').click();
      await page.getByRole('option', { name: 'Statement question' }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await panel.getByTestId('outcome-button-logged').click();
      await page.getByTestId(`task-row-${taskId}`).waitFor({ state: 'detached', timeout: 15_000 });
    } finally {
      await b.close();
    }

    // The billing specialist: both notes at the top of the next task, who wrote them and on which step.
    const billing = await openBrowser();
    try {
      const { page } = billing;
      await signIn(page, server.url, 'billing-specialist', PASSWORD);
      await page.getByTestId('work-folder-pool-billing-specialist').click();
      await page.locator('[data-testid^="task-row-"]', { hasText: 'DEMO-7301' }).first().click();
      const forMe = page.getByTestId('notes-for-next-role');
      await forMe.waitFor();
      const text = await forMe.textContent();
      expect(text).toContain(EARLY);
      expect(text).toContain(HANDOFF);
      expect(text).toContain('“Log the billing question and attach the statement”');
    } finally {
      await billing.close();
    }
  }, 120_000);

  it('works at tablet width', async () => {
    const b = await openBrowser({ width: 768, height: 1024 });
    try {
      await signIn(b.page, server.url, 'triage-nurse', PASSWORD);
      await b.page.getByTestId('my-work').waitFor();
      expect(await seriousViolations(b.page)).toEqual([]);
      await screenshot(b.page, 'my-work-tablet');
    } finally {
      await b.close();
    }
  });

  it('leads see the team view with workload per role', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      await b.page.goto(`${server.url}/team`);
      await b.page.getByTestId('team-table').waitFor();
      await b.page.getByTestId('team-workload').waitFor();
      expect(await seriousViolations(b.page)).toEqual([]);
      // Long subjects wrap in the Task column: every column fits a laptop screen without scrolling.
      const overflow = await b.page
        .getByTestId('team-table')
        .evaluate(
          (table) => table.getBoundingClientRect().right - table.parentElement!.getBoundingClientRect().right,
        );
      expect(overflow).toBeLessThanOrEqual(1);
      await screenshot(b.page, 'team');
    } finally {
      await b.close();
    }
  });

  it('a lead cancels a request started twice; whoever held it sees why in its history', async () => {
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const start = () =>
      desk<{ instance: { id: string } }>('POST', '/requests', {
        definitionId: 'prescription-refill',
        data: { patient: 'DEMO-5620', medication: 'levothyroxine' },
      });
    const first = await start();
    const second = await start();
    expect([first.status, second.status]).toEqual([201, 201]);
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      await signIn(b.page, server.url, 'lead', PASSWORD);
      await b.page.goto(`${server.url}/team`);
      const table = b.page.getByTestId('team-table');
      await table.waitFor();
      const rows = table.getByRole('checkbox', { name: /DEMO-5620 · Refill: levothyroxine/ });
      await expect.poll(() => rows.count()).toBe(2);
      // Only with a task selected can anything be cancelled.
      expect(await b.page.getByTestId('cancel-requests-button').isDisabled()).toBe(true);
      await rows.last().check();
      await b.page.getByTestId('cancel-requests-button').click();
      const form = b.page.getByTestId('cancel-requests-form');
      await form.getByText('DEMO-5620 · Refill: levothyroxine — Prescription refill request').waitFor();
      // A reason is required before the button does anything.
      expect(await b.page.getByTestId('cancel-confirm').isDisabled()).toBe(true);
      await b.page.getByTestId('cancel-reason').click();
      await b.page.getByRole('option', { name: 'Duplicate request' }).click();
      await b.page.getByTestId('cancel-detail').fill('same call logged twice');
      expect(await seriousViolations(b.page)).toEqual([]);
      await screenshot(b.page, 'team-cancel-request');
      await b.page.getByTestId('cancel-confirm').click();
      await b.page.getByTestId('cancel-requests-done').getByText('1 cancelled').waitFor();
      await b.page.getByTestId('cancel-close').click();
      await expect.poll(() => rows.count()).toBe(1);
    } finally {
      await b.close();
    }
    // The coordinator's pool holds the one left; the cancelled one's history says who and why (a reason
    // is the request's words: it comes with the values, as "History so far" reads it).
    const coordinator = await apiSession(server.url, 'refill-coordinator', PASSWORD);
    const ids = [first.body.instance.id, second.body.instance.id];
    const histories = await Promise.all(
      ids.map((id) =>
        coordinator<{ timeline: { type: string; summary: string }[] }>(
          'GET',
          `/instances/${id}/history?values=true`,
        ),
      ),
    );
    const cancelled = histories.filter((h) => h.body.timeline.at(-1)?.type === 'cancel');
    expect(cancelled.map((h) => h.body.timeline.at(-1)?.summary)).toEqual([
      'cancelled: Duplicate request: same call logged twice',
    ]);
  });

  it('whoever was working on a request a lead cancels reads it in the bell', async () => {
    const desk = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await desk<{ instance: { id: string; active: { taskId: string }[] } }>(
      'POST',
      '/requests',
      {
        definitionId: 'prescription-refill',
        data: { patient: 'DEMO-5630', medication: 'sertraline' },
      },
    );
    expect(started.status).toBe(201);
    const coordinatorApi = await apiSession(server.url, 'refill-coordinator', PASSWORD);
    const taskId = started.body.instance.active[0]!.taskId;
    expect((await coordinatorApi('POST', `/tasks/${encodeURIComponent(taskId)}/claim`, {})).status).toBe(200);
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    expect(
      (
        await lead('POST', `/instances/${started.body.instance.id}/cancel`, {
          reason: 'Patient withdrew the request',
        })
      ).status,
    ).toBe(200);
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'refill-coordinator', PASSWORD);
      await b.page.getByTestId('notification-bell').click();
      const list = b.page.getByTestId('notification-list');
      await list.getByText('Request cancelled: nothing more to do').first().waitFor();
      expect(await list.textContent()).toContain('DEMO-5630 · Refill: sertraline');
      expect(await seriousViolations(b.page)).toEqual([]);
      await screenshot(b.page, 'bell-request-cancelled');
      await list.getByText('Request cancelled: nothing more to do').first().click();
      // Opened from the bell, the closed task stays open and says in its place that it was cancelled.
      await b.page.getByTestId('task-request-cancelled').waitFor();
      expect(new URL(b.page.url()).searchParams.get('task')).toBe(taskId);
    } finally {
      await b.close();
    }
  });
});
