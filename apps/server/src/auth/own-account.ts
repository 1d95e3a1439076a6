import type { ChangeOwnPasswordBody, PasswordChanged, SessionView } from '@portalflow/contract';
import type { SessionSummary } from '@portalflow/store';
import type { AppDeps } from '../deps.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { accessEnded } from '../live/access-ended.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { requireStrongPassword } from './password-rule.ts';
import type { AuthUser } from './roles.ts';
import { csrfFor } from './session.ts';
import { findKnownDevice, openSession, throttleKey } from './session-steps.ts';
import type { Browser, SessionStep, SignInAudit } from './sign-in.ts';
import { TooManyAttempts } from './sign-in.ts';
import { type LoginThrottle, settle } from './throttle.ts';

/** A session as the API shows it (never its secret); `current` marks the caller's own. */
export const sessionView = (s: SessionSummary, currentId: string | undefined): SessionView => ({
  id: s.id,
  createdAt: s.createdAt,
  lastSeenAt: s.lastSeenAt,
  expiresAt: s.expiresAt,
  stage: s.stage,
  clientHint: s.clientHint,
  current: s.id === currentId,
});

const fieldError = (code: string, message: string, field: string) =>
  new ApiError(400, code, message, { fields: [{ field, message }] });

/** An API token acts for its owner's work, never on their credentials. */
function sessionOnly(user: AuthUser): void {
  if (user.via !== 'session')
    throw new ApiError(
      403,
      'SESSION_REQUIRED',
      'Change your password and sessions signed in, not with an API token',
    );
}

/**
 * What a signed-in person does with their own account: a new password (proved with the current one,
 * counted against the same guessing budget as signing in) and their sessions.
 */
export class OwnAccountService {
  constructor(
    private readonly deps: AppDeps,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * The current password is checked, the new one must pass the password rule and differ, and the store
   * writes it only if the password is still the one checked (of two changes at once, one wins). Every
   * session and API token of the account ends with the old password; this browser gets a new session.
   */
  async changePassword(
    user: AuthUser,
    input: ChangeOwnPasswordBody,
    browser: Browser,
    audit: SignInAudit,
  ): Promise<SessionStep<PasswordChanged>> {
    const { deps } = this;
    sessionOnly(user);
    const found = await deps.store.findUserByUsername(user.username);
    if (!found || found.id !== user.id) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
    const now = deps.clock();
    const device = await findKnownDevice(deps, browser.deviceSecret, user.id);
    const reserved = this.throttle.reserve(
      found.username,
      throttleKey(device, browser.address),
      device !== null,
      Date.parse(now),
    );
    if (!reserved.ok) {
      await audit(user, 'deny', 'password change: throttled');
      throw new TooManyAttempts(Math.ceil(reserved.waitMs / 1000), 'password checks for this account');
    }
    const right = await settle(reserved.attempt, () =>
      verifyPassword(input.currentPassword, found.passwordHash),
    );
    if (!right) {
      await audit(user, 'deny', 'password change: wrong current password');
      throw fieldError('CURRENT_PASSWORD_WRONG', 'That is not your current password', 'currentPassword');
    }
    if (input.newPassword === input.currentPassword)
      throw fieldError(
        'PASSWORD_UNCHANGED',
        'Choose a password different from the current one',
        'newPassword',
      );
    requireStrongPassword(input.newPassword, [found.username]);
    const changed = await deps.store.changeOwnPassword({
      userId: user.id,
      expectedHash: found.passwordHash,
      passwordHash: await hashPassword(input.newPassword),
      at: deps.clock(),
    });
    if (!changed.ok) {
      await audit(user, 'deny', 'password change: changed meanwhile');
      if (changed.reason === 'not-found') throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
      throw new ApiError(
        409,
        'PASSWORD_CHANGED_MEANWHILE',
        'Your password was changed meanwhile, elsewhere; sign in again with the new one',
      );
    }
    // Their live streams end on every process, with the sessions and tokens they were opened with.
    await accessEnded(deps, user.id);
    // This browser's session ended with the others: it signs in again at once, with every factor given.
    const session = await openSession(
      deps,
      { sessionSecret: undefined, userAgent: browser.userAgent },
      user.id,
      'full',
    );
    const others = Math.max(0, changed.ended.sessions - 1);
    await audit(
      user,
      'allow',
      `password changed by its owner; ended ${others} other sessions, ${changed.ended.tokens} API tokens`,
    );
    deps.log('password changed by its owner');
    return {
      answer: {
        ok: true,
        csrfToken: csrfFor(session),
        endedSessions: others,
        revokedTokens: changed.ended.tokens,
      },
      sessionSecret: session,
    };
  }

  async sessions(user: AuthUser): Promise<SessionView[]> {
    sessionOnly(user);
    const sessions = await this.deps.store.listUserSessions(user.id, this.deps.clock());
    return sessions.map((s) => sessionView(s, user.sessionId));
  }

  /** Signs out one session of the account's own (this one too, if named). */
  async endSession(user: AuthUser, sessionId: string): Promise<void> {
    sessionOnly(user);
    const ended = await this.deps.store.endUserSession({
      userId: user.id,
      sessionId,
      actorId: user.id,
      at: this.deps.clock(),
    });
    if (!ended) throw notFound('That session');
    await accessEnded(this.deps, user.id);
  }

  /** Every session but this one, in one transaction; answers how many ended. */
  async endOthers(user: AuthUser): Promise<number> {
    sessionOnly(user);
    const ended = await this.deps.store.endUserSessions({
      userId: user.id,
      exceptSessionId: user.sessionId,
      actorId: user.id,
      at: this.deps.clock(),
    });
    if (ended > 0) await accessEnded(this.deps, user.id);
    return ended;
  }
}
