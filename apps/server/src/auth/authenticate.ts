import type { SessionStage } from '@portalflow/store';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { checkTokenScope, tokenUser } from './api-token.ts';
import { type AuthUser, SystemRole } from './roles.ts';
import { csrfFor, readSessionCookie } from './session.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Signing in does not act on the session a browser may still hold (it sets a new cookie), so it needs
 * no CSRF token: otherwise a cookie whose token the client no longer has locks it out of signing in.
 */
const NO_CSRF = new Set(['/api/auth/login']);
/** Sessions are touched at most this often: every touch is a database write. */
const TOUCH_EVERY_MS = 60_000;

/** All a half-signed-in session may do: finish signing in (or give up). */
const STAGE_ROUTES: Record<Exclude<SessionStage, 'full'>, ReadonlySet<string>> = {
  totp: new Set([
    'GET /api/me',
    'GET /api/session',
    'GET /api/sign-in-page',
    'GET /api/auth/oidc',
    'GET /api/auth/oidc/start',
    'GET /api/auth/oidc/callback',
    'POST /api/auth/login',
    'POST /api/auth/logout',
    'POST /api/auth/totp/verify',
  ]),
  enroll: new Set([
    'GET /api/me',
    'GET /api/session',
    'GET /api/sign-in-page',
    'GET /api/auth/oidc',
    'GET /api/auth/oidc/start',
    'GET /api/auth/oidc/callback',
    'POST /api/auth/login',
    'POST /api/auth/logout',
    'POST /api/auth/totp/setup',
    'POST /api/auth/totp/confirm',
  ]),
};

/** What a request presents: an API token (the `Authorization` header, see `api-token.ts`) or a session cookie. */
export type Credential = { kind: 'token'; header: string } | { kind: 'session'; secret: string };

export function credentialOf(c: Context, deps: AppDeps): Credential | null {
  const header = c.req.header('authorization');
  if (header !== undefined) return { kind: 'token', header };
  const secret = readSessionCookie(c, deps.config);
  return secret ? { kind: 'session', secret } : null;
}

/**
 * Who holds `credential` now, or null when it no longer works (revoked, expired, idle too long, the
 * account disabled, a token whose owner must enroll a second factor first). The one rule for every
 * request and for open live streams, which re-run it while they last. `touch` records activity on a
 * session (requests do; a stream left open is no activity).
 */
export async function callerOf(
  deps: AppDeps,
  credential: Credential,
  options: { touch: boolean },
): Promise<AuthUser | null> {
  if (credential.kind === 'token') {
    try {
      return await tokenUser(deps, credential.header);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
      throw error;
    }
  }
  const now = deps.clock();
  const found = await deps.store.getSession(credential.secret, now);
  if (!found) return null;
  const idle = Date.parse(now) - Date.parse(found.session.lastSeenAt);
  if (idle > deps.config.sessionIdleMs) {
    await deps.store.revokeSession(found.session.id);
    return null;
  }
  let lastSeen = found.session.lastSeenAt;
  if (options.touch && idle > TOUCH_EVERY_MS) {
    await deps.store.touchSession(found.session.id, { at: now });
    lastSeen = now;
  }
  const idleEnd = new Date(Date.parse(lastSeen) + deps.config.sessionIdleMs).toISOString();
  const { id, username, displayName, roles } = found.user;
  return {
    id,
    username,
    displayName,
    roles,
    via: 'session',
    sessionId: found.session.id,
    csrfToken: csrfFor(credential.secret),
    stage: found.session.stage,
    until: idleEnd < found.session.expiresAt ? idleEnd : found.session.expiresAt,
  };
}

/**
 * Who is calling: an API token or the session cookie (see `callerOf`). Unsafe requests on a session
 * must carry its CSRF token; on a token, its scope must be `act`. Routes decide what the caller may do.
 */
export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    let user: AuthUser | null = null;
    const credential = credentialOf(c, deps);
    if (credential?.kind === 'token') {
      // The token's own refusals (401, or 403 when its owner must enroll a second factor) stand.
      user = await tokenUser(deps, credential.header);
      checkTokenScope(user, c.req.method);
    } else if (credential) {
      // An ended session's cookie is refused, not cleared: the answer to a request sent with it can
      // reach the browser after its new session's cookie (a password change, a sign-in in another
      // tab), and clearing would sign that new session out of this browser.
      user = await callerOf(deps, credential, { touch: true });
    }
    if (
      user?.via === 'session' &&
      UNSAFE.has(c.req.method) &&
      !NO_CSRF.has(c.req.path) &&
      c.req.header('x-csrf-token') !== user.csrfToken
    ) {
      throw new ApiError(
        403,
        'CSRF_FAILED',
        'This request is missing its CSRF token (X-CSRF-Token); sign in again if it persists',
      );
    }
    const stage = user?.stage ?? 'full';
    if (stage !== 'full' && !STAGE_ROUTES[stage].has(`${c.req.method} ${c.req.path}`)) {
      throw stage === 'enroll'
        ? new ApiError(
            403,
            'TOTP_ENROLLMENT_REQUIRED',
            'Your roles need two-factor sign-in: set up an authenticator app first',
          )
        : new ApiError(
            403,
            'TOTP_REQUIRED',
            'Enter the code from your authenticator app to finish signing in',
          );
    }
    // Only holders of the break-glass role can have a grant: nobody else pays for the lookup.
    if (user && stage === 'full' && user.roles.includes(SystemRole.breakGlass)) {
      const grant = await deps.store.activeEmergencyAccess(user.id, deps.clock());
      if (grant) user.emergency = grant;
    }
    c.set('user', user);
    await next();
  };
}

export function requireUser(c: Context<AppEnv>): AuthUser {
  const user = c.get('user');
  if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
  return user;
}
