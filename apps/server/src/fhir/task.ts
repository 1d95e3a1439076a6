import type { Definition } from '@portalflow/engine';
import type { Task as HumanTask } from '@portalflow/store';
import type { Task } from 'fhir/r4.js';

/**
 * A human task as a FHIR R4 Task. Its FHIR id is the task id with `.` for `:` (a FHIR id allows only
 * letters, digits, `-` and `.`); the owner is the role's pool, named by identifier; the due date is
 * `restriction.period.end`; `focus` is the request (instance) the task belongs to. Nothing of the
 * instance data is included.
 */

export const ROLE_SYSTEM = 'urn:portalflow:role';
export const INSTANCE_SYSTEM = 'urn:portalflow:instance';

/** `${instanceId}:${token}` → `${instanceId}.${token}`. */
export const fhirTaskId = (taskId: string) => taskId.replace(/:([^:]*)$/, '.$1');

/** The task id a FHIR Task id stands for, or null when it cannot be one. */
export function taskIdOf(fhirId: string): string | null {
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(fhirId)) return null;
  const at = fhirId.lastIndexOf('.');
  return at > 0 && at < fhirId.length - 1 ? `${fhirId.slice(0, at)}:${fhirId.slice(at + 1)}` : null;
}

/**
 * Task.status from the task's life: open and in the pool → `ready` (nobody has acted); claimed →
 * `in-progress`; completed → `completed`; closed by its deadline moving the work on → `failed` (not
 * done in time); closed because the request was cancelled or ended → `cancelled`.
 */
export function fhirStatus(task: HumanTask): Task['status'] {
  if (task.status === 'open') return task.assignee ? 'in-progress' : 'ready';
  switch (task.closeReason) {
    case 'completed':
      return 'completed';
    case 'deadline':
      return 'failed';
    default:
      return 'cancelled';
  }
}

const PRIORITY: Record<HumanTask['priority'], Task['priority']> = {
  low: 'routine',
  normal: 'routine',
  high: 'urgent',
  urgent: 'asap',
};

export function fhirTask(task: HumanTask, definition: Definition): Task {
  const role = definition.roles.find((r) => r.id === task.role);
  const resource: Task = {
    resourceType: 'Task',
    id: fhirTaskId(task.id),
    meta: { lastUpdated: task.closedAt ?? task.openedAt },
    status: fhirStatus(task),
    intent: 'order',
    priority: PRIORITY[task.priority],
    code: {
      coding: [{ system: `urn:portalflow:workflow:${task.definitionId}`, code: task.step }],
      text: task.title,
    },
    description: task.title,
    focus: {
      identifier: { system: INSTANCE_SYSTEM, value: task.instanceId },
      display: definition.title,
    },
    authoredOn: task.openedAt,
    executionPeriod: task.closedAt ? { start: task.openedAt, end: task.closedAt } : { start: task.openedAt },
    owner: {
      type: 'PractitionerRole',
      identifier: { system: ROLE_SYSTEM, value: task.role },
      display: role?.name ?? task.role,
    },
  };
  if (task.due) resource.restriction = { period: { end: task.due } };
  if (task.status === 'closed' && task.outcome)
    resource.businessStatus = {
      coding: [{ system: `urn:portalflow:workflow:${task.definitionId}:outcome`, code: task.outcome }],
    };
  return resource;
}
