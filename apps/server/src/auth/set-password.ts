import { hashSetPasswordCode } from '../accounts/set-password-code.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { accessEnded } from '../live/access-ended.ts';
import { hashPassword } from './password.ts';
import { requireStrongPassword } from './password-rule.ts';
import type { SignInAudit } from './sign-in.ts';
import { TooManyAttempts, throttleOptions } from './sign-in.ts';
import { LoginThrottle } from './throttle.ts';

/**
 * Redeeming a one-time set-password code (from an admin: a new account or a password reset) at the
 * sign-in page. No session is made: the person then signs in with the new password (and their second
 * factor, if their roles need one). Failures are throttled like sign-ins.
 */
export class SetPasswordService {
  private readonly throttle: LoginThrottle;

  constructor(private readonly deps: AppDeps) {
    this.throttle = new LoginThrottle(throttleOptions(deps));
  }

  async redeem(
    input: { username: string; code: string; password: string },
    address: string,
    audit: SignInAudit,
  ): Promise<{ username: string }> {
    const { deps } = this;
    const username = input.username.trim().toLowerCase();
    const now = deps.clock();
    // The new password obeys the password rule; that is checked before any code is tried.
    requireStrongPassword(input.password, [username]);
    // The attempt counts before the code is checked, so codes sent at once are throttled like codes
    // sent one after another.
    const reserved = this.throttle.reserve(
      `set-password:${username}`,
      `ip:${address}`,
      false,
      Date.parse(now),
    );
    if (!reserved.ok) {
      await audit(null, 'deny', 'set-password code: throttled');
      throw new TooManyAttempts(Math.ceil(reserved.waitMs / 1000), 'attempts');
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
      await audit(null, 'deny', 'set-password code: wrong, used or expired');
      throw new ApiError(
        401,
        'CODE_FAILED',
        'That code is not right, was already used, or has expired; ask an admin for a new one',
      );
    }
    reserved.attempt.succeeded();
    // The sessions and tokens of the old password ended with it; so do their live streams, everywhere.
    await accessEnded(deps, user.id);
    const { id, displayName, roles } = user;
    await audit(
      { id, username: user.username, displayName, roles, via: 'session' },
      'allow',
      'password set with a one-time code',
    );
    return { username: user.username };
  }
}
