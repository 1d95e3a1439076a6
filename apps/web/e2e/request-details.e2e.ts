import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Request details read as label and answer: a long question wraps in its own column, and a short
 * answer ("Yes", "$1,250.50") stays whole on one line beside it, wherever the details are shown.
 */

let server: TestServer;
let instanceId = '';
let checkTask = '';
beforeAll(async () => {
  server = await startTestServer();
  // A billing question logged at the desk and checked by billing: its answers include the long
  // yes/no question "The balance comes from an insurance problem (denial, wrong payer, missing claim)".
  const desk = await apiSession(server.url, 'front-desk', PASSWORD);
  const started = await desk<{ instance: { id: string; active: { taskId: string }[] } }>(
    'POST',
    '/requests',
    {
      definitionId: 'billing-question',
      data: { patient: 'DEMO-5901', channel: 'portal' },
    },
  );
  expect(started.status).toBe(201);
  instanceId = started.body.instance.id;
  const log = encodeURIComponent(started.body.instance.active[0]!.taskId);
  expect((await desk('POST', `/tasks/${log}/claim`, {})).status).toBe(200);
  const logged = await desk<{ instance: { active: { taskId: string }[] } }>(
    'POST',
    `/tasks/${log}/complete`,
    {
      outcome: 'logged',
      data: { requestType: 'insurance-denial', statementNumber: 'ST-590101', guarantorName: 'Self' },
    },
  );
  expect(logged.status).toBe(200);
  checkTask = logged.body.instance.active[0]!.taskId;
  const billing = await apiSession(server.url, 'billing-specialist', PASSWORD);
  const check = encodeURIComponent(checkTask);
  expect((await billing('POST', `/tasks/${check}/claim`, {})).status).toBe(200);
  const checked = await billing('POST', `/tasks/${check}/complete`, {
    outcome: 'checked',
    data: { guarantorCorrect: true, insuranceIssue: true, balance: 1250.5 },
  });
  expect(checked.status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

const LONG_QUESTION = 'The balance comes from an insurance problem';

/** How many lines an element's text takes (the distinct tops of its text's boxes). */
const linesOf = (element: Locator) =>
  element.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = [...range.getClientRects()]
      .filter((r) => r.width > 1 && r.height > 1)
      .map((r) => Math.round(r.top));
    return new Set(tops).size;
  });

/** Every one-word answer in the list whose text takes more than one line. */
async function brokenAnswers(page: Page): Promise<string[]> {
  const values = page.getByTestId('instance-data').locator('dd');
  const broken: string[] = [];
  for (const value of await values.all()) {
    const text = (await value.textContent())?.trim() ?? '';
    if (!/\s/.test(text) && (await linesOf(value)) > 1) broken.push(text);
  }
  return broken;
}

describe('Request details', () => {
  for (const size of [
    { width: 1366, height: 900 },
    { width: 1280, height: 800 },
    { width: 768, height: 1024 },
  ]) {
    it(`a long question wraps and its short answer stays whole at ${size.width} px`, async () => {
      const b = await openBrowser(size);
      try {
        const { page } = b;
        await signIn(page, server.url, 'billing-specialist', PASSWORD);
        await page.goto(`${server.url}/work?folder=done&task=${encodeURIComponent(checkTask)}`);
        const data = page.getByTestId('instance-data');
        await data.getByText(LONG_QUESTION).waitFor();
        const row = data.locator('div', { has: page.getByText(LONG_QUESTION) }).last();
        expect((await row.locator('dd').textContent())?.trim()).toBe('Yes');
        expect(await brokenAnswers(page)).toEqual([]);
        // Each answer starts at the same place, beside its question.
        const starts = await data
          .locator('dd')
          .evaluateAll((dds) => new Set(dds.map((dd) => Math.round(dd.getBoundingClientRect().left))).size);
        expect(starts).toBe(1);
        if (size.width === 1366) await screenshot(page, 'my-work-request-details');
      } finally {
        await b.close();
      }
    });
  }

  it('the auditor’s instance data keeps a short answer on one line beside a long question', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'auditor', PASSWORD);
      await page.goto(`${server.url}/audit/instances/${encodeURIComponent(instanceId)}`);
      await page.getByTestId('instance-data-toggle').click();
      const table = page.getByTestId('instance-data-table');
      const row = table.locator('tbody tr', { hasText: LONG_QUESTION });
      await row.waitFor();
      for (const cell of await row
        .locator('td')
        .all()
        .then((cells) => cells.slice(1)))
        expect(await linesOf(cell)).toBe(1);
    } finally {
      await b.close();
    }
  });
});
