/**
 * What a `reassign` event meant to the people involved. Claiming a task from the pool and putting it
 * back are recorded as reassign events (one event kind keeps replay simple), but a timeline that calls a
 * claim "Reassigned" tells an auditor something that did not happen.
 */
export type AssignmentKind = 'claim' | 'release' | 'reassign';

/**
 * Claim: the actor gave the task to themself and changed nothing else. Release: the task went back to
 * its pool and nothing else changed. Anything else (a lead moving it, a new due time) is a reassignment.
 * Takes the stored payload as it is, so a history written by any version can be described.
 */
export function assignmentKind(payload: unknown): AssignmentKind {
  if (!payload || typeof payload !== 'object') return 'reassign';
  const p = payload as Record<string, unknown>;
  const onlyAssignee = p.toRole === undefined && p.due === undefined && p.priority === undefined;
  if (!onlyAssignee) return 'reassign';
  if (typeof p.assignee === 'string' && p.assignee === p.actor) return 'claim';
  if (p.assignee === null) return 'release';
  return 'reassign';
}
