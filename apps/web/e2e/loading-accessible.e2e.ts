import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * What shows while a list, a task, its history or its files are still being read (a slow network, a busy
 * server) is checked as the finished screen is: a screen reader hears what is loading, and nothing
 * on it breaks the accessibility rules.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Holds the page's GET requests whose path matches until `release` is called. */
async function hold(page: Page, path: RegExp): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => path.test(url.pathname),
    async (route: Route) => {
      if (route.request().method() !== 'GET') return route.continue();
      await released;
      return route.continue().catch(() => {});
    },
  );
  return release;
}

const loading = (page: Page, name: string) => page.locator(`[aria-busy="true"][aria-label="${name}"]`);

describe('a screen still loading', () => {
  it('My work’s list, a task, its history and its files break no accessibility rule while they load', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'medical-assistant', PASSWORD);
      const list = await hold(page, /^\/api\/tasks$/);
      await page.reload();
      await loading(page, 'Loading tasks').waitFor();
      expect(await page.getByRole('status', { name: 'Loading tasks' }).count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      list();
      await page.getByTestId('work-folder-pool-medical-assistant').click();

      const task = await hold(page, /^\/api\/tasks\/[^/]+$/);
      const history = await hold(page, /^\/api\/instances\/[^/]+\/history$/);
      const files = await hold(page, /^\/api\/instances\/[^/]+\/attachments$/);
      await page.locator('[data-testid^="task-row-"]').first().click();
      await loading(page, 'Loading task').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      task();
      await loading(page, 'Loading history').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      history();
      await page.locator('[aria-label="Loading attached files"]').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      files();
      await page.getByTestId('task-form').waitFor();
    } finally {
      await b.close();
    }
  });

  it('the Team page breaks no accessibility rule while its tasks load', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      const { page } = b;
      await signIn(page, server.url, 'lead', PASSWORD);
      const list = await hold(page, /^\/api\/tasks$/);
      await page.getByRole('link', { name: 'Team' }).click();
      await loading(page, 'Loading tasks').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      list();
    } finally {
      await b.close();
    }
  });
});
