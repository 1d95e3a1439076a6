import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import type { AuthUser } from './roles.ts';
import { totpRequired } from './two-factor.ts';

/** `last_used_at` is written at most this often per token: every write costs. */
const TOUCH_EVERY_MS = 60_000;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The caller behind `Authorization: Bearer pft_…`. A token works only while it is unexpired and
 * unrevoked, its owner is enabled, and the owner could sign in fully right now: if the owner's roles
 * need two-factor sign-in (`totpRoles`), an authenticator must be confirmed. So an account raised to
 * a privileged role (which revokes its tokens anyway) or holding a token older than these rules cannot
 * use those roles' powers by token without having enrolled a second factor.
 */
export async function tokenUser(deps: AppDeps, header: string): Promise<AuthUser> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const now = deps.clock();
  const found = match ? await deps.store.findApiToken(match[1]!, now) : null;
  if (!found)
    throw new ApiError(401, 'UNAUTHENTICATED', 'The API token is not valid, has expired or was revoked');
  const { token, user } = found;
  if (!found.twoFactor && totpRequired(deps, user.roles))
    throw new ApiError(
      403,
      'TOTP_ENROLLMENT_REQUIRED',
      "This account's roles need two-factor sign-in: its owner must set up an authenticator before its API tokens work",
    );
  // Best effort: a failed last-used note must not fail the request it describes.
  if (token.lastUsedAt === null || Date.parse(now) - Date.parse(token.lastUsedAt) > TOUCH_EVERY_MS)
    await deps.store.touchApiToken(token.id, now).catch(() => deps.log('API token last-used time not saved'));
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    via: 'token',
    tokenId: token.id,
    tokenScope: token.scope,
    until: token.expiresAt,
  };
}

/** A read-only token reads: any unsafe method is refused before a route sees it. */
export function checkTokenScope(user: AuthUser, method: string): void {
  if (user.via === 'token' && user.tokenScope !== 'act' && UNSAFE.has(method))
    throw new ApiError(
      403,
      'TOKEN_READ_ONLY',
      'This API token is read-only: create a token with the `act` scope to make changes',
    );
}
