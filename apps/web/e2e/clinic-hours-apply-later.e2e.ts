import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * An admin closes a snow day but leaves "Also apply to the requests open now" unticked: the open
 * work stays due on the closed day. Later they apply the current hours to the open requests from the
 * same page: the confirmation says how many deadlines would move, the toast how many did, and the
 * trail who applied them.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const ZONE = 'America/Denver';
const clinicDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(iso));

/** An open real task due on a future weekday the clinic is open, whose deadline counts business hours. */
async function taskDueOnAnOpenDay() {
  const { store } = server.server;
  const today = clinicDay(new Date().toISOString());
  const calendar = (await store.getClinicCalendar())?.value as { closures?: { date: string }[] } | undefined;
  const closed = new Set((calendar?.closures ?? []).map((c) => c.date));
  const users = await store.listUsers();
  const roles = [...new Set(users.flatMap((u) => u.roles))];
  const open = await store.listTasks({ scope: 'all', roles, limit: 500 });
  return open.items.find((t) => {
    if (t.practice || t.due === null || t.status !== 'open') return false;
    const day = clinicDay(t.due);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    return day > today && weekday >= 1 && weekday <= 5 && !closed.has(day);
  });
}

describe('applying the current hours to the requests open now, after a save without it', () => {
  it('confirms how many deadlines would move, moves them, and keeps the apply in the trail', async () => {
    const task = await taskDueOnAnOpenDay();
    expect(task, 'an open task due on a coming weekday').toBeDefined();
    const day = clinicDay(task!.due!);
    const b = await openBrowser({ width: 1280, height: 1000 });
    try {
      const page = b.page;
      await signIn(page, server.url, 'admin', PASSWORD);
      await page.getByRole('link', { name: 'Clinic hours' }).click();
      await page.getByTestId('clinic-hours-page').waitFor();
      await page.getByTestId('closure-date').fill(day);
      await page.getByTestId('closure-name').fill('Snow day');
      await page.getByRole('button', { name: 'Add closed day' }).click();
      // Edits not saved yet are not what the button applies.
      expect(await page.getByTestId('apply-hours-open').isDisabled()).toBe(true);
      await page.getByTestId('move-open-requests').uncheck();
      await page.getByTestId('save-hours').click();
      await page.getByText('The open ones keep their deadlines', { exact: false }).waitFor();
      const kept = (await server.server.store.listInstanceTasks(task!.instanceId)).find(
        (t) => t.id === task!.id,
      )!;
      expect(kept.due).toBe(task!.due);

      await page.getByTestId('apply-hours-open').click();
      const confirm = page.getByTestId('apply-hours-confirm');
      const count = confirm.getByText(
        /^\d+ open tasks?'s? deadlines? would move \(\d+ open requests? still on earlier hours\)\./,
      );
      await count.waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'clinic-hours-apply-confirm');
      await confirm.getByTestId('apply-hours-confirm-button').click();
      await page.getByText('Current hours applied').waitFor();
      const toast = (await page.locator('.mantine-Notification-description').first().textContent()) ?? '';
      expect(toast).toMatch(/^\d+ open requests? now uses? the current hours; \d+ deadlines? moved\.$/);
      await page.getByTestId('hours-changes').getByText('Applied to the requests open then').waitFor();
      await page.getByTestId('hours-changes').evaluate((el) => el.scrollIntoView());
      await screenshot(page, 'clinic-hours-applied');

      const moved = (await server.server.store.listInstanceTasks(task!.instanceId)).find(
        (t) => t.id === task!.id,
      )!;
      expect(clinicDay(moved.due!)).not.toBe(day);
      expect(moved.due! > task!.due!).toBe(true);

      // Counted again, nothing is left to move.
      await page.getByTestId('apply-hours-open').click();
      await confirm
        .getByText('Every open request already uses the current hours: nothing would move.')
        .waitFor();
    } finally {
      await b.close();
    }
  });
});
