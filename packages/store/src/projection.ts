import type { Definition, Effect, InstanceSnapshot } from '@portalflow/engine';
import type { NotificationDraft, TaskChange, TimerChange } from './change.ts';

export interface Projection {
  tasks: TaskChange[];
  timers: TimerChange[];
  notifications: NotificationDraft[];
}

export interface ProjectionContext {
  definition: Definition;
  /** The snapshot after the transition: where a task's current role is read from. */
  snapshot: InstanceSnapshot;
  /** The event's time. */
  at: string;
  /** Who caused the change; nobody is notified of what they did themselves. */
  actor?: string | null;
  /** The snapshot before it: who held a task that the change closes. */
  before?: InstanceSnapshot | null;
}

/** The projection rows an engine transition changes, in the order of its effects. */
export function projectEffects(effects: readonly Effect[], context: ProjectionContext): Projection {
  const out: Projection = { tasks: [], timers: [], notifications: [] };
  const actor = context.actor ?? null;
  const roleNow = (token: string) =>
    Object.values(context.snapshot.context.active).find((a) => a.token === token)?.role;
  for (const effect of effects) {
    switch (effect.type) {
      case 'task.opened': {
        const step = context.definition.steps[effect.step];
        out.tasks.push({
          op: 'open',
          token: effect.token,
          step: effect.step,
          title: step?.type === 'task' ? step.title : effect.step,
          role: effect.role,
          due: effect.due ?? null,
          priority: effect.priority,
          openedAt: context.at,
        });
        break;
      }
      case 'task.closed': {
        // Whoever was working on it hears why it left their list: a lead cancelled the request.
        const holder = Object.values(context.before?.context.active ?? {}).find(
          (a) => a.token === effect.token,
        )?.assignee;
        if (effect.reason === 'cancelled' && holder && holder !== actor)
          out.notifications.push({
            kind: 'cancelled',
            userId: holder,
            taskToken: effect.token,
            createdAt: context.at,
          });
        out.tasks.push({
          op: 'close',
          token: effect.token,
          closedAt: context.at,
          outcome: effect.outcome ?? null,
          reason: effect.reason,
          closedBy: actor,
        });
        break;
      }
      case 'task.updated': {
        const { changes } = effect;
        const change: Extract<TaskChange, { op: 'update' }> = { op: 'update', token: effect.token };
        if (changes.step) {
          const step = context.definition.steps[changes.step[1]];
          change.step = changes.step[1];
          change.title = step?.type === 'task' ? step.title : changes.step[1];
        }
        if (changes.role) change.role = changes.role[1];
        if (changes.assignee) change.assignee = changes.assignee[1] ?? null;
        if (changes.due) change.due = changes.due[1] ?? null;
        if (changes.priority) change.priority = changes.priority[1];
        if (effect.reason === 'escalated') {
          change.escalated = true;
          // Whose deadline passed: the role and holder before the move, which clears the holder (an
          // assignee left unchanged was already nobody).
          const fromRole = changes.role?.[0] ?? roleNow(effect.token);
          if (fromRole)
            change.escalation = { at: context.at, fromRole, fromPerson: changes.assignee?.[0] ?? null };
        }
        out.tasks.push(change);
        const assignee = changes.assignee?.[1];
        if (assignee && assignee !== actor) {
          out.notifications.push({
            kind: 'assigned',
            userId: assignee,
            taskToken: effect.token,
            createdAt: context.at,
          });
        }
        const role = changes.role?.[1] ?? roleNow(effect.token);
        if (effect.reason === 'escalated' && role) {
          out.notifications.push({ kind: 'escalated', role, taskToken: effect.token, createdAt: context.at });
          // Whoever held it hears that it left their list, and why (the bell, not only an email).
          const holder = changes.assignee?.[0];
          if (holder && holder !== actor)
            out.notifications.push({
              kind: 'escalated',
              userId: holder,
              taskToken: effect.token,
              createdAt: context.at,
            });
        }
        break;
      }
      case 'timer.set':
        out.timers.push({ op: 'set', timerId: effect.id, due: effect.due });
        break;
      case 'timer.cleared':
        out.timers.push({ op: 'clear', timerId: effect.id });
        break;
      default:
        break;
    }
  }
  return out;
}
