import { getRole, listRoles, type MyRefreshers, myRefreshers, refresherOverview } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';

/** The clinic's roles, under the one key every screen that lists them shares (one key, one shape). */
export const rolesQuery = {
  queryKey: ['roles'],
  queryFn: () => call(listRoles, {}).then((r) => r.roles),
};

export const useRoles = () => useQuery(rolesQuery);

export const useRole = (id: string) =>
  useQuery({ queryKey: ['roles', id], queryFn: () => call(getRole, { params: { id } }) });

export const useMyRefreshers = (enabled = true) =>
  useQuery({
    queryKey: ['refreshers', 'mine'],
    queryFn: () => call(myRefreshers, {}),
    enabled,
    refetchInterval: 60_000,
  });

export const useRefresherOverview = () =>
  useQuery({ queryKey: ['refreshers', 'all'], queryFn: () => call(refresherOverview, {}) });

/** Fetches a server-made document (Markdown, HTML, SVG) as text, for a download or print view. */
export async function fetchText(path: string): Promise<string> {
  const res = await fetch(`/api${path}`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`Download failed (${res.status})`);
  return res.text();
}

/** Outstanding items: changes not yet done, and periodic refreshers that are due. */
export function outstanding(mine: MyRefreshers | undefined): number {
  if (!mine) return 0;
  return mine.changes.filter((c) => !c.done).length + mine.periodic.filter((p) => p.due).length;
}
