import { Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { dummyHash, verifyPassword } from '../auth/password.ts';
import { clearSessionCookie, csrfFor, writeSessionCookie } from '../auth/session.ts';
import { LoginThrottle } from '../auth/throttle.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { LoginBody } from '../http/schemas.ts';
import { body } from '../http/validate.ts';

export function authRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const throttle = new LoginThrottle();

  docs.add({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in; sets the session cookie',
    tag: 'auth',
    body: LoginBody,
    auth: false,
    responses: { 200: 'Signed in', 401: 'Wrong username or password', 429: 'Too many failed attempts' },
  });
  app.post('/login', async (c) => {
    const { username, password } = await body(c, LoginBody);
    const nowMs = Date.parse(deps.clock());
    const wait = throttle.wait(username, nowMs);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new ApiError(
        429,
        'TOO_MANY_ATTEMPTS',
        'Too many failed sign-ins for this account; wait a few minutes and try again',
      );
    }
    const found = await deps.store.findUserByUsername(username);
    const ok = await verifyPassword(password, found?.passwordHash ?? (await dummyHash()));
    if (!found || !ok || found.disabled) {
      throttle.fail(username, nowMs);
      deps.log(`login failed (${found ? (found.disabled ? 'disabled' : 'password') : 'unknown user'})`);
      throw new ApiError(401, 'LOGIN_FAILED', 'Wrong username or password');
    }
    throttle.succeed(username);
    // A new session id at every login; any session the browser had is dropped.
    const { secret } = await deps.store.createSession({
      userId: found.id,
      ttlMs: deps.config.sessionAbsoluteMs,
      at: deps.clock(),
    });
    writeSessionCookie(c, deps.config, secret);
    const { id, displayName, roles } = found;
    return c.json({ user: { id, username: found.username, displayName, roles }, csrfToken: csrfFor(secret) });
  });

  docs.add({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out; the session is revoked on the server',
    tag: 'auth',
  });
  app.post('/logout', async (c) => {
    const user = requireUser(c);
    if (user.sessionId) await deps.store.revokeSession(user.sessionId);
    clearSessionCookie(c, deps.config);
    return c.json({ ok: true });
  });

  return app;
}

export function meRoute(docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in user, their roles and CSRF token',
    tag: 'auth',
  });
  app.get('/', (c) => {
    const user = requireUser(c);
    const { id, username, displayName, roles, via, csrfToken } = user;
    return c.json({ user: { id, username, displayName, roles }, via, csrfToken: csrfToken ?? null });
  });
  return app;
}
