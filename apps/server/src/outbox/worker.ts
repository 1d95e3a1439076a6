import { DEFAULT_CLINIC_CLOCK } from '@portalflow/contract';
import type { EmailKind, LeasedOutboxItem, OutboxOutcome } from '@portalflow/store';
import { SystemRole } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { retryDelayMs } from './backoff.ts';
import { composeBackupEmail, isBackupEmail } from './backup-email.ts';
import { clinicZone, digestLines, queueDigests } from './digest.ts';
import { composeDigest, composeEmail } from './email.ts';
import { smtpWords } from './failure-words.ts';
import { type Mailer, smtpMailer } from './mailer.ts';
import type { EmailPayload } from './messages.ts';
import { localDateTime, quietUntil } from './quiet-hours.ts';
import { sendWebhook } from './webhook.ts';

export interface OutboxWorker {
  /** Delivers every due message this process can lease; returns how many it settled. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

export interface OutboxWorkerOptions {
  autostart?: boolean;
  /** The jitter's randomness, in [0, 1). */
  random?: () => number;
}

/**
 * Sends the outbox. Rows are leased (so two processes never send the same one at once) and settled
 * after the attempt: a crash between sending and settling lets the lease expire and the message is
 * sent again with the same id (at-least-once; receivers de-duplicate by it). A failure is retried with
 * exponential backoff and jitter, and dead-lettered after `maxAttempts`.
 */
