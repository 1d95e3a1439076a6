import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parkedAt } from '../../../packages/engine/test/support/migration.ts';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

const LAB = 'lab-result-release';
const v2 = JSON.parse(
  readFileSync(new URL('../../../examples/versions/lab-result-release-v2.json', import.meta.url), 'utf8'),
);

type InstanceBody = {
  instance: { id: string; active: Array<{ step: string; taskId: string }> };
};

let server: TestServer;
let parked: string;
let subject: string;

/**
 * Version 2 of the lab example shortens the abnormal result's review from 2 business days to 1. A
 * lead about to move the running requests reads, on each row of the dry run, which request it is (its
 * subject, as on the Team page) and that this one's review will fall due sooner, with the time before.
 */
beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const current = await lead<{ draft: { revision: number } }>('GET', `/definitions/${LAB}`);
  await lead('PUT', `/definitions/${LAB}`, { definition: v2, revision: current.body.draft.revision });
  expect((await lead('POST', `/definitions/${LAB}/publish`, {})).status).toBe(200);
  const started = await lead<InstanceBody>('POST', '/instances', {
    definitionId: LAB,
    version: 1,
    data: { patient: 'DEMO-4001', test: 'Lipid panel' },
  });
  expect(started.status).toBe(201);
  let instance = started.body.instance;
  for (const event of parkedAt['harm-review+abnormal-review']!) {
    if (event.type !== 'complete') continue;
    const task = instance.active.find((a) => a.step === event.step)!;
    const as = await apiSession(server.url, event.role!, PASSWORD);
    const res = await as<InstanceBody>('POST', `/tasks/${task.taskId}/complete`, {
      outcome: event.outcome,
      data: event.data,
    });
    expect(res.status).toBe(200);
    instance = res.body.instance;
  }
  parked = instance.id;
  const open = await lead<{ items: Array<{ id: string; subject: string }> }>(
    'GET',
    `/instances?definitionId=${LAB}&status=active`,
  );
  subject = open.body.items.find((i) => i.id === parked)!.subject;
  expect(subject).toContain('DEMO-4001');
});
afterAll(async () => {
  await server?.stop();
});

describe('Moving running requests: the dry run', () => {
  it('names each request by its subject and shows a due time that changes', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByTestId('workflows-page').waitFor();
      await page.getByTestId(`workflow-migrate-${LAB}`).click();
      await page.getByTestId('migrate-plan').click();
      await page.getByTestId('mapping-table').waitFor();
      await page.getByTestId('migrate-dry-run').click();
      const row = page.getByTestId(`dry-run-row-${parked}`);
      await row.waitFor();
      expect(await row.getByTestId('dry-run-subject').textContent()).toBe(subject);
      const changes = row.getByTestId('due-changes');
      expect(await changes.count()).toBe(1);
      expect(await changes.textContent()).toMatch(/^new due .+ \(was .+\)$/);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
