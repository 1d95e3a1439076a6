import { readFileSync } from 'node:fs';
import { DEMO_PEOPLE } from '@portalflow/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A billing question with its statement: the front desk attaches the statement on the first step (a
 * file named .pdf that is not one is refused), billing downloads it on theirs, and the front desk takes
 * it off again with a reason, which billing then reads where the file was.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const WIDE = { width: 1440, height: 900 };
const PATIENT = 'DEMO-6101';
// The subject never shows the patient's question: the request type fills it in once the question is logged.
const NEW_SUBJECT = `${PATIENT} · Billing`;
const SUBJECT = `${PATIENT} · Billing: Statement question`;
// The name a scanner gives a statement can name the patient: it must never reach a URL or storage.
const FILE_NAME = 'Statement Maria Lopez March.pdf';
const NAME_WORD = 'Lopez';
const REASON = 'Wrong statement: this is the February one';

/** A minimal valid one-page PDF, made here so the test owns its bytes. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG: a photo taken at the desk, as far as the server can tell. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Every address a page asks for and everything it logs, to check the file's name never goes there. */
function watch(page: Page) {
  const seen: string[] = [];
  page.on('request', (r) => seen.push(r.url()));
  page.on('console', (m) => seen.push(m.text()));
  return {
    seen,
    async stored() {
      return page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    },
  };
}

/** Opens the billing question from a folder of My work. */
async function openTask(page: Page, folder: string, subject = SUBJECT) {
  await page.getByTestId(folder).click();
  await page.getByTestId('task-list').getByText(subject).click();
  await page.locator('[data-testid="task-panel"][data-task-id]').waitFor();
}

