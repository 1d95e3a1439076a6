import nodemailer, { type Transporter } from 'nodemailer';
import type { ComposedEmail } from './email.ts';

export interface Mailer {
  /** Sends one email; the Message-ID is derived from the outbox id, so a resend is recognisably the same. */
  send(input: { id: string; to: string; email: ComposedEmail }): Promise<void>;
  close(): void;
}

/** A Message-ID from an outbox id (its characters are all valid in one, but be strict anyway). */
export const messageIdOf = (id: string) => `<${id.replace(/[^A-Za-z0-9.-]/g, '-')}@outbox.portalflow>`;

/**
 * SMTP through nodemailer, one pooled connection set per process. `timeoutMs` bounds each wait on the
 * mail server (connecting, its greeting, each answer) for a sender someone is waiting on.
 */
export function smtpMailer(smtpUrl: string, from: string, timeoutMs?: number): Mailer {
  const transport: Transporter = nodemailer.createTransport(
    timeoutMs === undefined
      ? smtpUrl
      : { url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs },
  );
  return {
    async send({ id, to, email }) {
      await transport.sendMail({
        from,
        to,
        subject: email.subject,
        text: email.text,
        messageId: messageIdOf(id),
        headers: { 'X-Portalflow-Outbox-Id': id },
      });
    },
    close() {
      transport.close();
    },
  };
}
