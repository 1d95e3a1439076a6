import { type Definition, intakeRoles } from '@portalflow/engine';
import type { Instance, InstancePort, Task } from '@portalflow/store';
import { type AuthUser, clinicRoles, isAuditor, isLead, leadRole } from '../auth/roles.ts';

/** Roles that own a task anywhere in the workflow. */
export function workflowRoles(definition: Definition): Set<string> {
  const roles = new Set<string>();
  for (const step of Object.values(definition.steps)) {
    if (step.type === 'task' && step.role) roles.add(step.role);
    if ((step.type === 'task' || step.type === 'wait') && step.deadline?.escalateTo)
      roles.add(step.deadline.escalateTo);
  }
  return roles;
}

/** The clinic role a user acts in on this workflow, if any. */
export function actingRole(user: AuthUser, definition: Definition): string | null {
  const roles = workflowRoles(definition);
  return clinicRoles(user).find((r) => roles.has(r)) ?? null;
}

/**
 * The role a person starts (and withdraws) a request in: their role in the workflow, else one its start
 * form names, else a lead's own (leads start any workflow).
 */
export function starterRole(user: AuthUser, definition: Definition): string | null {
  const intake = intakeRoles(definition);
  return actingRole(user, definition) ?? user.roles.find((r) => intake.includes(r)) ?? leadRole(user);
}

/** Starting an instance: leads, and staff who hold a role in the workflow. Auditors never act. */
export function canStart(user: AuthUser, definition: Definition): boolean {
  return isLead(user) || actingRole(user, definition) !== null;
}

/** Whether break-glass emergency access may stand in for the normal rules (reads only, never actions). */
export interface ReadOptions {
  emergency?: boolean;
}

/** Normal rules failed: a break-glass grant in force allows the read, and marks the request as using it. */
function byEmergency(user: AuthUser, options: ReadOptions): boolean {
  if (options.emergency === false || !user.emergency) return false;
  user.emergencyUsed = true;
  return true;
}

/**
 * Object-level read access to an instance's data: leads and auditors; the person who started it;
 * anyone holding the role of one of its tasks, or who was given one of them; and, for reading only,
 * a holder of a break-glass grant in force.
 */
export async function canReadInstance(
  user: AuthUser,
  instance: Instance,
  store: Pick<InstancePort, 'listInstanceTasks'>,
  options: ReadOptions = {},
): Promise<boolean> {
  if (isLead(user) || isAuditor(user) || instance.startedBy === user.id) return true;
  return canReadGiven(user, instance, await store.listInstanceTasks(instance.id), options);
}

/** `canReadInstance` on task rows already read. */
export function canReadGiven(
  user: AuthUser,
  instance: Instance,
  tasks: readonly Task[],
  options: ReadOptions = {},
): boolean {
  if (isLead(user) || isAuditor(user) || instance.startedBy === user.id) return true;
  return tasks.some((t) => canSeeTask(user, t, { emergency: false })) || byEmergency(user, options);
}

export function canSeeTask(user: AuthUser, task: Task, options: ReadOptions = {}): boolean {
  return (
    isLead(user) ||
    isAuditor(user) ||
    task.assignee === user.id ||
    user.roles.includes(task.role) ||
    byEmergency(user, options)
  );
}
