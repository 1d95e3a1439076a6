import type { Device, SessionStage, User } from '@portalflow/store';
import type { AppDeps } from '../deps.ts';

/** Accounts holding a role listed in `totpRoles` must use a second factor. */
export const totpRequired = (deps: AppDeps, roles: readonly string[]) =>
  roles.some((r) => deps.config.totpRoles.includes(r));

/**
 * Where a correct password leaves a sign-in: `full`; `totp` when the account has an authenticator
 * (and this browser was not remembered); `enroll` when its roles need one it does not have yet.
 */
export async function stageAfterPassword(
  deps: AppDeps,
  user: Pick<User, 'id' | 'roles'>,
  device: Device | null,
  now: string,
): Promise<SessionStage> {
  const totp = await deps.store.getTotp(user.id);
  if (totp?.confirmedAt) {
    const remembered = device?.userId === user.id && device.totpUntil !== null && device.totpUntil > now;
    return remembered ? 'full' : 'totp';
  }
  return totpRequired(deps, user.roles) ? 'enroll' : 'full';
}
