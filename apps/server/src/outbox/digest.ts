import type { Calendar } from '@portalflow/engine';
import type { NewOutboxItem } from '@portalflow/store';
import { isSystemRole } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import type { DigestLine } from './email.ts';
import { localDateTime } from './quiet-hours.ts';

export const clinicZone = (deps: AppDeps) => (deps.calendar as Calendar | undefined)?.timeZone ?? 'UTC';

/** Open work a person can act on (theirs, and unassigned in their pools), counted by workflow and step. */
export async function digestLines(
  deps: AppDeps,
  user: { id: string; roles: string[] },
): Promise<DigestLine[]> {
  const roles = user.roles.filter((r) => !isSystemRole(r));
  const page = await deps.store.listTasks({ scope: 'all', userId: user.id, roles, limit: 500 });
  const titles = new Map((await deps.store.listDefinitions()).map((d) => [d.id, d.title]));
  const counts = new Map<string, DigestLine>();
  for (const t of page.items) {
    if (t.assignee && t.assignee !== user.id) continue;
    const key = `${t.definitionId}\0${t.step}`;
    const line = counts.get(key) ?? {
      workflow: titles.get(t.definitionId) ?? t.definitionId,
      stepTitle: t.title,
      count: 0,
    };
    line.count++;
    counts.set(key, line);
  }
  return [...counts.values()].sort(
    (a, b) => a.workflow.localeCompare(b.workflow) || a.stepTitle.localeCompare(b.stepTitle),
  );
}

/**
 * Once a day, at the digest time in the clinic's time zone, writes one digest message per person who
 * wants one. Its id names the day and the person, so every process may try and only one row is written.
 * The counts are taken when the email is sent, so a digest held back by quiet hours is still current.
 */
export async function queueDigests(
  deps: AppDeps,
  now: string,
): Promise<{ date: string; queued: number } | null> {
  const at = deps.config.outbox.digestTime;
  if (!at || !deps.config.outbox.smtpUrl) return null;
  const local = localDateTime(now, clinicZone(deps));
  if (local.time < at) return null;
  const items: NewOutboxItem[] = [];
  for (const user of await deps.store.listUsers()) {
    if (user.disabled) continue;
    items.push({
      id: `digest.${local.date}.${user.id}`,
      channel: 'email',
      kind: 'digest',
      target: user.id,
      payload: { date: local.date },
      createdAt: now,
    });
  }
  return { date: local.date, queued: await deps.store.addOutbox(items, now) };
}
