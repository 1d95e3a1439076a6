import { Hono } from 'hono';
import { hashSetPasswordCode } from '../accounts/set-password-code.ts';
import { hashPassword } from '../auth/password.ts';
import { requireStrongPassword } from '../auth/password-rule.ts';
import { LoginThrottle } from '../auth/throttle.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { clientAddress } from '../http/client.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { SetPasswordBody } from '../http/schemas.ts';
import { body } from '../http/validate.ts';

/**
 * Redeeming a one-time set-password code (from an admin: a new account or a password reset) at the
 * sign-in page. No session is needed or made: the person then signs in with the new password (and
 * their second factor, if their roles need one). Failures are throttled like sign-ins.
 */
export function setPasswordRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const throttle = new LoginThrottle({
    freeFailures: deps.config.loginFreeFailures,
    baseMs: deps.config.loginBackoffBaseMs,
    capMs: deps.config.loginBackoffCapMs,
    accountFailures: deps.config.loginAccountFailures,
  });

  docs.add({
    method: 'post',
    path: '/api/auth/set-password',
    summary:
      'Choose a new password with a one-time code an admin gave you; the code works once and expires. Then sign in',
    tag: 'auth',
    body: SetPasswordBody,
    auth: false,
    instanceData: false,
    responses: {
      200: 'Password set; sign in with it',
      400: 'Invalid body (e.g. a password too short)',
      401: 'Unknown, used or expired code, or not this username (CODE_FAILED)',
      429: 'Too many failed attempts',
    },
  });
  app.post('/set-password', async (c) => {
    const input = await body(c, SetPasswordBody);
    const username = input.username.trim().toLowerCase();
    const now = deps.clock();
    const nowMs = Date.parse(now);
    const client = `ip:${clientAddress(c, deps.config)}`;
    const key = `set-password:${username}`;
    // The new password obeys the password rule; that is checked before any code is tried.
    requireStrongPassword(input.password, [username]);
    // The attempt counts before the code is checked, so codes sent at once are throttled like codes
    // sent one after another.
    const reserved = throttle.reserve(key, client, false, nowMs);
    if (!reserved.ok) {
      await recordAccess(deps, c, null, {
        category: 'authentication',
        outcome: 'deny',
        detail: 'set-password code: throttled',
      });
      c.header('Retry-After', String(Math.ceil(reserved.waitMs / 1000)));
      throw new ApiError(
        429,
        'TOO_MANY_ATTEMPTS',
        'Too many failed attempts; wait a few minutes and try again',
      );
    }
    let user: Awaited<ReturnType<typeof deps.store.redeemSetPasswordCode>> = null;
    try {
      user = await deps.store.redeemSetPasswordCode({
        username,
        codeHash: hashSetPasswordCode(input.code),
        passwordHash: await hashPassword(input.password),
        at: now,
      });
    } catch (error) {
      reserved.attempt.failed();
      throw error;
    }
    if (!user) {
      reserved.attempt.failed();
      await recordAccess(deps, c, null, {
        category: 'authentication',
        outcome: 'deny',
        detail: 'set-password code: wrong, used or expired',
      });
      throw new ApiError(
        401,
        'CODE_FAILED',
        'That code is not right, was already used, or has expired; ask an admin for a new one',
      );
    }
    reserved.attempt.succeeded();
    await recordAccess(
      deps,
      c,
      {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        roles: user.roles,
        via: 'session',
      },
      { category: 'authentication', outcome: 'allow', detail: 'password set with a one-time code' },
    );
    return c.json({ ok: true, username: user.username });
  });
  return app;
}
