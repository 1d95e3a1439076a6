import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const NEW_PASSWORD = 'second assistant chooses this';
const JANE_PASSWORD = 'jane reads the biopsy results';

describe('account administration', () => {
  it('admin adds a medical assistant with a one-time code; they set a password and sign in; disabling them ends their session', async () => {
    const admin = await openBrowser();
    const person = await openBrowser();
    try {
      await signIn(admin.page, server.url, 'admin', PASSWORD);
      await admin.page.getByRole('link', { name: 'Accounts' }).click();
      await admin.page.getByTestId('people-table').waitFor();
      // Listed by the name shown first, as a staff list reads (not by username).
      const names = await admin.page
        .locator('[data-testid="people-table"] tbody tr td:first-child p:first-child')
        .allTextContents();
      expect(names.length).toBeGreaterThan(10);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
      await admin.page.getByRole('button', { name: 'Add person' }).click();
      const dialog = admin.page.getByRole('dialog');
      const username = dialog.getByRole('textbox', { name: /^Username/ });
      // The hint says what the rule allows, underscores included.
      expect(await dialog.textContent()).toContain(
        '2 to 64 lowercase letters, digits, dots (.), underscores (_) and dashes (-), starting with a letter or digit',
      );
      // Sent empty: the app's own message on the field, not the browser's.
      await dialog.getByRole('button', { name: 'Add person' }).click();
      await dialog.getByText('Username is required').waitFor();
      await dialog.getByText('Pick at least one role: what this person does in the clinic').waitFor();
      expect(await username.evaluate((el) => (el as HTMLInputElement).validationMessage)).toBe('');
      // After that first try the error follows what is typed: wrong, then right.
      await username.fill('Ma Second');
      await dialog.getByText(/^Username must be 2 to 64 lowercase letters/).waitFor();
      await screenshot(admin.page, 'accounts-add-person-username');
      await username.fill('ma_second');
      await dialog.getByText(/^Username must be/).waitFor({ state: 'detached' });
      expect(await username.getAttribute('aria-invalid')).not.toBe('true');
      await username.fill('ma-second');
      await dialog.getByRole('textbox', { name: /^Full name/ }).fill('Maria Second');
      await dialog.getByLabel(/^Roles/).click();
      await admin.page
        .getByRole('option', { name: /Medical assistant/i })
        .first()
        .click();
      await admin.page.keyboard.press('Tab');
      await dialog.getByRole('button', { name: 'Add person' }).click();
      const code =
        (await admin.page.getByTestId('one-time-code').locator('[data-code]').getAttribute('data-code')) ??
        '';
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      await screenshot(admin.page, 'accounts-one-time-code');
      await admin.page.getByRole('button', { name: 'Done' }).click();

      // The new person redeems the code on the sign-in page, then signs in with their own password.
      await person.page.goto(server.url);
      await person.page.getByRole('button', { name: /one-time code/ }).click();
      await person.page.getByRole('textbox', { name: /^Username/ }).fill('ma-second');
      await person.page.getByRole('textbox', { name: /^One-time code/ }).fill(code);
      await person.page.locator('input[autocomplete="new-password"]').nth(0).fill(NEW_PASSWORD);
      await person.page.locator('input[autocomplete="new-password"]').nth(1).fill(NEW_PASSWORD);
      await person.page.getByRole('button', { name: 'Set password' }).click();
      await expect(
        person.page.getByRole('status').filter({ hasText: 'Password set' }).textContent(),
      ).resolves.toContain('new password');
      await signIn(person.page, server.url, 'ma-second', NEW_PASSWORD);
      expect(await person.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);

      // The admin sees them signed in, with a session, and disables the account.
      await admin.page.reload();
      const row = admin.page.locator('[data-username="ma-second"]');
      await expect(row.textContent()).resolves.toContain('Active');
      await screenshot(admin.page, 'accounts');
      expect(await seriousViolations(admin.page)).toEqual([]);
      await row.getByRole('button', { name: /Manage/ }).click();
      await admin.page.getByTestId('person-sessions').waitFor();
      await screenshot(admin.page, 'accounts-person');
      await admin.page.getByRole('button', { name: 'Disable account' }).click();
      const confirm = admin.page.getByTestId('confirm-disable');
      await expect(confirm.getByTestId('confirm-disable-tasks').textContent()).resolves.toBe(
        'Maria Second holds no open tasks.',
      );
      await confirm.getByRole('button', { name: 'Disable account' }).click();
      await admin.page.getByRole('button', { name: 'Enable account' }).waitFor();
      expect(await person.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);

      // The change history says who did what, old → new.
      await admin.page.keyboard.press('Escape');
      await admin.page.getByRole('tab', { name: 'Change history' }).click();
      const trail = admin.page.getByTestId('account-changes');
      await expect(trail.textContent()).resolves.toContain('Maria Second');
      await screenshot(admin.page, 'accounts-history');

      // A staff list is previewed row by row before anything is written.
      await admin.page.getByRole('tab', { name: 'Import staff list' }).click();
      await admin.page
        .getByRole('textbox', { name: /paste it here/ })
        .fill(
          'username,display name,roles\nfd-two,Frank Desk,front-desk\nBad Name,Someone,front-desk\npharm,Pat,pharmacist',
        );
      await admin.page.getByRole('button', { name: 'Preview' }).click();
      const preview = admin.page.getByTestId('import-preview');
      await expect(preview.textContent()).resolves.toContain('unknown role: pharmacist');
      await screenshot(admin.page, 'accounts-import');
    } finally {
      await person.close();
      await admin.close();
    }
  });

  it('disabling a person who holds tasks: the dialog names them, the work goes back to the pools, and every screen keeps their name', async () => {
    const admin = await openBrowser();
    const jane = await openBrowser();
    const lead = await openBrowser();
    try {
      const asAdmin = await apiSession(server.url, 'admin', PASSWORD);
      // Jane Doe, a medical assistant, claims two results; she has one of them open on her screen.
      const made = await asAdmin<{ user: { id: string } }>('POST', '/users', {
        username: 'jane-doe',
        displayName: 'Jane Doe',
        roles: ['medical-assistant'],
        password: JANE_PASSWORD,
      });
      expect(made.status).toBe(201);
      const janeId = made.body.user.id;
      const asJane = await apiSession(server.url, 'jane-doe', JANE_PASSWORD);
      const pool = await asJane<{ items: Array<{ id: string; instanceId: string }> }>(
        'GET',
        '/tasks?scope=pool&role=medical-assistant',
      );
      const claimed = pool.body.items.slice(0, 2);
      expect(claimed).toHaveLength(2);
      for (const task of claimed)
        expect((await asJane('POST', `/tasks/${encodeURIComponent(task.id)}/claim`)).status).toBe(200);

      // An account disabled before disabling returned work still holds a task (disabled in the store,
      // as the clinic's data may already hold one): the Team page must name that holder too.
      const sam = await asAdmin<{ user: { id: string } }>('POST', '/users', {
        username: 'sam-okafor',
        displayName: 'Sam Okafor',
        roles: ['medical-assistant'],
        password: JANE_PASSWORD,
      });
      const asSam = await apiSession(server.url, 'sam-okafor', JANE_PASSWORD);
      const strandedTask = pool.body.items[2]!;
      expect((await asSam('POST', `/tasks/${encodeURIComponent(strandedTask.id)}/claim`)).status).toBe(200);
      await server.server.store.disableUser(sam.body.user.id);

      await signIn(jane.page, server.url, 'jane-doe', JANE_PASSWORD);
      await jane.page.getByTestId(`task-row-${claimed[0]!.id}`).click();
      await jane.page.getByTestId('task-panel').waitFor();

      // The admin disables her: the dialog says first how much work goes back.
      await signIn(admin.page, server.url, 'admin', PASSWORD);
      await admin.page.getByRole('link', { name: 'Accounts' }).click();
      await admin.page
        .locator('[data-username="jane-doe"]')
        .getByRole('button', { name: /Manage/ })
        .click();
      await admin.page.getByRole('button', { name: 'Disable account' }).click();
      const confirm = admin.page.getByTestId('confirm-disable');
      await expect(confirm.getByTestId('confirm-disable-tasks').textContent()).resolves.toBe(
        'Jane Doe holds 2 open tasks; they go back to their pools.',
      );
      expect(await seriousViolations(admin.page)).toEqual([]);
      await screenshot(admin.page, 'accounts-disable-confirm');
      await confirm.getByRole('button', { name: 'Disable account' }).click();
      await expect(
        admin.page
          .locator('.mantine-Notification-root')
          .filter({ hasText: 'Jane Doe is disabled' })
          .first()
          .textContent(),
      ).resolves.toContain('2 open tasks went back to their pools');
      await admin.page.getByRole('button', { name: 'Enable account' }).waitFor();

      // Her screen leaves the patient's task at once, without a click: the sign-in page shows.
      await jane.page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10_000 });
      expect(await jane.page.getByTestId('task-panel').count()).toBe(0);
      // The sign-in page says why she is there, and her right password says the account is disabled.
      await jane.page.getByTestId('session-ended').waitFor();
      await jane.page.locator('input[name="username"]').fill('jane-doe');
      await jane.page.locator('input[name="password"]').fill(JANE_PASSWORD);
      await jane.page.getByRole('button', { name: 'Sign in' }).click();
      await jane.page.getByText('This account is disabled').waitFor();
      await screenshot(jane.page, 'sign-in-disabled');

      // The lead's Team page: her two tasks wait unassigned in their pool, and the account disabled
      // earlier is named, marked, where an id used to show.
      await signIn(lead.page, server.url, 'lead', PASSWORD);
      await lead.page.getByRole('link', { name: 'Team' }).click();
      await lead.page.getByTestId('team-table').waitFor();
      for (const task of claimed) {
        const row = lead.page.getByTestId(`team-row-${task.id}`);
        await expect(row.textContent()).resolves.toContain('Pool');
        await expect(row.textContent()).resolves.not.toContain('Jane Doe');
      }
      const legacyRow = lead.page.getByTestId(`team-row-${strandedTask.id}`);
      await expect(legacyRow.textContent()).resolves.toContain(`Sam Okafor (disabled)`);
      expect(await lead.page.getByTestId('team-page').textContent()).not.toMatch(/User [0-9a-f]{8}/);
      await lead.page.getByTestId('absent-reassign-button').click();
      await lead.page.getByTestId('reassign-from').click();
      const absentees = await lead.page.getByRole('option').allTextContents();
      expect(absentees).toContain(`Sam Okafor (disabled) · 1 open`);
      expect(absentees.join('\n')).not.toMatch(/User [0-9a-f]{8}/);
      await screenshot(lead.page, 'team-absent-disabled');
      await lead.page.keyboard.press('Escape');
      await lead.page.keyboard.press('Escape');

      // The returned task's history says why it went back; the directory still names her, marked disabled.
      const asLead = await apiSession(server.url, 'lead', PASSWORD);
      const history = await asLead<{ timeline: Array<{ type: string; actor: string; reason?: string }> }>(
        'GET',
        `/instances/${claimed[0]!.instanceId}/history`,
      );
      expect(history.body.timeline.at(-1)).toMatchObject({
        type: 'reassign',
        reason: "Its holder's account was disabled",
      });
      const people = await asLead<{ people: Array<{ id: string; displayName: string; disabled: boolean }> }>(
        'GET',
        '/people',
      );
      expect(people.body.people).toContainEqual({
        id: janeId,
        username: 'jane-doe',
        displayName: 'Jane Doe',
        roles: ['medical-assistant'],
        disabled: true,
      });
    } finally {
      await lead.close();
      await jane.close();
      await admin.close();
    }
  });

  it("an admin's own account offers no Disable: only another admin can, and the server refuses it too", async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Accounts' }).click();
      await page.getByTestId('people-table').waitFor();
      // A click on the person's row, their name here, opens them as Manage does.
      await page.locator('[data-username="admin"]').getByText('Chris Howard').click();
      const panel = page.getByTestId('person-panel');
      await panel.waitFor();
      const disable = panel.getByRole('button', { name: 'Disable account' });
      expect(await disable.isDisabled()).toBe(true);
      await expect(panel.getByTestId('own-account-note').textContent()).resolves.toBe(
        'This is your own account: only another admin can disable it, and your open tasks then go back to their pools.',
      );
      expect(await disable.getAttribute('aria-describedby')).toBe('own-account-note');
      await screenshot(page, 'accounts-own-account');
      expect(await seriousViolations(page)).toEqual([]);
      // Sent anyway (an old tab, a script): refused, with the reason in words. The demo's only admin is
      // told the reason that matters more: there is no other admin.
      const refused = await page.evaluate(async () => {
        const me = (await (await fetch('/api/me')).json()) as { user: { id: string }; csrfToken: string };
        const res = await fetch(`/api/users/${me.user.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ disabled: true }),
        });
        return {
          status: res.status,
          body: (await res.json()) as { error: { code: string; message: string } },
        };
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('LAST_ADMIN');
      expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);
    } finally {
      await b.close();
    }
  });

  it('an admin goes from Accounts to Roles: the clinic roles list opens, without the system roles', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Accounts' }).click();
      await page.getByRole('button', { name: 'Add person' }).waitFor();
      await page.getByRole('link', { name: 'Roles' }).click();
      await page.getByTestId('role-row').first().waitFor();
      const roles = await page
        .getByTestId('role-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-role')));
      expect(roles).toContain('front-desk');
      expect(roles).not.toContain('admin');
      await page.getByRole('link', { name: 'Accounts' }).click();
      await page.getByRole('button', { name: 'Add person' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
