import { baseCalendar } from '../clinic/hours.ts';
import type { AppDeps } from '../deps.ts';
import type { InstanceService } from '../instances/service.ts';
import { announce } from '../live/announce.ts';
import { dueSoonHorizon, dueSoonReminders, type HeldStep, warningsGiven } from './due-soon.ts';

/**
 * Reminds holders of work whose deadline is near, on each pass of the timer worker. It reads what is
 * held and due soon from the tasks themselves, so a restart loses nothing; each reminder's ids name the
 * task and the holder, so neither a second pass nor a second process writes it twice. Returns how many
 * were written.
 */
export async function remindDueSoon(deps: AppDeps, instances: InstanceService): Promise<number> {
  const now = deps.clock();
  const calendar = baseCalendar(deps);
  // As far ahead as the longest warning the latest version of any workflow gives (a request on an older
  // version that warned longer is still reminded, within that reach).
  const warnings = warningsGiven(await instances.latestDefinitions());
  const held = await deps.store.heldTasksDueBy(now, dueSoonHorizon(now, calendar, warnings));
  if (held.length === 0) return 0;
  const steps: HeldStep[] = [];
  for (const task of held) {
    const instance = await deps.store.getInstance(task.instanceId);
    if (!instance) continue;
    // The version the request runs on says how long the step was given (a short one is reminded sooner)
    // and how long before its deadline the workflow wants it said.
    const definition = await instances.definition(instance.definitionId, instance.version);
    const step = definition.steps[task.step];
    const deadline = step && 'deadline' in step ? step.deadline : undefined;
    steps.push({ task, workflow: definition.title, ...(deadline ? { deadline } : {}) });
  }
  const reminders = dueSoonReminders(steps, now, calendar, { email: deps.config.outbox.smtpUrl !== null });
  const written = await deps.store.addDueSoonReminders(reminders);
  if (written.length > 0)
    await announce(deps, {
      type: 'notification',
      roles: [],
      users: [...new Set(written.map((r) => r.userId))],
    });
  return written.length;
}
