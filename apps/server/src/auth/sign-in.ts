import type {
  Me,
  PublicUser,
  SignInResult,
  TotpConfirmBody,
  TotpSetup,
  TotpVerifyBody,
} from '@portalflow/contract';
import { DEFAULT_CLINIC_CLOCK } from '@portalflow/contract';
import type { User } from '@portalflow/store';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { accessEnded } from '../live/access-ended.ts';
import { clinicTimeZone } from '../tracking/period.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.ts';
import type { AuthUser } from './roles.ts';
import { csrfFor } from './session.ts';
import { findKnownDevice, openSession, rememberDevice, throttleKey } from './session-steps.ts';
import { LoginThrottle, settle } from './throttle.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';
import { stageAfterPassword, totpRequired } from './two-factor.ts';

/** What a sign-in step knows of the browser; the route reads it from the request (cookies, headers). */
export interface Browser {
  /** The known-device cookie, if the browser sent one. */
  deviceSecret: string | undefined;
  /** The session cookie it holds now: that session ends when a step makes a new one. */
  sessionSecret: string | undefined;
  /** Its address, which throttles failures from browsers that are not a known device. */
  address: string;
  userAgent: string | undefined;
}

/**
 * Writes one access-log row of a sign-in step for this request: who (when known), the step, and how
 * it ended. Every step, allowed or refused, is logged.
 */
export type SignInAudit = (user: AuthUser | null, outcome: 'allow' | 'deny', detail: string) => Promise<void>;

/** A step that made a session: the answer, and the cookies the route sets. */
export interface SessionStep<A> {
  answer: A;
  sessionSecret: string;
  /** A new known-device cookie, when this browser was not one yet. */
  deviceSecret?: string;
}

/**
 * Too many failures: the route adds `Retry-After` from `retryAfterSeconds`. The person is told how
 * long ("try again in 4 minutes"), and, when the pause is their account's, that an admin can let them
 * in now (Accounts): a receptionist held back after a colleague's typos need not wait at the desk.
 */
export class TooManyAttempts extends ApiError {
  constructor(
    readonly retryAfterSeconds: number,
    what: string,
    adminCanLift = false,
  ) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      429,
      'TOO_MANY_ATTEMPTS',
      `Too many failed ${what}; try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}${adminCanLift ? ', or ask an admin to let you sign in now' : ''}`,
    );
  }
}

const publicUser = (u: Pick<User, 'id' | 'username' | 'displayName' | 'roles'>): PublicUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
});

/** Who a sign-in step is about, for its access-log row (never the username typed, which may be anything). */
const subject = (u: Pick<User, 'id' | 'username' | 'displayName' | 'roles'>): AuthUser => ({
  ...publicUser(u),
  via: 'session',
});

export const throttleOptions = (deps: AppDeps) => ({
  freeFailures: deps.config.loginFreeFailures,
  baseMs: deps.config.loginBackoffBaseMs,
  capMs: deps.config.loginBackoffCapMs,
  accountFailures: deps.config.loginAccountFailures,
  clientFailures: deps.config.loginClientFailures,
  clientWindowMs: deps.config.loginClientWindowMs,
});

/**
 * The sign-in protocol, one method per step: password, then (when the account has one) a code from
 * the authenticator or a recovery code, or (when its roles need one) enrolling an authenticator. Each
 * step that passes ends the browser's session and makes a new one; only a `full` session reaches the
 * API. Failures are throttled per account and per browser, counted before the slow check so guesses
 * sent at once count as if sent one by one.
 */
export class SignInService {
  /** Shared with the password check of a password change: one guessing budget per account. */
  readonly throttle: LoginThrottle;

  constructor(private readonly deps: AppDeps) {
    this.throttle = new LoginThrottle(throttleOptions(deps));
  }

