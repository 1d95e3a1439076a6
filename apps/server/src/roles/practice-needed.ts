import { CHANGE_KINDS, type RoleChange, type RoleDuties } from '@portalflow/engine';

/**
 * What only moves overdue work of another role onto (or off) this role, or changes when it arrives.
 * A practice run never goes overdue, so none of it can be practised: it is read.
 */
const ESCALATIONS = new Set<string>(['escalationsAdded', 'escalationsRemoved', 'escalationsChanged']);

/**
 * Whether a change asks the role for a practice run as well as reading it: only when something
 * changed in the steps the role works itself, and the role still has a step of its own in the latest
 * version of the workflow (a practice run of steps the role has none of is nothing to practise).
 */
export function practiceNeeded(change: RoleChange, latest: RoleDuties | undefined, definitionId: string) {
  const ownsSteps = (latest?.workflows ?? []).some(
    (w) => w.definitionId === definitionId && w.steps.length > 0,
  );
  return ownsSteps && CHANGE_KINDS.some((kind) => !ESCALATIONS.has(kind) && change[kind].length > 0);
}
