import { Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { hashPassword } from '../auth/password.ts';
import { requireStrongPassword } from '../auth/password-rule.ts';
import { type AuthUser, has } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { CreateUserBody, PatchUserBody } from '../http/schemas.ts';
import { body } from '../http/validate.ts';

function requireAdmin(user: AuthUser): void {
  if (!has(user, 'admin')) throw forbidden('Only an admin manages accounts');
}

export function userRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  docs.add({
    method: 'get',
    path: '/api/users',
    summary: 'Accounts and their roles (admin)',
    tag: 'accounts',
    instanceData: false,
    responses: { 200: 'Accounts', 403: 'Not an admin' },
  });
  app.get('/', async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    await recordAccess(deps, c, user, { category: 'account', outcome: 'allow' });
    return c.json({ users: await deps.store.listUsers() });
  });

  docs.add({
    method: 'post',
    path: '/api/users',
    summary: 'Create an account (admin)',
    tag: 'accounts',
    instanceData: false,
    body: CreateUserBody,
    responses: {
      201: 'Created',
      400: 'Invalid input, or the password is too weak (PASSWORD_TOO_WEAK)',
      403: 'Not an admin',
      409: 'Username taken',
    },
  });
  app.post('/', async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const input = await body(c, CreateUserBody);
    requireStrongPassword(input.password, [input.username]);
    const created = await deps.store.createUser({
      username: input.username,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName ?? input.username,
      roles: input.roles,
      at: deps.clock(),
    });
    if (!created.ok) throw new ApiError(409, 'USERNAME_TAKEN', `The username '${input.username}' is taken`);
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `created ${created.user.id}`,
    });
    return c.json({ user: created.user }, 201);
  });

  docs.add({
    method: 'patch',
    path: '/api/users/{id}',
    summary: 'Change name, password, roles, disable, or reset two-factor sign-in (admin)',
    tag: 'accounts',
    instanceData: false,
    body: PatchUserBody,
    responses: {
      200: 'Updated',
      400: 'Invalid input, or the password is too weak (PASSWORD_TOO_WEAK)',
      403: 'Not an admin',
      404: 'No such account',
    },
  });
  app.patch('/:id', async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const id = c.req.param('id');
    const input = await body(c, PatchUserBody);
    const target = await deps.store.getUser(id);
    if (!target) throw notFound('The account');
    if (input.password !== undefined) requireStrongPassword(input.password, [target.username]);
    const patch: { displayName?: string; passwordHash?: string; disabled?: boolean } = {};
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.password !== undefined) patch.passwordHash = await hashPassword(input.password);
    if (input.disabled !== undefined) patch.disabled = input.disabled;
    // New roles, a new password or a reset second factor end the account's sessions and API tokens:
    // nothing issued under the old roles or factors keeps working. Ended before the change, so no
    // old credential ever carries the new roles, and again after it, so nothing made in between
    // (a sign-in with the old password, say) survives.
    const reasons = [
      input.password !== undefined && 'password',
      input.roles !== undefined && 'roles',
      input.resetTwoFactor && 'two-factor',
    ].filter((r): r is string => typeof r === 'string');
    const ended = { sessions: 0, tokens: 0 };
    const endAccess = async () => {
      if (reasons.length === 0) return;
      const n = await deps.store.revokeUserAccess(id, { at: deps.clock(), reason: reasons.join(',') });
      ended.sessions += n.sessions;
      ended.tokens += n.tokens;
    };
    await endAccess();
    if (Object.keys(patch).length > 0) await deps.store.updateUser(id, patch);
    if (input.roles !== undefined) await deps.store.setUserRoles(id, input.roles);
    if (input.resetTwoFactor) await deps.store.resetTotp(id);
    await endAccess();
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `updated ${id}: ${Object.keys(input).join(',')}${reasons.length > 0 ? `; ended ${ended.sessions} sessions, ${ended.tokens} API tokens` : ''}`,
    });
    return c.json({ user: await deps.store.getUser(id) });
  });

  return app;
}

/**
 * Colleagues by name, for every signed-in user: who has a task, who to hand work to. Workforce
 * directory data only (id, name, roles) — never passwords, sessions or patient data.
 */
export function peopleRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    method: 'get',
    path: '/api/people',
    summary: 'Colleagues: id, name and roles of active accounts',
    tag: 'accounts',
    instanceData: false,
  });
  app.get('/', async (c) => {
    requireUser(c);
    const people = (await deps.store.listUsers())
      .filter((u) => !u.disabled)
      .map(({ id, username, displayName, roles }) => ({ id, username, displayName, roles }));
    return c.json({ people });
  });
  return app;
}