describe('files attached to a request', () => {
  it('the front desk attaches the statement, billing downloads it, and it comes off again with a reason', async () => {
    const pdf = minimalPdf();
    const deskApi = await apiSession(server.url, 'front-desk', PASSWORD);
    const started = await deskApi<{ instance: { id: string }; subject: string }>('POST', '/requests', {
      definitionId: 'billing-question',
      data: { patient: PATIENT, channel: 'front-desk', question: 'Charged twice for the March visit' },
    });
    expect(started.status).toBe(201);
    expect(started.body.subject).toBe(NEW_SUBJECT);
    const instanceId = started.body.instance.id;

    const front = await openBrowser(WIDE);
    const billing = await openBrowser(WIDE);
    const auditor = await openBrowser(WIDE);
    const frontWatch = watch(front.page);
    const billingWatch = watch(billing.page);
    const auditorWatch = watch(auditor.page);
    try {
      // Front desk: claims the billing question and attaches the statement on its first step.
      await signIn(front.page, server.url, 'front-desk', PASSWORD);
      await openTask(front.page, 'work-folder-pool-front-desk', NEW_SUBJECT);
      await front.page.getByTestId('claim-button').click();
      await front.page.getByTestId('release-button').waitFor();
      const desk = front.page.getByTestId('attachments');
      await desk.getByTestId('attachments-empty').waitFor();
      await desk
        .getByTestId('attach-file-input')
        .setInputFiles({ name: FILE_NAME, mimeType: 'application/pdf', buffer: pdf });
      // The name is shown before anything is sent: the last chance to see it is another patient's.
      const chosen = desk.getByTestId('attach-file-chosen');
      await chosen.waitFor();
      expect(await chosen.textContent()).toContain(FILE_NAME);
      expect(await chosen.textContent()).toContain('on “Log the billing question and attach the statement”');
      await desk.getByTestId('attach-file-confirm').click();
      const attached = desk.getByTestId('attachment-row');
      await attached.waitFor();
      const line = (await attached.textContent()) ?? '';
      expect(line).toContain(FILE_NAME);
      expect(line).toMatch(
        /PDF · \d+ bytes · attached by You \(Front desk receptionist\) on “Log the billing question/,
      );

      // A letter typed into a text file and named .pdf: the page says so before sending anything.
      await desk.getByTestId('attach-file-input').setInputFiles({
        name: 'balance.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('Balance due: $120.00\n'),
      });
      const problem = desk.getByTestId('attach-file-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toContain(
        '“balance.pdf” is named like a PDF, but its contents are not one',
      );
      expect(await desk.getByTestId('attach-file-chosen').count()).toBe(0);
      // Sent anyway (as a script would), the server refuses it too, by its bytes.
      const refused = await front.page.evaluate(async (id) => {
        const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
        const form = new FormData();
        form.append('file', new File(['Balance due: $120.00\n'], 'balance.pdf', { type: 'application/pdf' }));
        const response = await fetch(`/api/instances/${encodeURIComponent(id)}/attachments`, {
          method: 'POST',
          headers: { 'x-csrf-token': me.csrfToken },
          body: form,
        });
        return { status: response.status, body: (await response.json()) as { error: { code: string } } };
      }, instanceId);
      expect(refused.status).toBe(415);
      expect(refused.body.error.code).toBe('ATTACHMENT_TYPE_UNSUPPORTED');
      await expect.poll(() => desk.getByTestId('attachment-row').count()).toBe(1);
      expect(await seriousViolations(front.page)).toEqual([]);

      // Routed to billing as a question about the statement.
      const form = front.page.getByTestId('task-form');
      await form.getByTestId('form-field-requestType').click();
      await front.page.getByRole('option', { name: 'Statement question' }).click();
      await form.locator('[data-testid="form-field-statementNumber"]').fill('ST-20417');
      await front.page.getByTestId('outcome-button-logged').click();
      await front.page
        .getByText(/Completed/)
        .first()
        .waitFor();

      // Billing: the statement is on their task, with who attached it on which step; it downloads whole.
      // Its row in the pool already shows a paperclip with one file.
      await signIn(billing.page, server.url, 'billing-specialist', PASSWORD);
      await billing.page.getByTestId('work-folder-pool-billing-specialist').click();
      const queued = billing.page.getByTestId('task-list').locator('li', { hasText: SUBJECT });
      expect(await queued.getByTestId('task-row-files').textContent()).toBe('1 file attached');
      await openTask(billing.page, 'work-folder-pool-billing-specialist');
      const section = billing.page.getByTestId('attachments');
      const row = section.getByTestId('attachment-row');
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      expect(text).toContain(FILE_NAME);
      expect(text).toContain(`attached by ${DEMO_PEOPLE['front-desk']} (Front desk receptionist)`);
      expect(text).toContain('on “Log the billing question and attach the statement”');
      expect(await row.getByTestId('attachment-remove').count()).toBe(0);
      await section.scrollIntoViewIfNeeded();
      expect(await seriousViolations(billing.page)).toEqual([]);
      await screenshot(billing.page, 'attachments');
      const [download] = await Promise.all([
        billing.page.waitForEvent('download'),
        row.getByTestId('attachment-download').click(),
      ]);
      expect(download.suggestedFilename()).toBe(FILE_NAME);
      expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);

      // The front desk saw it was the wrong statement: whoever attached a file takes it off, with why.
      // The step is done, so the task is under Done; the request is still open.
      await front.page.getByTestId('work-folder-done').click();
      await front.page.getByTestId('task-list').getByText(SUBJECT).click();
      await front.page.getByText(/You finished it .* with “Logged”\./).waitFor();
      const deskFiles = front.page.getByTestId('attachments');
      expect(await deskFiles.getByTestId('attach-file-button').count()).toBe(0);
      await deskFiles.getByTestId('attachment-remove').click();
      const reason = front.page.getByTestId('remove-attachment-reason');
      await reason.fill('no');
      await front.page.getByTestId('remove-attachment-confirm').click();
      await front.page.getByText('Say why the file comes off').waitFor();
      await reason.fill(REASON);
      await front.page.getByTestId('remove-attachment-confirm').click();
      await deskFiles.locator('[data-testid="attachment-row"][data-removed="true"]').waitFor();
      expect(await deskFiles.getByTestId('attachment-removed').textContent()).toContain(`Removed by You`);

      // Billing reads it removed, with who and why, and can no longer download it.
      await billing.page.reload();
      await openTask(billing.page, 'work-folder-pool-billing-specialist');
      const removed = section.locator('[data-testid="attachment-row"][data-removed="true"]');
      await removed.waitFor();
      const said = (await removed.getByTestId('attachment-removed').textContent()) ?? '';
      expect(said).toContain(`Removed by ${DEMO_PEOPLE['front-desk']}`);
      expect(said).toContain(REASON);
      expect(await removed.getByTestId('attachment-download').count()).toBe(0);
      const gone = await billing.page.evaluate(async (id) => {
        const list = (await (await fetch(`/api/instances/${encodeURIComponent(id)}/attachments`)).json()) as {
          attachments: Array<{ id: string }>;
        };
        const response = await fetch(
          `/api/instances/${encodeURIComponent(id)}/attachments/${encodeURIComponent(list.attachments[0]!.id)}`,
        );
        return response.status;
      }, instanceId);
      expect(gone).toBe(410);
      // "History so far" says when the file was attached and when it came off, and why.
      const history = billing.page.getByTestId('task-history');
      await history.getByTestId('history-attachment-removed').waitFor();
      expect(await history.getByTestId('history-attached').first().textContent()).toContain(
        'Log the billing question and attach the statement',
      );
      expect(await history.getByTestId('history-attachment-removed').textContent()).toContain(REASON);
      await removed.scrollIntoViewIfNeeded();
      await screenshot(billing.page, 'attachments-removed');

      // Billing attaches the right statement, a photo the patient brought in.
      await section
        .getByTestId('attach-file-input')
        .setInputFiles({ name: 'statement-march.png', mimeType: 'image/png', buffer: PNG });
      await section.getByTestId('attach-file-confirm').click();
      await section.locator('[data-testid="attachment-row"][data-removed="false"]').waitFor();
      expect(await section.getByTestId('attachments-count').textContent()).toBe('1 file · 1 removed');
      // A photo is shown in the page on request, so it need not be saved on a shared computer.
      const photoRow = section.locator('[data-testid="attachment-row"][data-removed="false"]');
      expect(await photoRow.getByTestId('attachment-photo').count()).toBe(0);
      await photoRow.getByTestId('attachment-show').click();
      const shownPhoto = photoRow.getByTestId('attachment-photo');
      await shownPhoto.waitFor();
      await expect
        .poll(() => shownPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBe(1);
      expect(await shownPhoto.getAttribute('alt')).toBe('Attached: statement-march.png');
      expect(await seriousViolations(billing.page)).toEqual([]);
      await photoRow.getByTestId('attachment-show').click();
      await expect.poll(() => photoRow.getByTestId('attachment-photo').count()).toBe(0);

      // The auditor's replay lists both, read-only: the removed one with its reason, the other downloads.
      await signIn(auditor.page, server.url, 'auditor', PASSWORD);
      await auditor.page.goto(`${server.url}/audit/instances/${encodeURIComponent(instanceId)}`);
      // The timeline places each file among the events, without its name or why it came off (both may
      // name the patient): attached twice, taken off once.
      const timeline = auditor.page.getByTestId('audit-timeline');
      await expect.poll(() => timeline.getByTestId('timeline-file').count()).toBe(2);
      const takenOff = timeline.getByTestId('timeline-file-removed');
      expect(await takenOff.textContent()).toContain('File taken off with a reason');
      expect(await takenOff.textContent()).toMatch(/PDF · \d+ bytes/);
      expect(await timeline.getByTestId('timeline-file').first().textContent()).toContain(
        'File attached on “Log the billing question and attach the statement”',
      );
      expect(await timeline.textContent()).not.toContain(NAME_WORD);
      expect(await timeline.textContent()).not.toContain(REASON);
      await takenOff.scrollIntoViewIfNeeded();
      await screenshot(auditor.page, 'audit-timeline-files');
      // Shown with the values (a recorded read of patient data): the names, and why it came off.
      await auditor.page.getByTestId('timeline-reveal').click();
      await expect.poll(() => takenOff.textContent()).toContain(`Why: ${REASON}`);
      expect(await timeline.getByTestId('timeline-file-name').allTextContents()).toContain(`“${FILE_NAME}”`);
      await auditor.page.getByTestId('instance-data-toggle').click();
      await expect.poll(() => timeline.textContent()).not.toContain(NAME_WORD);
      const audit = auditor.page.getByTestId('audit-attachments');
      await audit.getByTestId('audit-attachments-toggle').click();
      const listed = audit.getByTestId('attachment-row');
      await expect.poll(() => listed.count()).toBe(2);
      expect(await listed.first().getByTestId('attachment-removed').textContent()).toContain(REASON);
      expect(await audit.getByTestId('attachment-remove').count()).toBe(0);
      expect(await audit.getByTestId('attach-file-input').count()).toBe(0);
      expect(await seriousViolations(auditor.page)).toEqual([]);
      const [photo] = await Promise.all([
        auditor.page.waitForEvent('download'),
        listed.nth(1).getByTestId('attachment-download').click(),
      ]);
      expect(photo.suggestedFilename()).toBe('statement-march.png');
      expect(readFileSync((await photo.path())!).equals(PNG)).toBe(true);

      // The file's name went into no address, log line or storage of any browser.
      for (const w of [frontWatch, billingWatch, auditorWatch]) {
        expect(w.seen.filter((s) => s.includes(NAME_WORD))).toEqual([]);
        expect(await w.stored()).not.toContain(NAME_WORD);
      }
    } finally {
      await auditor.close();
      await billing.close();
      await front.close();
    }
  });

  it('the front desk starts a billing question with its statement and a photo; a file that fails to send is sent again', async () => {
    const pdf = minimalPdf();
    const patient = 'DEMO-6102';
    const other = 'DEMO-6103';
    const statement = 'Statement Ana Ruiz April.pdf';
    const desk = await openBrowser(WIDE);
    const deskWatch = watch(desk.page);
    try {
      await signIn(desk.page, server.url, 'front-desk', PASSWORD);
      const openForm = async (patientRef = patient) => {
        await desk.page.getByTestId('new-request').click();
        await desk.page.getByTestId('new-request-workflow').click();
        await desk.page.getByRole('option', { name: 'Billing question' }).click();
        const form = desk.page.getByTestId('new-request-form');
        await form.locator('[data-testid="form-field-patient"]').fill(patientRef);
        await form.getByTestId('form-field-channel').click();
        await desk.page.getByRole('option', { name: 'Phone' }).click();
        return form;
      };
      const form = await openForm();
      await form.locator('[data-testid="form-field-question"]').fill('Why was I billed for April?');

      // The patient's statement, a text file named .pdf (refused as it is chosen), and a photo.
      const input = form.getByTestId('choose-files-input');
      await input.setInputFiles([
        { name: statement, mimeType: 'application/pdf', buffer: pdf },
        { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Balance due: $80\n') },
      ]);
      await form.getByTestId('choose-files-problem').waitFor();
      expect(await form.getByTestId('choose-files-problem').textContent()).toContain(
        '“notes.pdf” is named like a PDF, but its contents are not one',
      );
      await expect.poll(() => form.getByTestId('chosen-file').count()).toBe(1);
      await input.setInputFiles({ name: 'wrong-patient.png', mimeType: 'image/png', buffer: PNG });
      await expect.poll(() => form.getByTestId('chosen-file').count()).toBe(2);
      // Seen to be another patient's: taken off before anything is sent.
      await form.getByRole('button', { name: 'Take off wrong-patient.png' }).click();
      await expect.poll(() => form.getByTestId('chosen-file').count()).toBe(1);
      await input.setInputFiles({ name: 'referral-letter.png', mimeType: 'image/png', buffer: PNG });
      await expect.poll(() => form.getByTestId('chosen-file').count()).toBe(2);
      expect(await form.textContent()).toContain('Check each is this patient’s file');
      expect(await seriousViolations(desk.page)).toEqual([]);
      await screenshot(desk.page, 'new-request-files');
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page
        .getByText(`${patient} · Billing is in the Front desk receptionist pool, with 2 files attached.`)
        .waitFor();

      // Both are on the request's first step, in the front desk's pool.
      await openTaskBySubject(desk.page, 'work-folder-pool-front-desk', `${patient} · Billing`);
      const rows = desk.page.getByTestId('attachments').getByTestId('attachment-row');
      await expect.poll(() => rows.count()).toBe(2);
      for (const row of await rows.all())
        expect(await row.textContent()).toContain('on “Log the billing question and attach the statement”');
      expect(await rows.first().textContent()).toContain(statement);

      // A second call, about another patient; the connection drops while its file is sent. The request is started and says so;
      // the file is sent again from the same dialog, once.
      await desk.page.keyboard.press('Escape');
      const second = await openForm(other);
      await second.locator('[data-testid="form-field-question"]').fill('Payment plan for May');
      await second
        .getByTestId('choose-files-input')
        .setInputFiles({ name: statement, mimeType: 'application/pdf', buffer: pdf });
      await desk.page.route('**/attachments', (route) => route.abort('connectionfailed'));
      await desk.page.getByTestId('new-request-submit').click();
      const notAttached = desk.page.getByTestId('new-request-not-attached');
      await notAttached.waitFor();
      expect(await notAttached.textContent()).toContain('The request is started; 1 file not attached');
      expect(await notAttached.textContent()).toContain('could not be sent');
      expect(await second.locator('[data-testid="form-field-patient"]').isDisabled()).toBe(true);
      await desk.page.unroute('**/attachments');
      expect(await desk.page.getByTestId('new-request-submit').textContent()).toBe('Attach again');
      await desk.page.getByTestId('new-request-submit').click();
      await desk.page
        .getByText(`${other} · Billing is in the Front desk receptionist pool, with 1 file attached.`)
        .waitFor();
      const started = await desk.page.evaluate(async (subject) => {
        const pool = (await (await fetch('/api/tasks?scope=pool&limit=500')).json()) as {
          items: Array<{ instanceId: string; subject: string | null }>;
        };
        return pool.items.filter((t) => t.subject === subject).map((t) => t.instanceId);
      }, `${other} · Billing`);
      expect(started).toHaveLength(1);
      const files = await desk.page.evaluate(async (id) => {
        const answer = (await (
          await fetch(`/api/instances/${encodeURIComponent(id)}/attachments`)
        ).json()) as {
          attachments: unknown[];
        };
        return answer.attachments.length;
      }, started[0]!);
      expect(files).toBe(1);

      for (const word of ['Ruiz', 'referral-letter']) {
        expect(deskWatch.seen.filter((s) => s.includes(word))).toEqual([]);
        expect(await deskWatch.stored()).not.toContain(word);
      }
    } finally {
      await desk.close();
    }
  });
});

/** Opens a task of My work by the start of its subject. */
async function openTaskBySubject(page: Page, folder: string, subject: string) {
  await page.getByTestId(folder).click();
  await page.getByTestId('task-list').getByText(subject).first().click();
  await page.locator('[data-testid="task-panel"][data-task-id]').waitFor();
}