export function startOutboxWorker(deps: AppDeps, options: OutboxWorkerOptions = {}): OutboxWorker {
  const settings = deps.config.outbox;
  const random = options.random ?? Math.random;
  const owner = deps.config.processId;
  const mailer: Mailer | null = settings.smtpUrl ? smtpMailer(settings.smtpUrl, settings.mailFrom) : null;
  let stopped = false;
  let running: Promise<number> | undefined;
  let handle: ReturnType<typeof setTimeout> | undefined;
  let digestDone: string | null = null;

  const failure = (item: LeasedOutboxItem, error: string, now: string): OutboxOutcome => {
    const attempt = item.attempts + 1;
    if (attempt >= settings.maxAttempts)
      return { status: 'dead', error: `${error} (after ${attempt} attempts)` };
    const delay = retryDelayMs(attempt, settings.backoffBaseMs, settings.backoffMaxMs, random);
    return { status: 'pending', error, nextAt: new Date(Date.parse(now) + delay).toISOString() };
  };

  /** The attempt's outcome, and whether it counted as an attempt (waiting out quiet hours does not). */
  async function deliverEmail(item: LeasedOutboxItem, now: string): Promise<[OutboxOutcome, boolean]> {
    const kind = item.kind as EmailKind;
    const [user, prefs] = await Promise.all([
      deps.store.getUser(item.target),
      deps.store.getEmailPreferences(item.target),
    ]);
    if (!mailer)
      return [{ status: 'pending', error: 'no SMTP server configured', nextAt: later(now) }, false];
    if (!user || user.disabled) return [{ status: 'skipped', error: 'account disabled or gone' }, false];
    const backupAlarm = isBackupEmail(item.kind);
    // The backup alarm is no preference (a clinic must not lose its backups unheard); it is for admins.
    if (backupAlarm && !user.roles.includes(SystemRole.admin))
      return [{ status: 'skipped', error: 'no longer an admin' }, false];
    // A deadline coming up is deadline mail, as overdue mail is: the same choice turns both on or off.
    const choice = kind === 'due-soon' ? 'overdue' : kind;
    if (!backupAlarm && !prefs[choice])
      return [{ status: 'skipped', error: `${kind} emails turned off` }, false];
    if (!prefs.address) return [{ status: 'skipped', error: 'no email address' }, false];
    const zone = clinicZone(deps);
    const until = quietUntil(now, prefs.quietStart, prefs.quietEnd, zone);
    // A due-soon warning held past its deadline warns of nothing: the bell item stays, the email is
    // dropped, and quiet hours are kept (the deadline's own escalation deals with lateness).
    const dueAt = kind === 'due-soon' ? (item.payload as EmailPayload).dueAt : undefined;
    if (until && dueAt !== undefined && Date.parse(until) >= Date.parse(dueAt))
      return [{ status: 'skipped', error: 'quiet hours until after the deadline' }, false];
    if (until) return [{ status: 'pending', error: 'quiet hours', nextAt: until }, false];
    const opts = {
      baseUrl: settings.baseUrl,
      clinicName: deps.clinicName ?? 'Clinic',
      clock: deps.clinicClock ?? DEFAULT_CLINIC_CLOCK,
      today: localDateTime(now, zone).date,
    };
    let email: ReturnType<typeof composeEmail>;
    if (isBackupEmail(item.kind)) {
      email = composeBackupEmail(item.kind, item.payload, opts);
    } else if (kind === 'digest') {
      const lines = await digestLines(deps, user);
      if (lines.length === 0) return [{ status: 'skipped', error: 'no open work' }, false];
      const date = (item.payload as { date?: string } | null)?.date ?? localDateTime(now, zone).date;
      email = composeDigest(lines, { ...opts, date });
    } else {
      email = composeEmail(kind, item.payload as EmailPayload, { ...opts, timeZone: zone });
    }
    try {
      await mailer.send({ id: item.id, to: prefs.address, email });
      return [{ status: 'delivered', at: deps.clock() }, true];
    } catch (error) {
      return [failure(item, smtpWords(error), now), true];
    }
  }

  async function deliverWebhook(item: LeasedOutboxItem, now: string): Promise<[OutboxOutcome, boolean]> {
    const sub = await deps.store.getWebhookSubscription(item.target);
    if (!sub || sub.disabledAt) return [{ status: 'dead', error: 'subscription removed' }, false];
    const result = await sendWebhook(sub, item, now, {
      timeoutMs: settings.webhookTimeoutMs,
      allowPrivate: settings.allowPrivateWebhooks,
    });
    if (result.ok) return [{ status: 'delivered', at: deps.clock() }, true];
    if (result.gone) return [{ status: 'dead', error: result.error }, true];
    return [failure(item, result.error, now), true];
  }

  const later = (now: string) => new Date(Date.parse(now) + settings.leaseMs).toISOString();

  async function deliver(item: LeasedOutboxItem): Promise<void> {
    const now = deps.clock();
    let outcome: [OutboxOutcome, boolean];
    try {
      outcome = item.channel === 'email' ? await deliverEmail(item, now) : await deliverWebhook(item, now);
    } catch (error) {
      outcome = [failure(item, (error as Error).name, now), true];
    }
    await deps.store.settleOutbox(item.id, owner, outcome[0], outcome[1]);
  }

  async function deliverDue(): Promise<number> {
    const now = deps.clock();
    const today = localDateTime(now, clinicZone(deps)).date;
    if (digestDone !== today) {
      const queued = await queueDigests(deps, now);
      if (queued) digestDone = queued.date;
    }
    let settled = 0;
    for (;;) {
      if (stopped) return settled;
      const leased = await deps.store.claimOutbox({
        now: deps.clock(),
        owner,
        leaseMs: settings.leaseMs,
        limit: 20,
      });
      if (leased.length === 0) return settled;
      // One batch in parallel: a slow receiver holds up at most this batch, never the next poll's.
      await Promise.all(leased.map(deliver));
      settled += leased.length;
    }
  }

  function tick(): Promise<number> {
    running ??= deliverDue()
      .then((settled) => {
        // Counts only: never a recipient, address or payload.
        if (settled > 0) deps.log(`outbox worker ${owner}: settled ${settled}`);
        return settled;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  async function loop(): Promise<void> {
    if (stopped) return;
    try {
      await tick();
    } catch (error) {
      deps.log(`outbox worker: ${(error as Error).message}`);
    }
    if (!stopped) handle = setTimeout(loop, settings.pollMs);
  }
  if (options.autostart !== false) handle = setTimeout(loop, 0);

  return {
    tick,
    async stop() {
      stopped = true;
      if (handle) clearTimeout(handle);
      await running;
      mailer?.close();
    },
  };
}
