import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { MyRefreshers, RefresherOverview, RoleDetail, RoleSummary } from './types.ts';

export const useRoles = () =>
  useQuery({
    queryKey: ['roles'],
    queryFn: () => api<{ roles: RoleSummary[] }>('/roles').then((r) => r.roles),
  });

export const useRole = (id: string) =>
  useQuery({ queryKey: ['roles', id], queryFn: () => api<RoleDetail>(`/roles/${encodeURIComponent(id)}`) });

export const useMyRefreshers = (enabled = true) =>
  useQuery({
    queryKey: ['refreshers', 'mine'],
    queryFn: () => api<MyRefreshers>('/refreshers/mine'),
    enabled,
    refetchInterval: 60_000,
  });

export const useRefresherOverview = () =>
  useQuery({ queryKey: ['refreshers', 'all'], queryFn: () => api<RefresherOverview>('/refreshers') });

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
