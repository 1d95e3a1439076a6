import type { Definition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead publishing version 2 while a request runs on version 1, and keeping her list of workflows:
 * the publish dialog counts the running requests and lists every change in words; a scratch draft is
 * deleted, a published workflow retired and brought back; importing one already in the list says one
 * thing and offers the ways on.
 */
const TRIAGE = 'portal-message-triage';
let server: TestServer;

type Task = Extract<Definition['steps'][string], { type: 'task' }>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('publishing version 2 while a request runs on version 1', () => {
  it('says how many stay on version 1 and every change of the changed step, the new field included', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const started = await lead('POST', '/instances', {
      definitionId: TRIAGE,
      data: { subject: 'Refill question', patient: 'DEMO-5001', message: 'Can I get more of my inhaler?' },
    });
    expect(started.status).toBe(201);
    const got = await lead<{ draft: { definition: Definition; revision: number } }>(
      'GET',
      `/definitions/${TRIAGE}`,
    );
    const definition = structuredClone(got.body.draft.definition);
    const sort = definition.steps['sort-message'] as Task;
    sort.form = [
      ...(sort.form ?? []),
      { id: 'payer-reference', label: 'Payer reference number', type: 'text', required: true },
    ];
    sort.help =
      'Read the whole message first. Billing questions go to billing with the payer reference number.';
    const saved = await lead('PUT', `/definitions/${TRIAGE}`, {
      definition,
      revision: got.body.draft.revision,
    });
    expect(saved.status).toBe(200);

    const b = await openBrowser({ width: 1440, height: 900 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/${TRIAGE}`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.getByTestId('publish-button').click();
      const summary = page.getByTestId('publish-summary');
      await summary.waitFor();
      const running = summary.getByTestId('publish-running');
      const counted = await lead<{ versions: Array<{ version: number; running: number }> }>(
        'GET',
        `/definitions/${TRIAGE}/running`,
      );
      const onV1 = counted.body.versions.find((v) => v.version === 1)?.running ?? 0;
      expect(onV1).toBeGreaterThanOrEqual(1);
      await running
        .getByText(
          onV1 === 1
            ? '1 request is still running on version 1: it stays on version 1'
            : `${onV1} requests are still running on version 1: they stay on version 1`,
        )
        .waitFor();
      await running.getByRole('link', { name: 'move running requests to version 2' }).waitFor();
      const changed = await summary.getByTestId('publish-changed').textContent();
      expect(changed).toContain('New field “Payer reference number” (required)');
      expect(changed).toContain('Help text changed to: “Read the whole message first.');
      const roles = await summary.getByTestId('publish-roles').textContent();
      expect(roles).toContain('“Sort the portal message”: New field “Payer reference number” (required)');
      await screenshot(page, 'publish-v2-running-and-changes');
    } finally {
      await b.close();
    }
  });
});

describe('keeping the list of workflows', () => {
  it('deletes a scratch draft, retires a published workflow (Show retired finds it) and brings it back', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const scratch = {
      id: 'undo-check-189',
      title: 'Undo check 189',
      roles: [{ id: 'front-desk', name: 'Front desk' }],
      start: 'done',
      steps: { done: { type: 'end', title: 'Done' } },
    };
    expect((await lead('POST', '/definitions', { definition: scratch })).status).toBe(201);
    const b = await openBrowser({ width: 1440, height: 900 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows`);
      await page.getByTestId('workflow-row-undo-check-189').waitFor();
      await page.getByTestId('workflow-keep-undo-check-189').click();
      const dialog = page.getByTestId('keep-workflow-dialog');
      await dialog.getByText('It was never published').waitFor();
      await dialog.getByRole('button', { name: 'Delete draft' }).click();
      await expect.poll(() => page.getByTestId('workflow-row-undo-check-189').count()).toBe(0);

      await page.getByTestId(`workflow-keep-${TRIAGE}`).click();
      await dialog
        .getByTestId('keep-running')
        .getByText(/still running on it/)
        .waitFor();
      expect(await page.getByTestId(`workflow-keep-${TRIAGE}`).textContent()).toBe('Retire');
      await screenshot(page, 'workflows-retire-confirm');
      await dialog.getByRole('button', { name: 'Retire workflow' }).click();
      await expect.poll(() => page.getByTestId(`workflow-row-${TRIAGE}`).count()).toBe(0);
      const startable = await lead<{ workflows: Array<{ definitionId: string }> }>(
        'GET',
        '/requests/startable',
      );
      expect(startable.body.workflows.map((w) => w.definitionId)).not.toContain(TRIAGE);

      await page.getByTestId('show-retired').check({ force: true });
      await page.getByTestId(`workflow-retired-${TRIAGE}`).waitFor();
      await screenshot(page, 'workflows-show-retired');
      await page.getByTestId(`workflow-keep-${TRIAGE}`).click();
      await dialog.getByRole('button', { name: 'Bring back' }).click();
      await expect.poll(() => page.getByTestId(`workflow-retired-${TRIAGE}`).count()).toBe(0);
      await page.getByTestId(`workflow-row-${TRIAGE}`).waitFor();
    } finally {
      await b.close();
    }
  });

  it('importing a workflow already in the list says one thing, and imports it as a copy when asked', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const got = await lead<{ latest: { definition: Definition } }>('GET', `/definitions/${TRIAGE}`);
    const file = Buffer.from(JSON.stringify(got.body.latest.definition, null, 2));
    const b = await openBrowser({ width: 1440, height: 900 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows`);
      await page.getByTestId(`workflow-row-${TRIAGE}`).waitFor();
      await page
        .getByTestId('import-file-input')
        .setInputFiles({ name: `${TRIAGE}.json`, mimeType: 'application/json', buffer: file });
      const conflict = page.getByTestId('import-conflict');
      await conflict.getByText(/^Nothing was imported/).waitFor();
      // One message: no "Imported" beside it.
      expect(await page.getByText(/^Imported/).count()).toBe(0);
      expect(await page.getByTestId('import-copy-title').inputValue()).toBe(
        `${got.body.latest.definition.title} (copy)`,
      );
      await screenshot(page, 'workflows-import-already-there');
      await page.getByTestId('import-copy').click();
      await page.waitForURL(/\/workflows\/patient-portal-message-triage-copy$/);
      await page.getByTestId('editor-canvas').waitFor();
    } finally {
      await b.close();
    }
  });
});
