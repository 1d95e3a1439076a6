import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';

/** An account as the admin screen lists it. */
export interface Person {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  createdAt: string;
  roles: string[];
  lastSignInAt: string | null;
  twoFactor: boolean;
}

export interface PersonSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  clientHint: string | null;
  current: boolean;
}

export interface AccountChange {
  id: number;
  at: string;
  actorName: string | null;
  userName: string;
  what: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface ImportRow {
  line: number;
  username: string;
  displayName: string;
  roles: string[];
  action: 'create' | 'update' | 'unchanged' | 'error';
  errors: string[];
  current?: { displayName: string; roles: string[] };
}

export interface IssuedCode {
  username: string;
  displayName: string;
  setPasswordCode: string;
  expiresAt: string;
}

export interface CatalogRole {
  id: string;
  name: string;
  department: string;
}

/** The product's own roles, offered beside the clinic roles of the published workflows. */
export const SYSTEM_ROLES: CatalogRole[] = [
  { id: 'admin', name: 'Admin', department: 'portalflow' },
  { id: 'designer', name: 'Operations lead', department: 'portalflow' },
  { id: 'auditor', name: 'Auditor', department: 'portalflow' },
  { id: 'break-glass', name: 'Emergency access', department: 'portalflow' },
];

export function usePeople() {
  return useQuery({
    queryKey: ['accounts'],
    queryFn: async () => (await api<{ users: Person[] }>('/users')).users,
  });
}

export function useRoleCatalog() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: async () => [...SYSTEM_ROLES, ...(await api<{ roles: CatalogRole[] }>('/roles')).roles],
  });
}

export function usePersonSessions(userId: string) {
  return useQuery({
    queryKey: ['accounts', userId, 'sessions'],
    queryFn: async () => (await api<{ sessions: PersonSession[] }>(`/users/${userId}/sessions`)).sessions,
  });
}

export function useAccountChanges(userId?: string) {
  return useQuery({
    queryKey: ['account-changes', userId ?? 'all'],
    queryFn: async () =>
      (await api<{ changes: AccountChange[] }>(`/account-changes${userId ? `?userId=${userId}` : ''}`))
        .changes,
  });
}

/** Every account mutation refreshes the list, the sessions and the trail. */
export function useAccountAction<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['accounts'] });
      void client.invalidateQueries({ queryKey: ['account-changes'] });
      void client.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
}

export const patchPerson = (id: string, body: Record<string, unknown>) =>
  api<{ user: Person }>(`/users/${id}`, { method: 'PATCH', body });
export const createPerson = (body: Record<string, unknown>) =>
  api<{ user: Person; setPasswordCode?: string; setPasswordCodeExpiresAt?: string }>('/users', {
    method: 'POST',
    body,
  });
export const issueCode = (id: string) =>
  api<{ setPasswordCode: string; expiresAt: string }>(`/users/${id}/set-password-code`, { method: 'POST' });
export const endSession = (id: string, sessionId: string) =>
  api<{ ended: number }>(`/users/${id}/sessions/${sessionId}`, { method: 'DELETE' });
export const endAllSessions = (id: string) =>
  api<{ ended: number }>(`/users/${id}/sessions`, { method: 'DELETE' });
export const previewImport = (csv: string) =>
  api<{ rows: ImportRow[]; counts: Record<ImportRow['action'], number> }>('/users/import/preview', {
    method: 'POST',
    body: { csv },
  });
export const applyImport = (csv: string) =>
  api<{ rows: ImportRow[]; codes: IssuedCode[] }>('/users/import', { method: 'POST', body: { csv } });
