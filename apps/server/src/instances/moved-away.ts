import type { TaskMoved } from '@portalflow/contract';
import type { Task } from '@portalflow/store';
import { roleTitlesIn } from '../audit/role-titles.ts';
import { historyOf, timeline } from '../audit/timeline.ts';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import type { InstanceService } from './service.ts';

/**
 * What happened to a task the reader may no longer open, if it was theirs: the last move that took it
 * from them (they held it) or from a pool of theirs — a deadline escalating it, a lead reassigning it,
 * or the system sending it back. Null when it never was theirs: that refusal says nothing more.
 */
export async function movedAway(
  deps: Pick<AppDeps, 'store'>,
  instances: InstanceService,
  user: AuthUser,
  task: Task,
): Promise<TaskMoved | null> {
  const instance = await deps.store.getInstance(task.instanceId);
  if (!instance) return null;
  const events = await deps.store.listEvents(instance.id);
  const { start, versions } = await instances.historyDefinitions(instance, historyOf(events));
  const entries = timeline(start, events, versions);
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    // The reader's own release or reassignment is not something to be told about.
    if (entry.actor === user.id) continue;
    const changes = entry.changes.filter((c) => c.task === task.token);
    const held = changes.some((c) => c.field === 'assignee' && c.from === user.id);
    const fromMyPool = changes.some(
      (c) => c.field === 'role' && typeof c.from === 'string' && user.roles.includes(c.from),
    );
    if (!held && !fromMyPool) continue;
    const due = changes.find((c) => c.field === 'due');
    const { definition } = await instances.load(instance.id);
    return {
      how: entry.type === 'timer-fired' ? 'deadline' : entry.actor ? 'reassigned' : 'automatic',
      at: entry.at,
      due: typeof due?.from === 'string' ? due.from : task.due,
      role: task.role,
      roleTitle: roleTitlesIn(definition)(task.role),
      holder: task.assignee,
      by: entry.actor,
      held,
    };
  }
  return null;
}

/** The refusal's words, without times (the screen says those in clinic time). */
export function movedAwayMessage(moved: TaskMoved): string {
  const where = `the ${moved.roleTitle} pool`;
  const what =
    moved.how === 'deadline'
      ? `Its deadline passed and it went to ${where}.`
      : moved.how === 'reassigned'
        ? `A lead moved it to ${where}.`
        : `It was sent on to ${where}.`;
  return `${what} It has left your list.`;
}
