import { totpRequired } from '../auth/two-factor.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Whether new roles end the person's sessions and API tokens. Every request reads the roles as they
 * are now (sessions and tokens alike; what a process keeps is dropped when a role is given or taken),
 * and live streams opened under the old roles end and reconnect, so a role change needs no sign-out:
 * the person keeps working, and what they typed stays on their screen. Only roles that need two-factor
 * sign-in the account has not set up do: its sessions were opened with a password alone, and its
 * tokens would be refused anyway until a second factor is confirmed.
 */
export async function rolesEndAccess(
  deps: AppDeps,
  userId: string,
  roles: readonly string[],
): Promise<boolean> {
  if (!totpRequired(deps, roles)) return false;
  return !(await deps.store.getTotp(userId))?.confirmedAt;
}
