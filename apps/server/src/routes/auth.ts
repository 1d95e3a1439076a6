import type { Device, SessionStage, User } from '@portalflow/store';
import { type Context, Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { dummyHash, verifyPassword } from '../auth/password.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../auth/recovery-codes.ts';
import type { AuthUser } from '../auth/roles.ts';
import { clearSessionCookie } from '../auth/session.ts';
import {
  knownDevice as knownDeviceOf,
  markDevice as markDeviceOf,
  startSession as startSessionOf,
  throttleClient,
} from '../auth/sign-in.ts';
import { LoginThrottle, settle } from '../auth/throttle.ts';
import { matchTotp, newTotpSecret, otpauthUri } from '../auth/totp.ts';
import { stageAfterPassword, totpRequired } from '../auth/two-factor.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { LoginBody, TotpConfirmBody, TotpSetupBody, TotpVerifyBody } from '../http/schemas.ts';
import { body, optionalBody } from '../http/validate.ts';
import type { SsoClient } from '../sso/client.ts';

/** Who a sign-in step is about, for its access-log row (never the username typed, which may be anything). */
const subject = (u: Pick<User, 'id' | 'username' | 'displayName' | 'roles'>): AuthUser => ({
  ...publicUser(u),
  via: 'session',
});

const publicUser = (u: Pick<User, 'id' | 'username' | 'displayName' | 'roles'>) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
});

const tooMany = (c: Context, wait: number, what: string) => {
  c.header('Retry-After', String(Math.ceil(wait / 1000)));
  return new ApiError(429, 'TOO_MANY_ATTEMPTS', `Too many failed ${what}; wait a few minutes and try again`);
};

