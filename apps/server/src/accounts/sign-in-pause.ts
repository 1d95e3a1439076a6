import type { SignInPauseView } from '@portalflow/contract';
import type { LoginThrottle } from '../auth/throttle.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../http/errors.ts';

/**
 * A person held back after failed sign-ins, as their admin sees it, and letting them in now. The
 * throttle counts passwords by username and sign-in codes by account id; both are the person's. It is
 * kept in memory by each server process (see SECURITY.md): behind several processes an admin sees and
 * lifts what the process answering them counted.
 */
export class SignInPauses {
  constructor(
    private readonly deps: AppDeps,
    private readonly throttle: LoginThrottle,
  ) {}

  async of(userId: string): Promise<SignInPauseView> {
    return this.standing(await this.account(userId));
  }

  /** Forgets the person's failed attempts; recorded in their account's history when there were any. */
  async lift(userId: string, actorId: string): Promise<{ lifted: boolean }> {
    const account = await this.account(userId);
    const before = this.standing(account);
    for (const key of keys(account)) this.throttle.forget(key);
    if (before.failedAttempts === 0) return { lifted: false };
    await this.deps.store.recordAccountChanges({
      userId: account.id,
      actorId,
      at: this.deps.clock(),
      changes: [
        { what: 'sign-in-pause', oldValue: JSON.stringify(before), newValue: JSON.stringify('lifted') },
      ],
    });
    return { lifted: true };
  }

  private async account(userId: string) {
    const user = await this.deps.store.getUser(userId);
    if (!user) throw notFound('The account');
    return user;
  }

  private standing(account: { id: string; username: string }): SignInPauseView {
    const nowMs = Date.parse(this.deps.clock());
    let untilMs: number | null = null;
    let failedAttempts = 0;
    for (const key of keys(account)) {
      const one = this.throttle.standing(key, nowMs);
      failedAttempts = Math.max(failedAttempts, one.failures);
      if (one.untilMs !== null) untilMs = Math.max(untilMs ?? 0, one.untilMs);
    }
    return { pausedUntil: untilMs === null ? null : new Date(untilMs).toISOString(), failedAttempts };
  }
}

/** The throttle's names for one person: passwords by username, sign-in codes by account id. */
const keys = (account: { id: string; username: string }) => [account.username, `totp:${account.id}`];
