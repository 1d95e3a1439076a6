import { createUser, listPeople, listUsers, patchUser, type RouteSpec } from '@portalflow/contract';
import { knownRoles, roleTitles } from '../accounts/known-roles.ts';
import { sendLinkEmail } from '../accounts/link-email.ts';
import { returnHeldTasks } from '../accounts/return-held-tasks.ts';
import { rolesEndAccess } from '../accounts/role-change.ts';
import { issueSetPasswordCode } from '../accounts/set-password-code.ts';
import { requireUser } from '../auth/authenticate.ts';
import { hashPassword } from '../auth/password.ts';
import { requireStrongPassword } from '../auth/password-rule.ts';
import { type AuthUser, has } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, authorizedFirst, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import type { InstanceService } from '../instances/service.ts';
import { accessEnded } from '../live/access-ended.ts';
import { peopleChanged } from '../live/people-changed.ts';
import type { StreamAuth } from '../live/stream-auth.ts';

export function requireAdmin(user: AuthUser, what = 'manages accounts'): void {
  if (!has(user, 'admin')) throw forbidden(`Only an admin ${what}`);
}

/** Every role given must be one the clinic knows; nothing is written otherwise. */
export async function checkRoles(deps: AppDeps, roles: readonly string[]): Promise<void> {
  const known = await knownRoles(deps);
  const unknown = roles.filter((r) => !known.has(r));
  if (unknown.length > 0)
    throw new ApiError(422, 'UNKNOWN_ROLE', `No such role in the catalog: ${unknown.join(', ')}`, {
      unknown,
    });
}

/** Where someone's emails go changes only signed in, as the person's own address does. */
export function requireSignedIn(user: AuthUser): void {
  if (user.via !== 'session')
    throw new ApiError(
      403,
      'SESSION_REQUIRED',
      'Set where a person’s emails go signed in, not with an API token',
    );
}

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  [...new Set(a)].sort().join('\n') === [...new Set(b)].sort().join('\n');

const rolesChanged = (
  now: { displayName: string; roles: readonly string[] },
  titles: (roles: readonly string[]) => string,
) =>
  new ApiError(
    409,
    'CONFLICT',
    `Someone changed ${now.displayName}'s roles since you opened the account (now: ${titles(now.roles)}); reload to see them, then choose again`,
  );

export const lastAdmin = () =>
  new ApiError(
    409,
    'LAST_ADMIN',
    'This is the last active admin: give another account the admin role first, so the clinic is never locked out',
  );

/**
 * Nobody disables their own account: another admin does, so the person doing it is still signed in
 * while the work the account holds goes back to its pools, and a slip cannot lock the clinic's admin out.
 */
export const ownAccount = () =>
  ApiError.of(
    'OWN_ACCOUNT',
    'You cannot disable your own account: another admin can, and your open tasks then go back to their pools',
  );

/** A second reset, or one of an account that never set up two-factor sign-in: it has nothing to reset. */
export const nothingToReset = (name: string) =>
  ApiError.of(
    'TWO_FACTOR_NOT_SET_UP',
    `There is nothing to reset: ${name} has not set up two-factor sign-in since it was last reset (or ever). They set it up at their next sign-in.`,
  );

