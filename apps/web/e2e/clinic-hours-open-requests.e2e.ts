import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';

/**
 * A snow day closes the clinic on a day open work is due. Saved with "Also apply to the requests open
 * now" ticked, the open task's due time moves off the closed day and the toast says how many moved;
 * saved without it, the toast says plainly that the open requests keep their deadlines.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const ZONE = 'America/Denver';
/** The clinic-local date of an instant, as the date input takes it. */
const clinicDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(iso));

/** An open real task due on a future weekday the clinic is open, whose deadline counts business hours. */
async function taskDueOnAnOpenDay() {
  const { store } = server.server;
  const today = clinicDay(new Date(testNow()).toISOString());
  const calendar = (await store.getClinicCalendar())?.value as { closures?: { date: string }[] } | undefined;
  const closed = new Set((calendar?.closures ?? []).map((c) => c.date));
  const open = await store.listTasks({ scope: 'all', roles: await roles(), limit: 500 });
  return open.items.find((t) => {
    if (t.practice || t.due === null || t.status !== 'open') return false;
    const day = clinicDay(t.due);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    return day > today && weekday >= 1 && weekday <= 5 && !closed.has(day);
  });
}

async function roles(): Promise<string[]> {
  const users = await server.server.store.listUsers();
  return [...new Set(users.flatMap((u) => u.roles))];
}

async function closeDay(day: string, name: string, applyToOpen: boolean) {
  const b = await openBrowser({ width: 1280, height: 1000 });
  try {
    const page = b.page;
    await signIn(page, server.url, 'admin', PASSWORD);
    await page.getByRole('link', { name: 'Clinic hours' }).click();
    await page.getByTestId('clinic-hours-page').waitFor();
    await page.getByTestId('closure-date').fill(day);
    await page.getByTestId('closure-name').fill(name);
    await page.getByRole('button', { name: 'Add closed day' }).click();
    await page.getByTestId('hours-reason').fill(`${name}: closed`);
    const box = page.getByTestId('move-open-requests');
    if (applyToOpen) await box.check();
    else await box.uncheck();
    expect(await box.isChecked()).toBe(applyToOpen);
    await page.getByTestId('save-hours').click();
    await page.getByText('Clinic hours saved').waitFor();
    return (await page.locator('.mantine-Notification-description').first().textContent()) ?? '';
  } finally {
    await b.close();
  }
}

describe('a closed day and the requests open now', () => {
  it('ticked: an open task due that day is due after it, and the toast says deadlines moved', async () => {
    const task = await taskDueOnAnOpenDay();
    expect(task, 'an open task due on a coming weekday').toBeDefined();
    const day = clinicDay(task!.due!);
    const toast = await closeDay(day, 'Snow day', true);
    expect(toast).toMatch(
      /^New requests and \d+ open requests? now use these hours; \d+ deadlines? moved\.$/,
    );
    const after = (await server.server.store.listInstanceTasks(task!.instanceId)).find(
      (t) => t.id === task!.id,
    )!;
    expect(after.due).not.toBeNull();
    expect(clinicDay(after.due!)).not.toBe(day);
    expect(after.due! > task!.due!).toBe(true);
  });

  it('not ticked: the toast says the open ones keep their deadlines', async () => {
    const task = await taskDueOnAnOpenDay();
    expect(task).toBeDefined();
    const day = clinicDay(task!.due!);
    const toast = await closeDay(day, 'Ice storm', false);
    expect(toast).toContain('The open ones keep their deadlines');
    const after = (await server.server.store.listInstanceTasks(task!.instanceId)).find(
      (t) => t.id === task!.id,
    )!;
    expect(after.due).toBe(task!.due);
  });
});