  /** First step: username and password. The stage says what is still owed. */
  async password(
    input: { username: string; password: string },
    browser: Browser,
    audit: SignInAudit,
  ): Promise<SessionStep<SignInResult>> {
    const { deps } = this;
    const now = deps.clock();
    const found = await deps.store.findUserByUsername(input.username);
    const device = await findKnownDevice(deps, browser.deviceSecret, found?.id);
    const who = found ? subject(found) : null;
    const reserved = this.throttle.reserve(
      input.username,
      throttleKey(device, browser.address),
      device !== null,
      Date.parse(now),
    );
    if (!reserved.ok) {
      await audit(
        who,
        'deny',
        reserved.limit === 'client'
          ? 'password: throttled (many accounts from one client)'
          : 'password: throttled',
      );
      throw new TooManyAttempts(
        Math.ceil(reserved.waitMs / 1000),
        reserved.limit === 'client' ? 'sign-ins from this computer' : 'sign-ins for this account',
        reserved.limit === 'account',
      );
    }
    let right = false;
    const ok = await settle(reserved.attempt, async () => {
      right = await verifyPassword(input.password, found?.passwordHash ?? (await dummyHash()));
      return right && found !== null && !found.disabled;
    });
    // The right password for a disabled account: they are told why, not sent to reset a password that
    // works. Anyone without it learns nothing of the account (LOGIN_FAILED below).
    if (found?.disabled && right) {
      await audit(who, 'deny', 'password: account disabled');
      deps.log('login failed (disabled)');
      throw ApiError.of('SIGN_IN_DISABLED');
    }
    if (!found || !ok) {
      const why = found ? (found.disabled ? 'account disabled' : 'wrong') : 'unknown account';
      await audit(who, 'deny', `password: ${why}`);
      deps.log(`login failed (${found ? (found.disabled ? 'disabled' : 'password') : 'unknown user'})`);
      throw new ApiError(401, 'LOGIN_FAILED', 'Wrong username or password');
    }
    const stage = await stageAfterPassword(deps, found, device, now);
    const session = await openSession(deps, browser, found.id, stage);
    const deviceSecret = stage === 'full' ? await rememberDevice(deps, found.id, device, false) : undefined;
    await audit(
      who,
      'allow',
      `password${device ? ' from a known device' : ''}; next: ${stage === 'full' ? 'signed in' : stage}`,
    );
    return {
      answer: { user: publicUser(found), csrfToken: csrfFor(session), stage },
      sessionSecret: session,
      ...(deviceSecret ? { deviceSecret } : {}),
    };
  }

  /** Second step: a code from the authenticator app, or one unused recovery code. */
  async secondFactor(
    user: AuthUser,
    input: TotpVerifyBody,
    browser: Browser,
    audit: SignInAudit,
  ): Promise<SessionStep<SignInResult>> {
    const { deps } = this;
    if (user.stage !== 'totp')
      throw new ApiError(409, 'NOT_WAITING_FOR_CODE', 'This session is not waiting for a code');
    const totp = await deps.store.getTotp(user.id);
    if (!totp?.confirmedAt) throw new ApiError(409, 'NOT_ENROLLED', 'This account has no authenticator');
    const now = deps.clock();
    const nowMs = Date.parse(now);
    const device = await findKnownDevice(deps, browser.deviceSecret, user.id);
    const factor = input.code !== undefined ? 'authenticator code' : 'recovery code';
    const reserved = this.throttle.reserve(
      `totp:${user.id}`,
      throttleKey(device, browser.address),
      device !== null,
      nowMs,
    );
    if (!reserved.ok) {
      await audit(user, 'deny', `${factor}: throttled`);
      throw new TooManyAttempts(Math.ceil(reserved.waitMs / 1000), 'codes', reserved.limit === 'account');
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
      await audit(user, 'deny', `${factor}: wrong or reused`);
      deps.log('second factor failed');
      throw new ApiError(401, 'CODE_FAILED', 'That code is not right, or was already used');
    }
    const session = await openSession(deps, browser, user.id, 'full');
    const deviceSecret = await rememberDevice(deps, user.id, device, input.rememberDevice === true);
    await audit(user, 'allow', `${factor}: signed in${input.rememberDevice ? '; browser remembered' : ''}`);
    return {
      answer: {
        user: publicUser(user),
        csrfToken: csrfFor(session),
        stage: 'full',
        recoveryCodesLeft: await deps.store.unusedRecoveryCodes(user.id),
      },
      sessionSecret: session,
      ...(deviceSecret ? { deviceSecret } : {}),
    };
  }

