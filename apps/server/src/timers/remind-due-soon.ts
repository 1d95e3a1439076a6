import { baseCalendar } from '../clinic/hours.ts';
import type { AppDeps } from '../deps.ts';
import { announce } from '../live/announce.ts';
import { dueSoonHorizon, dueSoonReminders } from './due-soon.ts';

/**
 * Reminds holders of work whose deadline is near, on each pass of the timer worker. It reads what is
 * held and due soon from the tasks themselves, so a restart loses nothing; each reminder's ids name the
 * task and the holder, so neither a second pass nor a second process writes it twice. Returns how many
 * were written.
 */
export async function remindDueSoon(deps: AppDeps): Promise<number> {
  const now = deps.clock();
  const calendar = baseCalendar(deps);
  const held = await deps.store.heldTasksDueBy(now, dueSoonHorizon(now, calendar));
  if (held.length === 0) return 0;
  const titles = new Map((await deps.store.listDefinitions()).map((d) => [d.id, d.title]));
  const reminders = dueSoonReminders(held, now, calendar, {
    email: deps.config.outbox.smtpUrl !== null,
    workflowTitle: (id) => titles.get(id) ?? id,
  });
  const written = await deps.store.addDueSoonReminders(reminders);
  if (written.length > 0)
    await announce(deps, {
      type: 'notification',
      roles: [],
      users: [...new Set(written.map((r) => r.userId))],
    });
  return written.length;
}
