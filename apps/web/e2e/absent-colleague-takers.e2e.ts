import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * A lead marks a colleague absent and hands their work to a person: only people who can take that
 * work are offered (active accounts holding the role of every task that moves), and when nobody can,
 * the dialog says so instead of offering people the server would refuse.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const OTHER_PASSWORD = 'a long password for the team';

/** The people the dialog offers for Keisha Brown's (the demo medical assistant's) open work. */
async function offeredFor(page: Page): Promise<string[]> {
  await page.goto(`${server.url}/team`);
  await page.getByTestId('team-table').waitFor();
  await page.getByTestId('absent-reassign-button').click();
  await page.getByTestId('reassign-from').click();
  await page.getByRole('option', { name: /^Keisha Brown · \d+ open$/ }).click();
  await page.getByTestId('reassign-target-person').click();
  const select = page.getByTestId('reassign-person');
  if ((await select.count()) === 0) return [];
  await select.click();
  const names = await page.getByRole('listbox').getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  return names;
}

describe('Colleague absent: who can take the work', () => {
  it('says plainly when nobody holds open work, instead of an empty list', async () => {
    const b = await openBrowser({ width: 1366, height: 768 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/team`);
      await page.getByTestId('team-table').waitFor();
      await page.getByTestId('absent-reassign-button').click();
      const none = page.getByTestId('reassign-from-none');
      await none.waitFor({ timeout: 5000 });
      expect(await none.textContent()).toContain('Nobody holds an open task now');
      expect(await page.getByTestId('reassign-from').count()).toBe(0);
    } finally {
      await b.close();
    }
  });

  it('offers only active people holding the role, and says so when nobody can', async () => {
    const admin = await apiSession(server.url, 'admin', PASSWORD);
    // Keisha, the demo's only medical assistant, holds a result to verify.
    const keisha = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const pool = await keisha<{ items: Array<{ id: string }> }>(
      'GET',
      '/tasks?scope=pool&role=medical-assistant',
    );
    expect((await keisha('POST', `/tasks/${encodeURIComponent(pool.body.items[0]!.id)}/claim`)).status).toBe(
      200,
    );
    // Someone of another role, who cannot take it.
    expect(
      (
        await admin('POST', '/users', {
          username: 'dee-desk',
          displayName: 'Dee Desk',
          roles: ['front-desk'],
          password: OTHER_PASSWORD,
        })
      ).status,
    ).toBe(201);

    const b = await openBrowser({ width: 1366, height: 768 });
    const page = b.page;
    try {
      await signIn(page, server.url, 'lead', PASSWORD);
      expect(await offeredFor(page)).toEqual([]);
      const nobody = page.getByTestId('reassign-nobody');
      await nobody.waitFor();
      expect(await nobody.textContent()).toContain('Nobody else holds the role Medical assistant');
      await page.keyboard.press('Escape');

      // Two more medical assistants: one active, one whose account is disabled.
      for (const [username, displayName] of [
        ['jane-doe', 'Jane Doe'],
        ['sam-okafor', 'Sam Okafor'],
      ] as const)
        expect(
          (
            await admin('POST', '/users', {
              username,
              displayName,
              roles: ['medical-assistant'],
              password: OTHER_PASSWORD,
            })
          ).status,
        ).toBe(201);
      const people = await admin<{ users: Array<{ id: string; username: string }> }>('GET', '/users');
      const sam = people.body.users.find((u) => u.username === 'sam-okafor')!;
      expect((await admin('PATCH', `/users/${sam.id}`, { disabled: true })).status).toBe(200);

      const offered = await offeredFor(page);
      expect(offered).toHaveLength(1);
      expect(offered[0]).toContain('Jane Doe');
      expect(await page.getByTestId('reassign-nobody').count()).toBe(0);
    } finally {
      await b.close();
    }
  });
});
