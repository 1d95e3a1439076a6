import { createHash, randomBytes } from 'node:crypto';
import type { SsoSignInError } from '@portalflow/contract';
import type { SsoGroupRoles, User } from '@portalflow/store';
import { hashPassword } from '../auth/password.ts';
import type { AppDeps } from '../deps.ts';
import { accessEnded } from '../live/access-ended.ts';
import { peopleChanged } from '../live/people-changed.ts';
import type { ProviderClaims } from './client.ts';

/** The roles the provider's groups give under the admins' mapping, sorted. */
export function rolesForGroups(groups: readonly string[], mapping: SsoGroupRoles): string[] {
  return [...new Set(groups.flatMap((g) => mapping[g] ?? []))].sort();
}

export type SsoRefusal = Extract<
  SsoSignInError,
  'SSO_NO_ROLE' | 'ACCOUNT_DISABLED' | 'SSO_LAST_ADMIN' | 'SSO_USERNAME_TAKEN'
>;

export type SsoAccount =
  | { ok: true; user: User; how: 'linked' | 'email' | 'created' }
  | { ok: false; code: SsoRefusal; user: User | null; detail: string };

/**
 * The local account a provider identity signs in to, with its roles set from the group mapping.
 *
 * 1. An identity (issuer + `sub`) linked before signs in to its account.
 * 2. Otherwise an account whose username is the person's email, when the provider says the email is
 *    verified, is linked (an unverified email never links: anyone can type one).
 * 3. Otherwise a new account is made, but only when the groups map to at least one role.
 *
 * A disabled account is refused. The directory decides roles: they are replaced by the mapped ones
 * at every sign-in (recorded in the account trail); no mapped role means no sign-in.
 */
export async function ssoAccount(deps: AppDeps, claims: ProviderClaims): Promise<SsoAccount> {
  const at = deps.clock();
  const roles = rolesForGroups(claims.groups, await deps.store.getSsoGroupRoles());
  const identity = { issuer: claims.issuer, subject: claims.subject };
  let how: 'linked' | 'email' | 'created' = 'linked';
  let user: User | null = null;
  const linkedId = await deps.store.findSsoIdentity(identity);
  if (linkedId) user = await deps.store.getUser(linkedId);
  if (!user && claims.email && claims.emailVerified) {
    const byEmail = await deps.store.findUserByUsername(claims.email);
    if (byEmail) {
      const winner = await deps.store.linkSsoIdentity({
        ...identity,
        userId: byEmail.id,
        at,
        reason: 'email',
      });
      user = await deps.store.getUser(winner);
      how = 'email';
    }
  }
  if (user?.disabled) return { ok: false, code: 'ACCOUNT_DISABLED', user, detail: 'account disabled' };
  if (roles.length === 0)
    return {
      ok: false,
      code: 'SSO_NO_ROLE',
      user,
      detail: `groups give no role (${claims.groups.length} groups)`,
    };
  if (!user) return createAccount(deps, claims, roles);
  if (roles.join(',') !== [...user.roles].sort().join(',')) {
    const edited = await deps.store.editAccount({ userId: user.id, actorId: null, at, roles });
    if (!edited.ok)
      return edited.reason === 'last-admin'
        ? { ok: false, code: 'SSO_LAST_ADMIN', user, detail: 'mapped roles would leave no active admin' }
        : { ok: false, code: 'ACCOUNT_DISABLED', user: null, detail: 'account gone' };
    await peopleChanged(deps, user.id, [...user.roles, ...edited.user.roles]);
    user = edited.user;
    // Streams opened under the old roles (another browser, another process) end now: what they may
    // hear was worked out from those roles. The client reconnects under the new ones.
    await accessEnded(deps, user.id);
  }
  return { ok: true, user, how };
}

/** Username of a new account: the verified email, else the provider's username, else one from `sub`. */
function usernameFor(claims: ProviderClaims): string {
  if (claims.email && claims.emailVerified) return claims.email.toLowerCase();
  if (claims.preferredUsername) return claims.preferredUsername.toLowerCase();
  return `sso-${createHash('sha256').update(`${claims.issuer}\0${claims.subject}`).digest('hex').slice(0, 12)}`;
}

async function createAccount(deps: AppDeps, claims: ProviderClaims, roles: string[]): Promise<SsoAccount> {
  const at = deps.clock();
  const username = usernameFor(claims);
  const displayName = claims.name ?? username;
  // A password nobody knows: the account signs in through the provider until an admin issues a
  // set-password code.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const created = await deps.store.createUser({ username, passwordHash, displayName, roles, at });
  if (!created.ok) {
    // The same person's other sign-in, racing this one, may have made the account first.
    const linkedId = await deps.store.findSsoIdentity({ issuer: claims.issuer, subject: claims.subject });
    const user = linkedId ? await deps.store.getUser(linkedId) : null;
    if (user && !user.disabled) return { ok: true, user, how: 'linked' };
    return {
      ok: false,
      code: 'SSO_USERNAME_TAKEN',
      user: null,
      detail: 'username taken by an unlinked account',
    };
  }
  const userId = await deps.store.linkSsoIdentity({
    issuer: claims.issuer,
    subject: claims.subject,
    userId: created.user.id,
    at,
    reason: 'created',
  });
  await deps.store.recordAccountChanges({
    userId: created.user.id,
    actorId: null,
    at,
    changes: [{ what: 'created', newValue: JSON.stringify({ username, displayName, roles, via: 'sso' }) }],
  });
  await peopleChanged(deps, created.user.id, roles);
  const user = userId === created.user.id ? created.user : await deps.store.getUser(userId);
  if (!user) return { ok: false, code: 'SSO_USERNAME_TAKEN', user: null, detail: 'link lost' };
  return { ok: true, user, how: 'created' };
}
