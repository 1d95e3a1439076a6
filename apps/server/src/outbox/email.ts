import type { ClinicClock } from '@portalflow/contract';
import { clockTime, dateInYear } from '@portalflow/engine/text';
import type { EmailKind } from '@portalflow/store';
import type { EmailPayload } from './messages.ts';
import { localDateTime } from './quiet-hours.ts';

export interface DigestLine {
  workflow: string;
  stepTitle: string;
  count: number;
}

/** How an email writes dates and times: as the clinic's screens do, on its clock, against its today. */
export interface EmailWords {
  clock: ClinicClock;
  /** `YYYY-MM-DD` on the clinic's calendar when the email is written. */
  today: string;
}

export interface ComposedEmail {
  subject: string;
  text: string;
}

/** The link to one task: opaque ids only, and the app asks for sign-in before it shows anything. */
export const taskLink = (baseUrl: string, taskId: string) =>
  `${baseUrl}/work?task=${encodeURIComponent(taskId)}`;

const FOOTER =
  'Sign in to see the details. For patient privacy this email holds no patient information.\n' +
  'Change which emails you get under "Email notifications" in the app.';

/**
 * An email names the workflow and step and links to the task, nothing more: no patient name, data
 * value, comment or outcome ever reaches a mail server.
 */
export function composeEmail(
  kind: Exclude<EmailKind, 'digest'>,
  p: EmailPayload,
  opts: { baseUrl: string; clinicName: string } & EmailWords & { timeZone: string },
): ComposedEmail {
  const what = `${p.workflow} — ${p.stepTitle}`;
  const link = taskLink(opts.baseUrl, p.taskId);
  // Not patient data: whether the work is urgent and when its deadline passed, so a manager reading
  // mail knows it cannot wait without signing in.
  const since = p.overdueSince ? `overdue since ${clinicMoment(p.overdueSince, opts)}` : null;
  const [subject, lead] =
    kind === 'assigned'
      ? p.urgent
        ? [`Urgent task assigned to you: ${what}`, 'An urgent task was assigned to you.']
        : [`Task assigned to you: ${what}`, 'A task was assigned to you.']
      : kind === 'escalated'
        ? escalated(what, p.urgent === true, since)
        : kind === 'due-soon'
          ? dueSoon(what, p.urgent === true, p.dueAt ? clinicMoment(p.dueAt, opts) : null)
          : kind === 'cancelled'
            ? [
                `Request cancelled: ${what}`,
                'A request you were working on was cancelled: there is nothing more to do on it. Its history says why.',
              ]
            : overdue(what, p.urgent === true, since);
  return {
    subject: `[${opts.clinicName}] ${subject}`,
    text: `${lead}\n\nWorkflow: ${p.workflow}\nStep: ${p.stepTitle}\n\nOpen it: ${link}\n\n${FOOTER}\n`,
  };
}

function escalated(what: string, urgent: boolean, since: string | null): [string, string] {
  const lead = `${urgent ? 'Urgent work' : 'Work'} was escalated to your pool${since ? `: it has been ${since}` : ''}.`;
  if (urgent) return [`Urgent${since ? `, ${since}` : ''} — escalated to your pool: ${what}`, lead];
  return [`Escalated to your pool${since ? `, ${since}` : ''}: ${what}`, lead];
}

function dueSoon(what: string, urgent: boolean, at: string | null): [string, string] {
  const when = at ? `due at ${at}` : 'due soon';
  const lead = `${urgent ? 'An urgent task' : 'A task'} you hold is ${when}. Finish it, or put it back in the pool (Back to pool) so a colleague can take it before its deadline passes.`;
  return [`${urgent ? 'Urgent, ' : ''}${when[0]!.toUpperCase()}${when.slice(1)}: ${what}`, lead];
}

function overdue(what: string, urgent: boolean, since: string | null): [string, string] {
  const lead = `${urgent ? 'An urgent task' : 'A task'} passed its deadline${since ? `: it has been ${since}` : ''}.`;
  if (urgent) return [`Urgent, ${since ?? 'overdue'}: ${what}`, lead];
  return [since ? `${since[0]!.toUpperCase()}${since.slice(1)}: ${what}` : `Overdue: ${what}`, lead];
}

/** An instant on the clinic's clock: "5:10 PM", with the date first when it is not the email's day. */
function clinicMoment(iso: string, words: EmailWords & { timeZone: string }): string {
  const { date, time } = localDateTime(iso, words.timeZone);
  const at = clockTime(time, words.clock);
  return date === words.today ? at : `${dateInYear(date, words.today)}, ${at}`;
}

/** The daily digest: open work by workflow and step, as counts. */
export function composeDigest(
  lines: readonly DigestLine[],
  opts: { baseUrl: string; clinicName: string; date: string } & EmailWords,
): ComposedEmail {
  const total = lines.reduce((sum, l) => sum + l.count, 0);
  const body = lines.map((l) => `- ${l.workflow} — ${l.stepTitle}: ${l.count}`).join('\n');
  return {
    subject: `[${opts.clinicName}] Your open work for ${dateInYear(opts.date, opts.today)}: ${total} ${total === 1 ? 'task' : 'tasks'}`,
    text: `Open work assigned to you or waiting in your pools:\n\n${body}\n\nOpen your work: ${opts.baseUrl}/work\n\n${FOOTER}\n`,
  };
}
