import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parkedAt } from '../../../packages/engine/test/support/migration.ts';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A clinic lead moving running requests to a new version reads the clinic's words all the way:
 * requests, steps and versions; never the engine's (instances, definitions, ids, tokens, a "dry
 * run", a "migration").
 */

const LAB = 'lab-result-release';
const v2 = JSON.parse(
  readFileSync(new URL('../../../examples/versions/lab-result-release-v2.json', import.meta.url), 'utf8'),
);
const ENGINE_WORDS = /\b(instances?|definitions?|tokens?|ids?|dry[- ]run|migrat\w*|unmapped)\b/i;

let server: TestServer;

type InstanceBody = { instance: { id: string; active: Array<{ step: string; taskId: string }> } };

beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const current = await lead<{ draft: { revision: number } }>('GET', `/definitions/${LAB}`);
  await lead('PUT', `/definitions/${LAB}`, { definition: v2, revision: current.body.draft.revision });
  expect((await lead('POST', `/definitions/${LAB}/publish`, {})).status).toBe(200);
  // One request waiting at a step version 2 kept, one at a step it removed (it cannot move until matched).
  for (const at of ['harm-review+abnormal-review', 'normal-comment']) {
    const started = await lead<InstanceBody>('POST', '/instances', {
      definitionId: LAB,
      version: 1,
      data: { patient: 'DEMO-4001', test: 'Lipid panel' },
    });
    expect(started.status).toBe(201);
    let instance = started.body.instance;
    for (const event of parkedAt[at]!) {
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
  }
});
afterAll(async () => {
  await server?.stop();
});

/** The words on screen (and the names read out), without the step titles the clinic wrote. */
const wordsOf = (page: Page) =>
  page.getByTestId('migration-page').evaluate((el) => {
    const labels = [...el.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'));
    const values = [...el.querySelectorAll('input')].map((i) => i.value);
    return [el.textContent ?? '', ...labels, ...values].join('\n');
  });

describe('Moving running requests, in the clinic’s words', () => {
  it('names the move, the matching and the trial as a lead says them', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.getByTestId('workflows-page').waitFor();
      const link = page.getByTestId(`workflow-migrate-${LAB}`);
      expect(await link.textContent()).toBe('Move running requests to version 2');
      await link.click();
      // Before anything is matched, the page says what happens next.
      expect(await page.getByTestId('migrate-intro').textContent()).toContain(
        'try the move (nothing changes)',
      );
      const plan = page.getByTestId('migrate-plan');
      expect(await plan.textContent()).toBe('Move running requests to version 2');
      await plan.click();
      await page.getByTestId('mapping-table').waitFor();
      expect(await page.getByTestId('migration-page').textContent()).toContain('matched by the same step');
      expect(await page.getByTestId('mapping-row-abnormal-review').textContent()).toContain('same step');
      expect(await page.getByTestId('migrate-dry-run').textContent()).toBe('Try it first (nothing changes)');
      expect(await wordsOf(page)).not.toMatch(ENGINE_WORDS);
      // A long step title is read whole in its picker, not cut off at the box's edge.
      const cut = await page.getByTestId('mapping-table').evaluate((table) =>
        [...table.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')]
          .filter((box) => box.type !== 'hidden')
          .filter((box) => box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1)
          .map((box) => box.value),
      );
      expect(cut).toEqual([]);

      await page.getByTestId('migrate-dry-run').click();
      await page.getByTestId('dry-run-table').waitFor();
      expect(await wordsOf(page)).not.toMatch(ENGINE_WORDS);

      await page.getByTestId('migrate-apply').click();
      await page.getByTestId('migrate-confirm').click();
      await page.getByTestId('run-status').getByText('Done').waitFor({ timeout: 30_000 });
      // The request left on version 1 is named as the trial named it, not by a code.
      const left = page.getByTestId('run-left-behind');
      expect(await left.textContent()).toContain('DEMO-4001 · Result: Lipid panel');
      expect(await left.textContent()).not.toMatch(/\b[0-9a-f]{8}\b/);
      expect(await left.textContent()).toContain('has no step to continue at in version 2');
      expect(await wordsOf(page)).not.toMatch(ENGINE_WORDS);
    } finally {
      await b.close();
    }
  });
});