export function authRoutes(deps: AppDeps, docs: ApiDocs, sso: SsoClient | null = null): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const throttle = new LoginThrottle({
    freeFailures: deps.config.loginFreeFailures,
    baseMs: deps.config.loginBackoffBaseMs,
    capMs: deps.config.loginBackoffCapMs,
    accountFailures: deps.config.loginAccountFailures,
  });

  const knownDevice = (c: Context, userId: string | undefined) => knownDeviceOf(deps, c, userId);
  const clientOf = (c: Context, device: Device | null) => throttleClient(deps, c, device);
  const startSession = (c: Context, userId: string, stage: SessionStage) =>
    startSessionOf(deps, c, userId, stage);
  const markDevice = (c: Context, userId: string, device: Device | null, rememberTotp: boolean) =>
    markDeviceOf(deps, c, userId, device, rememberTotp);

  docs.add({
    method: 'post',
    path: '/api/auth/login',
    summary:
      'Sign in with username and password; sets the session cookie. `stage` says what is still needed: nothing (`full`), a code (`totp`) or enrolling an authenticator (`enroll`)',
    tag: 'auth',
    body: LoginBody,
    auth: false,
    instanceData: false,
    responses: {
      200: 'Signed in (see stage)',
      401: 'Wrong username or password',
      429: 'Too many failed attempts',
    },
  });
  app.post('/login', async (c) => {
    const { username, password } = await body(c, LoginBody);
    const now = deps.clock();
    const nowMs = Date.parse(now);
    const found = await deps.store.findUserByUsername(username);
    const device = await knownDevice(c, found?.id);
    const client = clientOf(c, device);
    // Counted before the slow check, so guesses sent at once are counted as if sent one by one.
    const reserved = throttle.reserve(username, client, device !== null, nowMs);
    // Every sign-in step is in the access log: who (when known), the step, and how it ended.
    const audit = (outcome: 'allow' | 'deny', detail: string) =>
      recordAccess(deps, c, found ? subject(found) : null, { category: 'authentication', outcome, detail });
    if (!reserved.ok) {
      await audit('deny', 'password: throttled');
      throw tooMany(c, reserved.waitMs, 'sign-ins for this account');
    }
    const ok = await settle(reserved.attempt, async () => {
      const right = await verifyPassword(password, found?.passwordHash ?? (await dummyHash()));
      return right && found !== null && !found.disabled;
    });
    if (!found || !ok) {
      await audit(
        'deny',
        found
          ? found.disabled
            ? 'password: account disabled'
            : 'password: wrong'
          : 'password: unknown account',
      );
      deps.log(`login failed (${found ? (found.disabled ? 'disabled' : 'password') : 'unknown user'})`);
      throw new ApiError(401, 'LOGIN_FAILED', 'Wrong username or password');
    }
    const stage = await stageAfterPassword(deps, found, device, now);
    const csrfToken = await startSession(c, found.id, stage);
    if (stage === 'full') await markDevice(c, found.id, device, false);
    await audit(
      'allow',
      `password${device ? ' from a known device' : ''}; next: ${stage === 'full' ? 'signed in' : stage}`,
    );
    return c.json({ user: publicUser(found), csrfToken, stage });
  });

  docs.add({
    method: 'post',
    path: '/api/auth/totp/verify',
    summary: 'Second sign-in step: a code from the authenticator app, or one unused recovery code',
    tag: 'auth',
    body: TotpVerifyBody,
    instanceData: false,
    responses: {
      200: 'Signed in; a new session cookie',
      401: 'Wrong or reused code',
      409: 'This session is not waiting for a code',
      429: 'Too many failed attempts',
    },
  });
  app.post('/totp/verify', async (c) => {
    const user = requireUser(c);
    const input = await body(c, TotpVerifyBody);
    if (user.stage !== 'totp')
      throw new ApiError(409, 'NOT_WAITING_FOR_CODE', 'This session is not waiting for a code');
    const totp = await deps.store.getTotp(user.id);
    if (!totp?.confirmedAt) throw new ApiError(409, 'NOT_ENROLLED', 'This account has no authenticator');
    const now = deps.clock();
    const nowMs = Date.parse(now);
    const device = await knownDevice(c, user.id);
    const client = clientOf(c, device);
    const account = `totp:${user.id}`;
    const reserved = throttle.reserve(account, client, device !== null, nowMs);
    const factor = input.code !== undefined ? 'authenticator code' : 'recovery code';
    const audit = (outcome: 'allow' | 'deny', detail: string) =>
      recordAccess(deps, c, user, { category: 'authentication', outcome, detail: `${factor}: ${detail}` });
    if (!reserved.ok) {
      await audit('deny', 'throttled');
      throw tooMany(c, reserved.waitMs, 'codes');
    }
    const ok = await settle(reserved.attempt, async () => {
      if (input.code !== undefined) {
        const step = matchTotp(totp.secret, input.code, nowMs);
        return step !== null && (await deps.store.acceptTotpStep(user.id, step));
      }
      if (input.recoveryCode === undefined) return false;
      const hash = hashRecoveryCode(user.id, input.recoveryCode);
      return deps.store.useRecoveryCode({ userId: user.id, hash, at: now });
    });
    if (!ok) {
      await audit('deny', 'wrong or reused');
      deps.log('second factor failed');
      throw new ApiError(401, 'CODE_FAILED', 'That code is not right, or was already used');
    }
    const csrfToken = await startSession(c, user.id, 'full');
    await markDevice(c, user.id, device, input.rememberDevice === true);
    await audit('allow', `signed in${input.rememberDevice ? '; browser remembered' : ''}`);
    return c.json({
      user: publicUser(user),
      csrfToken,
      stage: 'full',
      recoveryCodesLeft: await deps.store.unusedRecoveryCodes(user.id),
    });
  });

  docs.add({
    method: 'post',
    path: '/api/auth/totp/setup',
    summary:
      'Start enrolling an authenticator app: a new secret and its otpauth:// URI, shown this once (a new call replaces them)',
    tag: 'auth',
    body: TotpSetupBody,
    instanceData: false,
    responses: { 200: 'Secret and URI', 409: 'Already enrolled' },
  });
  app.post('/totp/setup', async (c) => {
    const user = requireUser(c);
    await optionalBody(c, TotpSetupBody);
    if (user.via !== 'session') throw new ApiError(403, 'FORBIDDEN', 'Enroll from a signed-in browser');
    const existing = await deps.store.getTotp(user.id);
    if (existing?.confirmedAt)
      throw new ApiError(
        409,
        'ALREADY_ENROLLED',
        'This account already has an authenticator; an admin can reset it',
      );
    const secret = newTotpSecret();
    await deps.store.setTotpSecret({ userId: user.id, secret, at: deps.clock() });
    deps.log('authenticator enrollment started');
    return c.json({ secret, otpauthUri: otpauthUri(secret, user.username) });
  });

  docs.add({
    method: 'post',
    path: '/api/auth/totp/confirm',
    summary:
      'Finish enrolling with a first code; returns recovery codes (shown this once) and a fully signed-in session',
    tag: 'auth',
    body: TotpConfirmBody,
    instanceData: false,
    responses: { 200: 'Enrolled', 401: 'Wrong code', 409: 'No enrollment started' },
  });
  app.post('/totp/confirm', async (c) => {
    const user = requireUser(c);
    const input = await body(c, TotpConfirmBody);
    if (user.via !== 'session') throw new ApiError(403, 'FORBIDDEN', 'Enroll from a signed-in browser');
    const totp = await deps.store.getTotp(user.id);
    if (!totp || totp.confirmedAt)
      throw new ApiError(409, 'NO_ENROLLMENT', 'Start enrolling first (POST /api/auth/totp/setup)');
    const now = deps.clock();
    const nowMs = Date.parse(now);
    const device = await knownDevice(c, user.id);
    const client = clientOf(c, device);
    const account = `totp:${user.id}`;
    const reserved = throttle.reserve(account, client, device !== null, nowMs);
    const audit = (outcome: 'allow' | 'deny', detail: string) =>
      recordAccess(deps, c, user, { category: 'authentication', outcome, detail: `enrollment: ${detail}` });
    if (!reserved.ok) {
      await audit('deny', 'throttled');
      throw tooMany(c, reserved.waitMs, 'codes');
    }
    const ok = await settle(reserved.attempt, async () => {
      const step = matchTotp(totp.secret, input.code, nowMs);
      return step !== null && (await deps.store.acceptTotpStep(user.id, step, { at: now }));
    });
    if (!ok) {
      await audit('deny', 'wrong code');
      throw new ApiError(
        401,
        'CODE_FAILED',
        'That code is not right; check the app shows portalflow and try the newest code',
      );
    }
    const recoveryCodes = newRecoveryCodes();
    await deps.store.replaceRecoveryCodes({
      userId: user.id,
      hashes: recoveryCodes.map((code) => hashRecoveryCode(user.id, code)),
      at: now,
    });
    const csrfToken = await startSession(c, user.id, 'full');
    await markDevice(c, user.id, device, input.rememberDevice === true);
    deps.log('authenticator enrolled');
    await audit('allow', 'authenticator confirmed; recovery codes issued');
    return c.json({ user: publicUser(user), csrfToken, stage: 'full', recoveryCodes });
  });

  docs.add({
    method: 'post',
    path: '/api/auth/logout',
    summary:
      "Sign out; the session is revoked on the server. For an account that signs in through the provider, `providerLogoutUrl` (when the provider offers RP-initiated logout) ends the provider's session too",
    tag: 'auth',
    instanceData: false,
  });
  app.post('/logout', async (c) => {
    const user = requireUser(c);
    if (user.sessionId) await deps.store.revokeSession(user.sessionId);
    clearSessionCookie(c, deps.config);
    await recordAccess(deps, c, user, { category: 'authentication', outcome: 'allow', detail: 'signed out' });
    const providerLogoutUrl =
      sso && (await deps.store.hasSsoIdentity(user.id)) ? await sso.endSessionUrl() : null;
    return c.json({ ok: true, providerLogoutUrl });
  });

  return app;
}

async function twoFactorOf(deps: AppDeps, user: AuthUser) {
  const totp = await deps.store.getTotp(user.id);
  return {
    enrolled: totp?.confirmedAt != null,
    required: totpRequired(deps, user.roles),
    recoveryCodesLeft: totp?.confirmedAt ? await deps.store.unusedRecoveryCodes(user.id) : 0,
  };
}

export function meRoute(docs: ApiDocs, deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    method: 'get',
    path: '/api/me',
    summary:
      'The signed-in user, their roles, CSRF token, sign-in stage, two-factor status and break-glass grant',
    tag: 'auth',
    instanceData: false,
  });
  app.get('/', async (c) => {
    const user = requireUser(c);
    const { id, username, displayName, roles, via, csrfToken } = user;
    return c.json({
      user: { id, username, displayName, roles },
      via,
      csrfToken: csrfToken ?? null,
      stage: user.stage ?? 'full',
      twoFactor: await twoFactorOf(deps, user),
      emergency: user.emergency ?? null,
    });
  });
  return app;
}
