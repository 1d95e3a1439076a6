import { CreateTokenBody } from '@portalflow/contract';
import type { ApiToken } from '@portalflow/store';
import { Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, has } from '../auth/roles.ts';
import { totpRequired } from '../auth/two-factor.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body } from '../http/validate.ts';

const DAY = 24 * 3600_000;

/** A token as the API shows it: never its secret or hash; `status` as of now. */
export function tokenView(token: ApiToken, now: string) {
  const status = token.revoked ? 'revoked' : token.expiresAt <= now ? 'expired' : 'active';
  return { ...token, status };
}

/**
 * Ends one token unless it already ended, and logs who did it. The same answer either way, so a
 * retried revoke is harmless.
 */
async function revoke(
  deps: AppDeps,
  c: Parameters<typeof recordAccess>[1],
  user: AuthUser,
  token: ApiToken,
  reason: 'owner' | 'admin',
) {
  const at = deps.clock();
  const revoked = await deps.store.revokeApiToken(token.id, { at, reason });
  await recordAccess(deps, c, user, {
    category: 'account',
    outcome: 'allow',
    detail: revoked
      ? `revoked token ${token.id} of ${token.userId} (${reason})`
      : `token ${token.id} of ${token.userId} had already ended`,
  });
  return tokenView((await deps.store.getApiToken(token.id))!, at);
}

/** The caller's own API tokens: create (from a signed-in browser only), list, revoke. */
export function tokenRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    method: 'post',
    path: '/api/tokens',
    summary:
      'Create an API token for yourself, from a fully signed-in session (never with a token); scope `read` or `act`; the secret is shown once',
    tag: 'accounts',
    instanceData: false,
    body: CreateTokenBody,
    responses: {
      201: 'Token (secret shown once)',
      400: 'Invalid body, or a lifetime longer than the server allows (TOKEN_LIFETIME_TOO_LONG)',
      403: 'Made with a token (TOKEN_CANNOT_CREATE_TOKENS), or two-factor sign-in is needed first',
    },
  });
  app.post('/', async (c) => {
    const user = requireUser(c);
    const input = await body(c, CreateTokenBody);
    // A stolen token must not be able to outlive its own revocation by minting others.
    if (user.via !== 'session') {
      await recordAccess(deps, c, user, {
        category: 'account',
        outcome: 'deny',
        detail: 'token creation by a token',
      });
      throw new ApiError(
        403,
        'TOKEN_CANNOT_CREATE_TOKENS',
        'API tokens are created from a signed-in browser session, never with another token',
      );
    }
    // The middleware admits only fully signed-in sessions; this also holds if `totpRoles` changed since.
    if (totpRequired(deps, user.roles) && !(await deps.store.getTotp(user.id))?.confirmedAt)
      throw new ApiError(
        403,
        'TOTP_ENROLLMENT_REQUIRED',
        'Your roles need two-factor sign-in: set up an authenticator before creating API tokens',
      );
    const lifetimeMs =
      input.lifetimeDays !== undefined ? input.lifetimeDays * DAY : deps.config.apiTokenDefaultMs;
    if (lifetimeMs > deps.config.apiTokenMaxMs)
      throw new ApiError(
        400,
        'TOKEN_LIFETIME_TOO_LONG',
        `An API token may last at most ${Math.floor(deps.config.apiTokenMaxMs / DAY)} days`,
        { maxDays: Math.floor(deps.config.apiTokenMaxMs / DAY) },
      );
    const at = deps.clock();
    const { secret, token } = await deps.store.createApiToken({
      userId: user.id,
      name: input.name,
      scope: input.scope,
      expiresAt: new Date(Date.parse(at) + lifetimeMs).toISOString(),
      at,
    });
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `created token ${token.id} (${token.scope}, expires ${token.expiresAt})`,
    });
    return c.json({ token: tokenView(token, at), secret }, 201);
  });

  docs.add({
    method: 'get',
    path: '/api/tokens',
    summary: 'Your API tokens, newest first, with status (active, expired, revoked); never their secrets',
    tag: 'accounts',
    instanceData: false,
  });
  app.get('/', async (c) => {
    const user = requireUser(c);
    const now = deps.clock();
    return c.json({ tokens: (await deps.store.listApiTokens(user.id)).map((t) => tokenView(t, now)) });
  });

  docs.add({
    method: 'delete',
    path: '/api/tokens/{id}',
    summary: 'Revoke one of your API tokens; it stops working immediately',
    tag: 'accounts',
    instanceData: false,
    responses: { 200: 'Revoked (or had already ended)', 404: 'You have no such token' },
  });
  app.delete('/:id', async (c) => {
    const user = requireUser(c);
    const token = await deps.store.getApiToken(c.req.param('id'));
    // Someone else's token is answered like a missing one: ids of others' tokens are not confirmed.
    if (!token || token.userId !== user.id) throw notFound('The API token');
    return c.json({ token: await revoke(deps, c, user, token, 'owner') });
  });
  return app;
}

/** Admins see and revoke any account's API tokens, under the account. */
export function userTokenRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const requireAdmin = (user: AuthUser) => {
    if (!has(user, 'admin')) throw forbidden("Only an admin manages other accounts' API tokens");
  };

  docs.add({
    method: 'get',
    path: '/api/users/{id}/tokens',
    summary: "An account's API tokens, newest first, with status (admin)",
    tag: 'accounts',
    instanceData: false,
    responses: { 200: 'Tokens', 403: 'Not an admin', 404: 'No such account' },
  });
  app.get('/:id/tokens', async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const id = c.req.param('id');
    if (!(await deps.store.getUser(id))) throw notFound('The account');
    const now = deps.clock();
    await recordAccess(deps, c, user, { category: 'account', outcome: 'allow', detail: `tokens of ${id}` });
    return c.json({ tokens: (await deps.store.listApiTokens(id)).map((t) => tokenView(t, now)) });
  });

  docs.add({
    method: 'delete',
    path: '/api/users/{id}/tokens/{tokenId}',
    summary: "Revoke an account's API token (admin); it stops working immediately",
    tag: 'accounts',
    instanceData: false,
    responses: {
      200: 'Revoked (or had already ended)',
      403: 'Not an admin',
      404: 'No such token of that account',
    },
  });
  app.delete('/:id/tokens/:tokenId', async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const token = await deps.store.getApiToken(c.req.param('tokenId'));
    if (!token || token.userId !== c.req.param('id')) throw notFound('The API token');
    return c.json({ token: await revoke(deps, c, user, token, 'admin') });
  });
  return app;
}
