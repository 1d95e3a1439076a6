import type { ApiTokenScope, EmergencyAccess, SessionStage } from '@portalflow/store';

/** Roles of the product itself; every other role name is a clinic role from a role catalog. */
export const SystemRole = {
  admin: 'admin',
  /** Operations lead: designs and publishes workflows, sees and reassigns all open work. */
  designer: 'designer',
  /** Reads everything, acts on nothing. */
  auditor: 'auditor',
  /** May request time-limited emergency read access to instances outside their roles, with a reason. */
  breakGlass: 'break-glass',
} as const;
export type SystemRole = (typeof SystemRole)[keyof typeof SystemRole];

const SYSTEM = new Set<string>(Object.values(SystemRole));

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  /** How the request was authenticated. */
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  /** The API token of this request, and what it may do. */
  tokenId?: string;
  tokenScope?: ApiTokenScope;
  /** How far the session got through sign-in; only `full` sessions reach the API. */
  stage?: SessionStage;
  /** When the credential ends unless renewed (a session's idle or absolute end, a token's expiry); live streams hold frames past it. */
  until?: string;
  /** The break-glass grant in force for this user, if any. */
  emergency?: EmergencyAccess;
  /** Set when this request read something only that grant allowed (its access-log rows name it). */
  emergencyUsed?: boolean;
}

export const isSystemRole = (role: string) => SYSTEM.has(role);
export const clinicRoles = (user: AuthUser) => user.roles.filter((r) => !SYSTEM.has(r));
export const has = (user: AuthUser, role: SystemRole) => user.roles.includes(role);
/** Leads see every open task and may reassign any of them. */
export const isLead = (user: AuthUser) => has(user, 'admin') || has(user, 'designer');
/**
 * The product role a lead acts in, as their history events record it: Admin for an admin, else
 * Operations lead (null for someone who is neither).
 */
export const leadRole = (user: AuthUser): 'admin' | 'designer' | null =>
  has(user, 'admin') ? 'admin' : has(user, 'designer') ? 'designer' : null;
export const isAuditor = (user: AuthUser) => has(user, 'auditor');
/** Auditors read but never act: a user whose only system role is auditor may not change anything. */
export const canAct = (user: AuthUser) =>
  !(isAuditor(user) && !isLead(user) && clinicRoles(user).length === 0);
