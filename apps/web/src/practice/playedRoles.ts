import type { InstanceView, Task } from '../api/types.ts';

/**
 * The roles whose pools the practice view shows: the person's own, then each role whose steps wait in
 * their practice pool though they do not hold it. The server lists those only from practice runs the
 * person started, where they play every role.
 */
export function playedRoles(
  own: readonly string[],
  pool: readonly Pick<Task, 'role' | 'assignee'>[],
): string[] {
  const roles = [...own];
  for (const t of pool) if (!t.assignee && !roles.includes(t.role)) roles.push(t.role);
  return roles;
}

/**
 * After a step of a practice run the person started: the run's next step to open (they play every
 * role, so any task is theirs to take on), or null when the run waits or ended, or is not theirs.
 */
export function nextStepOfOwnRun(
  instance: Pick<InstanceView, 'practice' | 'startedBy'> & {
    active: ReadonlyArray<Pick<InstanceView['active'][number], 'kind' | 'taskId'>>;
  },
  userId: string,
): string | null {
  if (!instance.practice || instance.startedBy !== userId) return null;
  return instance.active.find((a) => a.kind === 'task')?.taskId ?? null;
}
