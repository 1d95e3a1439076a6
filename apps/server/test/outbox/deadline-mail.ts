import { type Calendar, type Definition, parseDefinition, type TaskStep } from '@portalflow/engine';
import { type OutboxWorker, startOutboxWorker } from '../../src/outbox/worker.ts';
import { startTimerWorker, type TimerWorker } from '../../src/timers/worker.ts';
import { type MailSink, startMailSink } from '../support/mail-sink.ts';
import { publish } from '../support/prepare.ts';
import { type Harness, harness, PATIENT_FORM } from './setup.ts';

/**
 * What the tests of deadline mail (due soon, overdue, escalated) share: a workflow of one nurse's task
 * whose deadline escalates to a supervisor, the whole server with a real SMTP server on loopback, and
 * the clinic's clock as the emails write it.
 */

/** A portal workflow of one task for the nurse, its deadline escalating to the supervisor. */
export function nurseTaskWorkflow(input: {
  id: string;
  title: string;
  roles: { nurse: string; supervisor: string };
  task: Pick<TaskStep, 'title' | 'priority'> & { deadline: NonNullable<TaskStep['deadline']> };
}): Definition {
  return parseDefinition({
    id: input.id,
    title: input.title,
    roles: [
      { id: 'nurse', name: input.roles.nurse },
      { id: 'supervisor', name: input.roles.supervisor },
    ],
    start: 'call',
    intake: { roles: ['nurse'], form: PATIENT_FORM },
    steps: {
      call: { type: 'task', role: 'nurse', ...input.task, outcomes: { done: 'closed' } },
      closed: { type: 'end', outcome: 'resolved' },
    },
  });
}

/** The clinic's zone in these tests. */
export const CLINIC_ZONE = 'America/Chicago';

/** Open around the clock: a deadline's minutes are clock minutes, and only the zone matters. */
const always: Array<[string, string]> = [['00:00', '24:00']];
export const ALWAYS_OPEN: Calendar = {
  timeZone: CLINIC_ZONE,
  hours: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always },
};

/** A time as the clinic's clock writes it in an email: "5:10 PM". */
export const clinicTime = (iso: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: CLINIC_ZONE,
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).format(new Date(iso));

/** Where a test person's mail goes. */
export const addressOf = (name: string) => `${name}@clinic.example`;

export interface MailWorld {
  sink: MailSink;
  h: Harness;
  outbox: OutboxWorker;
  timers: TimerWorker;
  close(): Promise<void>;
}

/**
 * The server sending to a real SMTP server, open around the clock, with these workflows published and
 * its outbox and timer workers run by the test (`tick`), never on their own.
 */
export async function mailWorld(definitions: readonly Definition[]): Promise<MailWorld> {
  const sink = await startMailSink();
  const h = await harness({ smtpUrl: sink.url, baseUrl: 'https://portal.example', maxAttempts: 3 });
  h.deps.calendar = ALWAYS_OPEN;
  for (const definition of definitions) await publish(h.store, definition);
  const outbox = startOutboxWorker(h.deps, { autostart: false, random: () => 0 });
  const timers = startTimerWorker(h.deps, h.app.instances, { autostart: false });
  return {
    sink,
    h,
    outbox,
    timers,
    async close() {
      await outbox.stop();
      await timers.stop();
      await h.close();
      await sink.close();
    },
  };
}
