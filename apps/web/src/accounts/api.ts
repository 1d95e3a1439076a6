import {
  applyStaffList,
  type CreateUserBody,
  createUser,
  endUserSession,
  endUserSessions,
  heldTaskCount,
  issueSetPasswordCode,
  listAccountChanges,
  listUserSessions,
  listUsers,
  type PatchUserBody,
  patchUser,
  previewStaffList,
  type RoleSummary,
  SYSTEM_ROLE_TITLES,
  sendInvitation as sendInvitationRoute,
  sendPasswordResetEmail,
} from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { rolesQuery } from '../roles/api.ts';

/** Accounts, sessions, the change trail and staff-list rows as the contract describes them. */
export type {
  AccountChangeView as AccountChange,
  AccountView as Person,
  ImportRow,
  IssuedCode,
  SessionView as PersonSession,
} from '@portalflow/contract';

/** A role as the account screens offer it: the catalog's id, name and department. */
export type CatalogRole = Pick<RoleSummary, 'id' | 'name' | 'department'>;

/**
 * The product's own roles, offered beside the clinic roles of the published workflows, under the
 * department a clinic would file them in. Emergency access has none: it is given to clinicians of any
 * department, on top of their own role.
 */
export const SYSTEM_ROLES: CatalogRole[] = [
  { id: 'admin', name: SYSTEM_ROLE_TITLES.admin, department: 'Practice management' },
  { id: 'designer', name: SYSTEM_ROLE_TITLES.designer, department: 'Practice management' },
  { id: 'auditor', name: SYSTEM_ROLE_TITLES.auditor, department: 'Compliance' },
  { id: 'break-glass', name: SYSTEM_ROLE_TITLES['break-glass'], department: '' },
];

export function usePeople() {
  return useQuery({
    queryKey: ['accounts'],
    queryFn: async () => (await call(listUsers, {})).users,
  });
}

/**
 * The roles an admin can give: the system roles, then the clinic's. Shares the Roles page's query (one key,
 * one shape) and adds the system roles on read: storing the longer list under that key broke the Roles page.
 */
export function useRoleCatalog() {
  return useQuery({ ...rolesQuery, select: (roles): CatalogRole[] => [...SYSTEM_ROLES, ...roles] });
}

export function usePersonSessions(userId: string) {
  return useQuery({
    queryKey: ['accounts', userId, 'sessions'],
    queryFn: async () => (await call(listUserSessions, { params: { id: userId } })).sessions,
  });
}

/** How many open tasks the account holds, read when a disable is about to be confirmed. */
const heldTasksQuery = (userId: string) => ({
  queryKey: ['accounts', userId, 'held-tasks'],
  queryFn: () => call(heldTaskCount, { params: { id: userId } }),
  staleTime: 0,
});

/** How many open tasks the person holds: what a disable sends back to the pools. */
export function useHeldTaskCount(userId: string, enabled: boolean) {
  return useQuery({ ...heldTasksQuery(userId), enabled, select: (held) => held.open });
}

/** The open tasks the person holds, per role: what taking a role away sends back to its pool. */
export function useHeldTasksByRole(userId: string, enabled: boolean) {
  return useQuery({ ...heldTasksQuery(userId), enabled, select: (held) => held.byRole });
}

/** How many account changes the screens show, newest first; the CSV has the rest. */
export const ACCOUNT_CHANGES_SHOWN = 200;

export function useAccountChanges(userId?: string) {
  return useQuery({
    queryKey: ['account-changes', userId ?? 'all'],
    queryFn: async () =>
      (await call(listAccountChanges, { query: { userId, limit: ACCOUNT_CHANGES_SHOWN } })).changes,
  });
}

/**
 * Every account mutation refreshes the list, the sessions and the trail, the colleague directory (a
 * name, or an account disabled) and the task lists (a disable returns the person's tasks to the pools).
 */
export function useAccountAction<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['accounts'] });
      void client.invalidateQueries({ queryKey: ['account-changes'] });
      void client.invalidateQueries({ queryKey: ['tokens'] });
      void client.invalidateQueries({ queryKey: ['people'] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export const patchPerson = (id: string, body: PatchUserBody) => call(patchUser, { params: { id }, body });
export const createPerson = (body: CreateUserBody) => call(createUser, { body });
export const issueCode = (id: string) => call(issueSetPasswordCode, { params: { id } });
export const sendInvitation = (id: string) => call(sendInvitationRoute, { params: { id } });
export const sendResetLink = (id: string) => call(sendPasswordResetEmail, { params: { id } });
export const endSession = (id: string, sessionId: string) =>
  call(endUserSession, { params: { id, sessionId } });
export const endAllSessions = (id: string) => call(endUserSessions, { params: { id } });
export const previewImport = (csv: string) => call(previewStaffList, { body: { csv } });
export const applyImport = ({ csv, seenRoles }: { csv: string; seenRoles: Record<string, string[]> }) =>
  call(applyStaffList, { body: { csv, seenRoles } });
