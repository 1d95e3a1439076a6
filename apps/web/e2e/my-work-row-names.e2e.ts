import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A task row in My work shows its workflow and its role in full, however long: the longest bundled
 * workflow name with the longest role title wraps onto a second line, on a clinic laptop and on a
 * tablet, rather than ending in "…" (the end of the role's title was hidden).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The longest workflow name and role title a bundled task row shows together (68 letters). */
const WORKFLOW = 'Portal enrollment and activation';
const ROLE = 'Patient portal enrollment specialist';

/** An enrollment the front desk started: its first task waits in the enrollment specialists' pool. */
async function longNamedTask(patient: string): Promise<string> {
  const desk = await apiSession(server.url, 'front-desk', PASSWORD);
  const started = await desk<{ instance: { active: { taskId: string }[] } }>('POST', '/requests', {
    definitionId: 'enrollment-activation',
    data: { patient, site: 'Main street clinic' },
  });
  expect(started.status).toBe(201);
  return started.body.instance.active[0]!.taskId;
}

/**
 * Every element of the row whose text is wider than its box (cut, with or without an ellipsis), or
 * taller than it (cut after some lines). The request's subject alone may stop after two lines: it is
 * the clinic's own text, of any length, and the task says it in full.
 */
async function clipped(page: Page, id: string): Promise<string[]> {
  return page.getByTestId(`task-row-${id}`).evaluate((row) =>
    [row, ...row.querySelectorAll('*')]
      // Words only a screen reader says (", unassigned") sit in a 1 px box on purpose.
      .filter((el) => !el.closest('.visually-hidden'))
      .filter((el) => (el.textContent ?? '').trim() !== '')
      .filter(
        (el) =>
          el.scrollWidth > el.clientWidth + 1 ||
          (el.scrollHeight > el.clientHeight + 1 && !el.closest('[data-testid="task-row-subject"]')),
      )
      .map(
        (el) =>
          `${(el.textContent ?? '').trim()} (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`,
      ),
  );
}

describe('a task row with long names', () => {
  for (const [name, size] of [
    ['laptop', { width: 1280, height: 800 }],
    ['tablet', { width: 768, height: 1024 }],
  ] as const) {
    it(`shows the workflow and the role in full on a ${name} (${size.width} px)`, async () => {
      const task = await longNamedTask(`DEMO-${size.width}`);
      const b = await openBrowser(size);
      try {
        const { page } = b;
        await signIn(page, server.url, 'portal-enrollment-specialist', PASSWORD);
        await page.getByTestId('work-folder-pool-portal-enrollment-specialist').click();
        const row = page.getByTestId(`task-row-${task}`);
        await row.waitFor();
        expect(await row.getByText(`${WORKFLOW} · ${ROLE}`, { exact: true }).count()).toBe(1);
        expect(await clipped(page, task)).toEqual([]);
        await screenshot(page, name === 'tablet' ? 'my-work-long-names-tablet' : 'my-work-long-names');
      } finally {
        await b.close();
      }
    });
  }
});
