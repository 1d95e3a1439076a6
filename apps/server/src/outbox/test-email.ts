import { randomUUID } from 'node:crypto';
import type { TestSendOutcome } from '@portalflow/contract';
import type { AppDeps } from '../deps.ts';
import type { ComposedEmail } from './email.ts';
import { failureOf } from './failure-code.ts';
import { smtpWords } from './failure-words.ts';
import { smtpMailer } from './mailer.ts';

/** How long the admin waits on the mail server at most, at each step. */
const TEST_TIMEOUT_MS = 15_000;

/** The test email: it says what it checks and nothing else (no task, no link, no patient data). */
export function composeTestEmail(clinicName: string): ComposedEmail {
  return {
    subject: `[${clinicName}] Test email`,
    text:
      'This is a test email from portalflow: an admin sent it to check that the mail server settings work.\n\n' +
      'It reached you, so emails about work (assigned, escalated, overdue) can reach people too, once they ' +
      'have saved their address under "Email notifications".\n',
  };
}

export type TestEmailResult =
  | ({ to: string } & TestSendOutcome)
  | { refused: 'NO_EMAIL_ADDRESS' | 'EMAIL_NOT_CONFIGURED' };

/**
 * Sends one test email now, through the configured SMTP server, to `to` or the admin's own saved
 * address, and says how it went: a failure comes back as its code and sentence, as Deliveries shows
 * one. Sent directly, not through the outbox: the admin is waiting for the answer and a test is never
 * retried.
 */
export async function sendTestEmail(deps: AppDeps, userId: string, to?: string): Promise<TestEmailResult> {
  const settings = deps.config.outbox;
  if (!settings.smtpUrl) return { refused: 'EMAIL_NOT_CONFIGURED' };
  const address = to ?? (await deps.store.getEmailPreferences(userId)).address;
  if (!address) return { refused: 'NO_EMAIL_ADDRESS' };
  const mailer = smtpMailer(settings.smtpUrl, settings.mailFrom, TEST_TIMEOUT_MS);
  try {
    await mailer.send({
      id: `test-${randomUUID()}`,
      to: address,
      email: composeTestEmail(deps.clinicName ?? 'Clinic'),
    });
    return { to: address, delivered: true, failure: null };
  } catch (error) {
    return { to: address, delivered: false, failure: failureOf(smtpWords(error)) };
  } finally {
    mailer.close();
  }
}
