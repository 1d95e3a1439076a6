import type { AccessCategory } from '@portalflow/contract';
import type { AccessEntry } from '@portalflow/store';
import type { Context } from 'hono';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';

/** What kind of data an access was to; one list with the access-log report's filter. */
export type DataCategory = AccessCategory;

/**
 * Writes one access-log entry: who, in which roles, when, what (method and route pattern — never
 * the URL with its values), which instance, what kind of data, and whether it was allowed.
 */
export type AccessDraft = {
  instanceId?: string | null;
  category: DataCategory;
  outcome: 'allow' | 'deny';
  detail?: string;
  emergencyAccessId?: string;
};

export function recordAccess(
  deps: AppDeps,
  c: Context<AppEnv>,
  user: AuthUser | null,
  entry: AccessDraft,
): Promise<void> {
  return deps.store.logAccess(accessEntry(deps, c, user, entry));
}

/** The entry `recordAccess` writes, for a change to carry into its own commit. */
export function accessEntry(
  deps: AppDeps,
  c: Context<AppEnv>,
  user: AuthUser | null,
  entry: AccessDraft,
): AccessEntry {
  return {
    at: deps.clock(),
    userId: user?.id ?? null,
    role: user ? user.roles.join(',') : null,
    action: `${c.req.method} ${c.req.routePath}`,
    instanceId: entry.instanceId ?? null,
    dataCategory: entry.category,
    outcome: entry.outcome,
    detail: entry.detail ?? null,
    // A read that only a break-glass grant allowed names the grant, so the audit report flags it.
    emergencyAccessId: entry.emergencyAccessId ?? (user?.emergencyUsed ? (user.emergency?.id ?? null) : null),
  };
}
