import type { WebhookEvent } from '@portalflow/contract';
import type { Definition, Effect, EngineEvent, InstanceSnapshot, Priority } from '@portalflow/engine';
import type { NotificationDraft, OutboxDraft } from '@portalflow/store';

/**
 * What an email names: the workflow and step (from the definition, never the instance) and the task.
 * Webhook payloads (`{type, timestamp, data}`) carry ids and kinds only: instance, workflow, version,
 * task, step, role, close reason. Never data values, outcomes, comments or the request's subject.
 */
export interface EmailPayload {
  workflowId: string;
  workflow: string;
  step: string;
  stepTitle: string;
  taskId: string;
  /** The task is urgent: the subject says so, as the task list does. */
  urgent?: boolean;
  /** The deadline that passed (an instant; escalation and overdue mail): "overdue since 5:10 PM". */
  overdueSince?: string;
  /** The deadline coming up (an instant; due-soon mail): "due at 5:10 PM". */
  dueAt?: string;
}

export interface OutboxContext {
  definition: Definition;
  version: number;
  instanceId: string;
  event: EngineEvent;
  at: string;
  effects: readonly Effect[];
  /** The notifications the change writes (assigned to a person, escalated to a pool). */
  notifications: readonly NotificationDraft[];
  /** The snapshot before the change: who held a task when its deadline passed. */
  previous: InstanceSnapshot | null;
  /** Email is only written when the server can send it. */
  email: boolean;
}

const stepTitle = (definition: Definition, step: string) => {
  const s = definition.steps[step];
  return s?.type === 'task' ? s.title : step;
};

/** The email and webhook messages one committed change causes. */
export function outboxDrafts(ctx: OutboxContext): OutboxDraft[] {
  const out: OutboxDraft[] = [];
  const { definition, instanceId } = ctx;
  const stepOf = new Map<string, string>();
  const roleOf = new Map<string, string>();
  const priorityOf = new Map<string, Priority>();
  const dueOf = new Map<string, string>();
  for (const a of Object.values(ctx.previous?.context.active ?? {})) {
    stepOf.set(a.token, a.step);
    if (a.role) roleOf.set(a.token, a.role);
    if (a.priority) priorityOf.set(a.token, a.priority);
    if (a.due) dueOf.set(a.token, a.due);
  }
  for (const e of ctx.effects) {
    if ((e.type === 'task.opened' || e.type === 'task.updated' || e.type === 'task.closed') && e.step)
      stepOf.set(e.token, e.step);
    if (e.type === 'task.opened') priorityOf.set(e.token, e.priority);
    if (e.type === 'task.updated' && e.changes.priority?.[1]) priorityOf.set(e.token, e.changes.priority[1]);
  }
  const taskIdOf = (token: string) => `${instanceId}:${token}`;
  // Only a deadline firing makes work overdue; its time is the deadline the task had before it fired.
  const overdueSince = (token: string) => (ctx.event.type === 'timer-fired' ? dueOf.get(token) : undefined);
  const emailPayload = (token: string): EmailPayload => {
    const step = stepOf.get(token) ?? '';
    const since = overdueSince(token);
    return {
      workflowId: definition.id,
      workflow: definition.title,
      step,
      stepTitle: stepTitle(definition, step),
      taskId: taskIdOf(token),
      ...(priorityOf.get(token) === 'urgent' ? { urgent: true } : {}),
      ...(since ? { overdueSince: since } : {}),
    };
  };
  const hook = (kind: WebhookEvent, data: Record<string, unknown>, token?: string) => {
    out.push({
      channel: 'webhook',
      kind,
      taskToken: token ?? null,
      payload: {
        type: kind,
        timestamp: ctx.at,
        data: { instanceId, workflowId: definition.id, version: ctx.version, ...data },
      },
    });
  };

  if (ctx.event.type === 'start') hook('instance.started', {});
  for (const e of ctx.effects) {
    switch (e.type) {
      case 'task.opened':
        hook('task.opened', { taskId: taskIdOf(e.token), step: e.step, role: e.role }, e.token);
        break;
      case 'task.updated':
        if (e.changes.assignee?.[1])
          hook(
            'task.assigned',
            { taskId: taskIdOf(e.token), step: e.step, assignee: e.changes.assignee[1] },
            e.token,
          );
        if (e.reason === 'escalated') {
          hook('task.overdue', { taskId: taskIdOf(e.token), step: e.step }, e.token);
          hook(
            'task.escalated',
            { taskId: taskIdOf(e.token), step: e.step, role: e.changes.role?.[1] ?? null },
            e.token,
          );
        }
        break;
      case 'task.closed':
        if (e.reason === 'deadline')
          hook('task.overdue', { taskId: taskIdOf(e.token), step: e.step }, e.token);
        hook('task.closed', { taskId: taskIdOf(e.token), step: e.step, reason: e.reason }, e.token);
        break;
      case 'instance.ended':
        hook('instance.completed', {});
        break;
      case 'instance.cancelled':
        hook('instance.cancelled', {});
        break;
      default:
        break;
    }
  }

  if (!ctx.email) return out;
  for (const n of ctx.notifications) {
    // Overdue mail is written below, for whoever held the task when its deadline passed: the bell item
    // telling that holder it was escalated away is not mailed a second time.
    if (!n.taskToken || n.kind === 'overdue' || (n.kind === 'escalated' && n.userId)) continue;
    out.push({
      channel: 'email',
      kind: n.kind,
      userId: n.userId ?? null,
      role: n.userId ? null : (n.role ?? null),
      taskToken: n.taskToken,
      payload: emailPayload(n.taskToken),
    });
  }
  // A deadline that passed: whoever held the task hears it is overdue (its pool, if nobody had it).
  if (ctx.event.type === 'timer-fired') {
    for (const e of ctx.effects) {
      const passed =
        (e.type === 'task.updated' && e.reason === 'escalated') ||
        (e.type === 'task.closed' && e.reason === 'deadline');
      if (!passed) continue;
      const held = Object.values(ctx.previous?.context.active ?? {}).find((a) => a.token === e.token);
      const holder = held?.assignee ?? null;
      const pool = roleOf.get(e.token) ?? null;
      if (!holder && !pool) continue;
      out.push({
        channel: 'email',
        kind: 'overdue',
        userId: holder,
        role: holder ? null : pool,
        taskToken: e.token,
        payload: emailPayload(e.token),
      });
    }
  }
  return out;
}