export function userRoutes(
  deps: AppDeps,
  docs: ApiDocs,
  instances: InstanceService,
  streams: Pick<StreamAuth, 'recheck'>,
): ApiRoutes {
  const app = apiRoutes();
  const adminOnly = <R extends RouteSpec>(spec: R) =>
    authorizedFirst(declared(docs, spec), (c) => requireAdmin(requireUser(c)));

  app.openapi(adminOnly(listUsers), async (c) => {
    const user = requireUser(c);
    await recordAccess(deps, c, user, { category: 'account', outcome: 'allow' });
    return c.json({ users: await deps.store.listAccounts() }, 200);
  });

  app.openapi(adminOnly(createUser), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    if (input.email !== undefined) requireSignedIn(user);
    if (input.sendInvitation && !deps.config.outbox.smtpUrl) throw ApiError.of('EMAIL_NOT_CONFIGURED');
    if (input.password !== undefined) requireStrongPassword(input.password, [input.username]);
    // A new account is active: with no role it could sign in to nothing (the same rule as an edit).
    if (input.roles.length === 0)
      throw ApiError.of('ROLE_REQUIRED', 'A new account needs at least one role: pick what the person does');
    await checkRoles(deps, input.roles);
    const at = deps.clock();
    const created = await deps.store.createUser({
      username: input.username,
      // Without a password the account cannot sign in until its set-password code is redeemed.
      passwordHash: input.password !== undefined ? await hashPassword(input.password) : '!unset',
      displayName: input.displayName ?? input.username,
      roles: input.roles,
      at,
    });
    if (!created.ok) throw new ApiError(409, 'USERNAME_TAKEN', `The username '${input.username}' is taken`);
    const { id, username, displayName, roles } = created.user;
    await deps.store.recordAccountChanges({
      userId: id,
      actorId: user.id,
      at,
      changes: [{ what: 'created', newValue: JSON.stringify({ username, displayName, roles }) }],
    });
    if (input.email !== undefined)
      await deps.store.setWorkEmail({ userId: id, address: input.email, actorId: user.id, at });
    await peopleChanged(deps, id, roles);
    const code = input.setPasswordCode ? await issueSetPasswordCode(deps, id, user.id) : null;
    const invitation =
      input.sendInvitation && input.email !== undefined
        ? await sendLinkEmail(deps, {
            kind: 'invitation',
            user: created.user,
            to: input.email,
            actorId: user.id,
          })
        : null;
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `created ${id}${invitation ? `; invitation ${invitation.error ? 'not sent' : 'sent'}` : ''}`,
    });
    return c.json(
      {
        user: created.user,
        ...(code ? { setPasswordCode: code.code, setPasswordCodeExpiresAt: code.expiresAt } : {}),
        ...(invitation ? { invitation } : {}),
      },
      201,
    );
  });

  app.openapi(adminOnly(patchUser), async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const target = await deps.store.getUser(id);
    if (!target) throw notFound('The account');
    if (input.disabled === true && target.id === user.id) {
      // The last admin hears the reason that matters more: there is no other admin to ask.
      const otherAdmin = (await deps.store.listUsers()).some(
        (u) => u.id !== user.id && !u.disabled && u.roles.includes('admin'),
      );
      await recordAccess(deps, c, user, {
        category: 'account',
        outcome: 'deny',
        detail: `update of ${id} refused: ${otherAdmin ? 'own account' : 'last active admin'}`,
      });
      throw otherAdmin ? ownAccount() : lastAdmin();
    }
    // Where the person's emails go is theirs, like their password: a stolen token must not divert them.
    if (input.email !== undefined) requireSignedIn(user);
    if (input.password !== undefined) requireStrongPassword(input.password, [target.username]);
    if (input.roles !== undefined) await checkRoles(deps, input.roles);
    // Roles chosen from an older screen would undo another admin's change unseen (and send back to
    // the pools what a role they gave meanwhile holds): refused, in words.
    // Checked here for a quick answer, and again inside the edit's transaction (`expectedRoles`), so of
    // two admins saving at the same moment one wins.
    if (input.expectedRoles !== undefined && !sameRoles(input.expectedRoles, target.roles))
      throw rolesChanged(target, await roleTitles(deps));
    // A new password or a reset second factor ends the account's sessions and API tokens: nothing
    // issued under the old factors keeps working. New roles do not (see `rolesEndAccess`). They end in
    // the transaction of the change, and again after it, so nothing made in between (a sign-in with the
    // old password) survives.
    const reasons = [
      input.password !== undefined && 'password',
      input.roles !== undefined && (await rolesEndAccess(deps, id, input.roles)) && 'roles',
      input.resetTwoFactor && 'two-factor',
    ].filter((r): r is string => typeof r === 'string');
    const edited = await deps.store.editAccount({
      userId: id,
      actorId: user.id,
      at: deps.clock(),
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
      ...(input.roles !== undefined ? { roles: input.roles } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(input.resetTwoFactor ? { resetTwoFactor: true } : {}),
      ...(input.roles !== undefined && input.expectedRoles !== undefined
        ? { expectedRoles: input.expectedRoles }
        : {}),
      ...(reasons.length > 0 ? { revokeReason: reasons.join(',') } : {}),
    });
    if (!edited.ok) {
      if (edited.reason === 'not-found') throw notFound('The account');
      if (edited.reason === 'roles-changed')
        throw rolesChanged((await deps.store.getUser(id)) ?? target, await roleTitles(deps));
      if (edited.reason === 'two-factor-not-set-up') {
        await recordAccess(deps, c, user, {
          category: 'account',
          outcome: 'deny',
          detail: `update of ${id} refused: two-factor sign-in not set up`,
        });
        throw nothingToReset(target.displayName);
      }
      if (edited.reason === 'no-role') {
        await recordAccess(deps, c, user, {
          category: 'account',
          outcome: 'deny',
          detail: `update of ${id} refused: an active account needs a role`,
        });
        throw ApiError.of('ROLE_REQUIRED');
      }
      await recordAccess(deps, c, user, {
        category: 'account',
        outcome: 'deny',
        detail: `update of ${id} refused: last active admin`,
      });
      throw lastAdmin();
    }
    if (input.email !== undefined)
      await deps.store.setWorkEmail({ userId: id, address: input.email, actorId: user.id, at: deps.clock() });
    // Screens showing the person re-read them: colleagues in the roles they had and now have.
    if (input.displayName !== undefined || input.roles !== undefined || input.disabled !== undefined)
      await peopleChanged(deps, id, [...target.roles, ...edited.user.roles]);
    const ended = { ...edited.ended };
    if (reasons.length > 0) {
      const again = await deps.store.revokeUserAccess(id, { at: deps.clock(), reason: reasons.join(',') });
      ended.sessions += again.sessions;
      ended.tokens += again.tokens;
    }
    // Other processes end the person's live streams now too, not at their next periodic check: those
    // opened under the old roles as well (what they may hear was worked out from them).
    if (reasons.length > 0 || input.roles !== undefined || (input.disabled === true && edited.user.disabled))
      await accessEnded(deps, id);
    let tasksReturned = 0;
    // Roles taken away in this change: what the person holds in them goes back to their pools.
    const removedRoles = new Set(target.roles.filter((r) => !edited.user.roles.includes(r)));
    if (input.disabled === true && edited.user.disabled) {
      // Access ends first: their open live streams close now, not after their tasks have moved.
      await streams.recheck((w) => w.userId === id);
      tasksReturned = await returnHeldTasks(
        { store: deps.store, instances },
        user,
        id,
        { disabled: true },
        accessEntry(deps, c, user, {
          category: 'phi',
          outcome: 'allow',
          detail: 'returned to its pool: its holder was disabled',
        }),
      );
    } else if (removedRoles.size > 0) {
      tasksReturned = await returnHeldTasks(
        { store: deps.store, instances },
        user,
        id,
        { removedRoles },
        accessEntry(deps, c, user, {
          category: 'phi',
          outcome: 'allow',
          detail: 'returned to its pool: its holder no longer has the role',
        }),
      );
    }
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `updated ${id}: ${Object.keys(input).join(',')}${ended.sessions + ended.tokens > 0 || reasons.length > 0 ? `; ended ${ended.sessions} sessions, ${ended.tokens} API tokens` : ''}${tasksReturned > 0 ? `; ${tasksReturned} open tasks back to their pools` : ''}`,
    });
    return c.json({ user: edited.user, tasksReturned }, 200);
  });

  return app;
}

/**
 * Colleagues by name, for every signed-in user: who has a task, who to hand work to. Workforce
 * directory data only (id, name, roles, whether disabled) — never passwords, sessions or patient data.
 * Disabled accounts stay in it, marked: histories, notes and lists keep naming who did what.
 */
export function peopleRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  app.openapi(declared(docs, listPeople), async (c) => {
    requireUser(c);
    const people = (await deps.store.listUsers()).map(({ id, username, displayName, roles, disabled }) => ({
      id,
      username,
      displayName,
      roles,
      disabled,
    }));
    return c.json({ people }, 200);
  });
  return app;
}
