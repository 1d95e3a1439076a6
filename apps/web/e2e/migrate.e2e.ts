import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parkedAt } from '../../../packages/engine/test/support/migration.ts';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

const LAB = 'lab-result-release';
const v2 = JSON.parse(
  readFileSync(new URL('../../../examples/versions/lab-result-release-v2.json', import.meta.url), 'utf8'),
);

let server: TestServer;
const parked: string[] = [];

type InstanceBody = {
  instance: { id: string; version: number; active: Array<{ step: string; taskId: string }> };
};

beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const current = await lead<{ draft: { revision: number } }>('GET', `/definitions/${LAB}`);
  expect(
    (await lead('PUT', `/definitions/${LAB}`, { definition: v2, revision: current.body.draft.revision }))
      .status,
  ).toBe(200);
  expect((await lead('POST', `/definitions/${LAB}/publish`, {})).status).toBe(200);
  // Instances of version 1 parked at every step, driven through the task API by each step's role.
  const sessions = new Map<string, Awaited<ReturnType<typeof apiSession>>>();
  const as = async (user: string) => {
    if (!sessions.has(user)) sessions.set(user, await apiSession(server.url, user, PASSWORD));
    return sessions.get(user)!;
  };
  for (const events of Object.values(parkedAt)) {
    const started = await lead<InstanceBody>('POST', '/instances', {
      definitionId: LAB,
      version: 1,
      // Version 1's start form (the example's): the patient and the test.
      data: { patient: 'DEMO-4001', test: 'Lipid panel' },
    });
    expect(started.status).toBe(201);
    let instance = started.body.instance;
    for (const event of events) {
      if (event.type !== 'complete') continue;
      const task = instance.active.find((a) => a.step === event.step)!;
      const res = await (await as(event.role))<InstanceBody>('POST', `/tasks/${task.taskId}/complete`, {
        outcome: event.outcome,
        ...(event.data ? { data: event.data } : {}),
      });
      expect(res.status, `${event.step}: ${JSON.stringify(res.body)}`).toBe(200);
      instance = res.body.instance;
    }
    parked.push(instance.id);
  }
});
afterAll(async () => {
  await server?.stop();
});

describe('Migration screen', () => {
  it('a lead plans a migration, edits a mapping, dry-runs it and applies it', async () => {
    const b = await openBrowser({ width: 1360, height: 900 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByTestId('workflows-page').waitFor();
      await page.getByTestId(`workflow-migrate-${LAB}`).click();
      await page.getByTestId('migration-page').waitFor();
      await page.getByTestId('migrate-plan').click();
      await page.getByTestId('mapping-table').waitFor();
      // Matched by the same step: the renamed step by its title, as people know it; the removed one not matched.
      expect(await page.getByTestId('mapping-select-abnormal-call').inputValue()).toBe(
        'Call the patient about the abnormal result and book follow-up',
      );
      expect(await page.getByTestId('mapping-select-normal-comment').inputValue()).toContain('None');

      await page.getByTestId('migrate-dry-run').click();
      await page.getByTestId('dry-run-table').waitFor();
      const blocked = page.getByTestId(`dry-run-row-${parked[5]}`).getByTestId('cannot-move');
      expect(await blocked.textContent()).toContain(
        '“Explain the normal result in plain language” has no step to continue at in version 2',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('dry-run-summary').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'migrate-dry-run-blocked');

      // Edit the removed step's mapping: normal results go to the provider's review in version 2.
      await page.getByTestId('mapping-select-normal-comment').click();
      await page.getByRole('option', { name: 'Review the abnormal result and write the plan' }).click();
      await page
        .getByTestId('mapping-row-normal-comment')
        .getByText('not matched')
        .waitFor({ state: 'detached' });
      await page.getByTestId('migrate-dry-run').click();
      await page.getByTestId('dry-run-table').waitFor();
      await page.getByTestId('dry-run-summary').getByText('0 cannot move').waitFor();
      const release = page.getByTestId(`dry-run-row-${parked[4]}`);
      expect(await release.textContent()).toContain('new owner: Medical assistant');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'migrate-plan');
      await page.getByTestId('dry-run-summary').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'migrate-dry-run');

      await page.getByTestId('migrate-apply').click();
      await page.getByTestId('migrate-confirm').click();
      await page.getByTestId('run-progress').waitFor();
      await page.getByTestId('run-status').getByText('Done').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('run-counts').textContent()).toMatch(
        /^\d+ moved · 0 left on the old version/,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'migrate-applied');
    } finally {
      await b.close();
    }
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    for (const id of parked) {
      expect((await lead<InstanceBody>('GET', `/instances/${id}`)).body.instance.version).toBe(2);
    }
    const auditor = await apiSession(server.url, 'auditor', PASSWORD);
    expect((await auditor<{ ok: boolean }>('GET', '/audit/verify')).body.ok).toBe(true);
  });
});
