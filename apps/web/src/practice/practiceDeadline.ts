import type { Deadline } from '@portalflow/engine';
import { roleLabel } from '../work/format.ts';
import { thePool } from '../work/thePool.ts';

/**
 * What a practice task's deadline would do, in words. A practice run shows its deadlines so the trainee
 * learns them, but never acts on them (the server keeps no timer for them): the task stays with the
 * trainee and nobody is told. Before the due time it says what would happen in real work; after it,
 * what would have happened by now. The pool is named by the role's title (roleName, from useRoleName).
 */
export function practiceDeadlineText(
  deadline: Pick<Deadline, 'escalateTo' | 'goTo'>,
  due: string,
  now: number,
  roleName: (role: string) => string = roleLabel,
): { title: string; body: string } {
  const stays = 'In practice it stays with you and nobody is told, so take the time you need.';
  if (Date.parse(due) <= now) {
    const real = deadline.escalateTo
      ? `In real work it would now be in ${thePool(roleName(deadline.escalateTo))}. `
      : deadline.goTo
        ? 'In real work the request would have moved on without it. '
        : '';
    return { title: 'Past its deadline', body: `${real}${stays}` };
  }
  const real = deadline.escalateTo
    ? `In real work, if this is not done by the due time, it moves to ${thePool(roleName(deadline.escalateTo))}. `
    : deadline.goTo
      ? 'In real work, if this is not done by the due time, the request moves on without it. '
      : '';
  return { title: 'Practice: what the deadline does', body: `${real}${stays}` };
}
