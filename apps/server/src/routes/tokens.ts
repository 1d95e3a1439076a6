import {
  createToken,
  listTokens,
  listUserTokens,
  revokeToken,
  revokeUserToken,
  type TokenView,
} from '@portalflow/contract';
import type { ApiToken } from '@portalflow/store';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, has } from '../auth/roles.ts';
import { totpRequired } from '../auth/two-factor.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { accessEnded } from '../live/access-ended.ts';

const DAY = 24 * 3600_000;

/** A token as the API shows it: never its secret or hash; `status` as of now. */
export function tokenView(token: ApiToken, now: string): TokenView {
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
  // Live streams opened with it end on every process, not at their next periodic check.
  if (revoked) await accessEnded(deps, token.userId);
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
export function tokenRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  app.openapi(declared(docs, createToken), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
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

  app.openapi(declared(docs, listTokens), async (c) => {
    const user = requireUser(c);
    const now = deps.clock();
    const tokens = (await deps.store.listApiTokens(user.id)).map((t) => tokenView(t, now));
    const lifetime = {
      defaultDays: Math.floor(deps.config.apiTokenDefaultMs / DAY),
      maxDays: Math.floor(deps.config.apiTokenMaxMs / DAY),
    };
    return c.json({ tokens, lifetime }, 200);
  });

  app.openapi(declared(docs, revokeToken), async (c) => {
    const user = requireUser(c);
    const token = await deps.store.getApiToken(c.req.valid('param').id);
    // Someone else's token is answered like a missing one: ids of others' tokens are not confirmed.
    if (!token || token.userId !== user.id) throw notFound('The API token');
    return c.json({ token: await revoke(deps, c, user, token, 'owner') }, 200);
  });
  return app;
}

/** Admins see and revoke any account's API tokens, under the account. */
export function userTokenRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  const requireAdmin = (user: AuthUser) => {
    if (!has(user, 'admin')) throw forbidden("Only an admin manages other accounts' API tokens");
  };

  app.openapi(declared(docs, listUserTokens), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const { id } = c.req.valid('param');
    if (!(await deps.store.getUser(id))) throw notFound('The account');
    const now = deps.clock();
    await recordAccess(deps, c, user, { category: 'account', outcome: 'allow', detail: `tokens of ${id}` });
    return c.json({ tokens: (await deps.store.listApiTokens(id)).map((t) => tokenView(t, now)) }, 200);
  });

  app.openapi(declared(docs, revokeUserToken), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const params = c.req.valid('param');
    const token = await deps.store.getApiToken(params.tokenId);
    if (!token || token.userId !== params.id) throw notFound('The API token');
    return c.json({ token: await revoke(deps, c, user, token, 'admin') }, 200);
  });
  return app;
}
