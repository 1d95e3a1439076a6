import type { ImportRow } from './api.ts';

/**
 * The roles each person already on the list had as the preview showed them (by username): sent with
 * Apply, so a person whose roles another admin changed since is left as they are and that row refused,
 * instead of the list undoing the other admin's change unseen. New people have no roles to check.
 */
export function seenRolesOf(rows: readonly ImportRow[]): Record<string, string[]> {
  const seen: Record<string, string[]> = {};
  for (const r of rows) {
    if (r.action === 'update') seen[r.username] = r.current?.roles ?? [];
    else if (r.action === 'unchanged') seen[r.username] = r.roles;
  }
  return seen;
}
