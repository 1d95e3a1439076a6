import type { User } from '@portalflow/store';
import { sendLinkEmail } from '../accounts/link-email.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { RequestWindow } from './request-window.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Too many asked from one computer: said whatever was typed, so it tells nothing about accounts. */
class TooManyResets extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      429,
      'TOO_MANY_ATTEMPTS',
      `Too many password resets asked for from this computer; try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}`,
    );
  }
}

export { TooManyResets };

/**
 * "Forgot password" on the sign-in page. The answer is the same whether the username or address is an
 * account's or not: the same lookups run either way, and the email is written and sent after the
 * answer, never before it. Asking is limited per computer (said, 429), and the emails per account and
 * per address (silently: saying so would tell that the account exists).
 */
export class PasswordResets {
  private readonly perClient = new RequestWindow(10, 15 * MINUTE);
  private readonly perAccount = new RequestWindow(3, HOUR);
  private readonly perAddress = new RequestWindow(3, HOUR);
  private readonly sending = new Set<Promise<void>>();

  constructor(private readonly deps: AppDeps) {}

  async ask(who: string, client: string): Promise<void> {
    const { deps } = this;
    const now = Date.parse(deps.clock());
    const allowed = this.perClient.take(`ip:${client}`, now);
    if (!allowed.ok) throw new TooManyResets(Math.ceil(allowed.waitMs / 1000));
    const typed = who.trim();
    // Both lookups, whatever was typed: a username and an address take the same time to answer.
    const [byName, byAddress] = await Promise.all([
      deps.store.findUserByUsername(typed.toLowerCase()),
      deps.store.activeAccountsWithEmail(typed),
    ]);
    const named = byName && !byName.disabled ? await deps.store.getEmailPreferences(byName.id) : null;
    const targets: Array<{ user: User; to: string }> = [];
    if (byName && named?.address) targets.push({ user: byName, to: named.address });
    for (const { email, ...user } of byAddress)
      if (!targets.some((t) => t.user.id === user.id)) targets.push({ user, to: email });
    for (const target of targets) {
      // Decided here, before any await: requests sent at once are counted one after another.
      if (!this.perAccount.take(target.user.id, now).ok) continue;
      if (!this.perAddress.take(target.to.toLowerCase(), now).ok) continue;
      this.sendLater(target.user, target.to);
    }
  }

  /** Resolves once every reset email asked for so far was sent or failed (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.sending.size > 0) await Promise.all([...this.sending]);
  }

  private sendLater(user: User, to: string): void {
    const sent: Promise<void> = sendLinkEmail(this.deps, {
      kind: 'password-reset-email',
      user,
      to,
      actorId: null,
    })
      .then((result) => {
        // The outcome, never the account or the address.
        if (result.error) this.deps.log(`password reset email not sent: ${result.error.split(':')[0]}`);
      })
      .catch((error: unknown) => this.deps.log(`password reset email failed: ${(error as Error).name}`))
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }
}
