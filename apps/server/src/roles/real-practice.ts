import type { RealPractice } from '@portalflow/contract';
import type { RoleDuties } from '@portalflow/engine';
import type { TaskTally, User } from '@portalflow/store';
import { holdersOf } from './catalog.ts';

/** The window counted back from now, and the count under which a workflow reads as little practice. */
export const REAL_PRACTICE = { days: 30, fewerThan: 3 } as const;

/**
 * Each holder of each role, with the real requests they completed in each workflow the role has steps
 * in. From the tracking sheet's tallies (person, role, workflow), so practice runs never count and the
 * numbers agree with Tracking.
 */
export function realPractice(
  duties: Record<string, RoleDuties>,
  users: User[],
  tallies: readonly TaskTally[],
): RealPractice {
  const done = new Map<string, number>();
  for (const t of tallies)
    if (t.person && t.role && t.workflow) done.set(`${t.person}\n${t.role}\n${t.workflow}`, t.completed);
  const roles = Object.values(duties)
    .map((d) => ({
      role: d.roleId,
      roleName: d.name,
      workflows: d.workflows
        .filter((w) => w.steps.length > 0)
        .map(({ definitionId, title }) => ({ definitionId, title })),
    }))
    .filter((r) => r.workflows.length > 0)
    .sort((a, b) => a.roleName.localeCompare(b.roleName))
    .map((r) => ({
      ...r,
      people: holdersOf(users, r.role).map((p) => ({
        ...p,
        completed: r.workflows.map((w) => done.get(`${p.id}\n${r.role}\n${w.definitionId}`) ?? 0),
      })),
    }));
  return { ...REAL_PRACTICE, roles };
}