  /** Enrolment, first half: a new secret and its otpauth:// URI, shown this once. */
  async startEnrollment(user: AuthUser): Promise<TotpSetup> {
    const { deps } = this;
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
    return { secret, otpauthUri: otpauthUri(secret, user.username) };
  }

  /** Enrolment, second half: a first code confirms it; recovery codes (shown once) and a full session. */
  async confirmEnrollment(
    user: AuthUser,
    input: TotpConfirmBody,
    browser: Browser,
    audit: SignInAudit,
  ): Promise<SessionStep<SignInResult>> {
    const { deps } = this;
    if (user.via !== 'session') throw new ApiError(403, 'FORBIDDEN', 'Enroll from a signed-in browser');
    const totp = await deps.store.getTotp(user.id);
    if (!totp || totp.confirmedAt)
      throw new ApiError(409, 'NO_ENROLLMENT', 'Start enrolling first (POST /api/auth/totp/setup)');
    const now = deps.clock();
    const nowMs = Date.parse(now);
    const device = await findKnownDevice(deps, browser.deviceSecret, user.id);
    const reserved = this.throttle.reserve(
      `totp:${user.id}`,
      throttleKey(device, browser.address),
      device !== null,
      nowMs,
    );
    if (!reserved.ok) {
      await audit(user, 'deny', 'enrollment: throttled');
      throw new TooManyAttempts(Math.ceil(reserved.waitMs / 1000), 'codes', reserved.limit === 'account');
    }
    const ok = await settle(reserved.attempt, async () => {
      const step = matchTotp(totp.secret, input.code, nowMs);
      return step !== null && (await deps.store.acceptTotpStep(user.id, step, { at: now }));
    });
    if (!ok) {
      await audit(user, 'deny', 'enrollment: wrong code');
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
    const session = await openSession(deps, browser, user.id, 'full');
    const deviceSecret = await rememberDevice(deps, user.id, device, input.rememberDevice === true);
    deps.log('authenticator enrolled');
    await audit(user, 'allow', 'enrollment: authenticator confirmed; recovery codes issued');
    return {
      answer: { user: publicUser(user), csrfToken: csrfFor(session), stage: 'full', recoveryCodes },
      sessionSecret: session,
      ...(deviceSecret ? { deviceSecret } : {}),
    };
  }

  /** Signing out ends the session on the server, not only the cookie; its live streams end everywhere. */
  async signOut(user: AuthUser, audit: SignInAudit): Promise<void> {
    if (user.sessionId && (await this.deps.store.revokeSession(user.sessionId)))
      await accessEnded(this.deps, user.id);
    await audit(user, 'allow', 'signed out');
  }

  /** The signed-in user as the web app starts from: roles, stage, two-factor status, break-glass grant. */
  async me(user: AuthUser): Promise<Me> {
    const { deps } = this;
    const totp = await deps.store.getTotp(user.id);
    const enrolled = totp?.confirmedAt != null;
    return {
      user: publicUser(user),
      via: user.via,
      csrfToken: user.csrfToken ?? null,
      stage: user.stage ?? 'full',
      twoFactor: {
        enrolled,
        required: totpRequired(deps, user.roles),
        recoveryCodesLeft: enrolled ? await deps.store.unusedRecoveryCodes(user.id) : 0,
        // Said only to someone setting it up again: a first setup has its own words.
        resetAt: enrolled ? null : await deps.store.twoFactorResetAt(user.id),
      },
      emergency: user.emergency ?? null,
      // The setup page writes the reset's time before the configuration may be read: on the clinic's clock.
      clinicTime: {
        timeZone: clinicTimeZone(deps.calendar),
        clock: deps.clinicClock ?? DEFAULT_CLINIC_CLOCK,
      },
    };
  }
}
