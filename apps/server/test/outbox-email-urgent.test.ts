// An urgent task's escalation and overdue email, received by a real SMTP server on loopback: the
// subject and body say Urgent and since when (clinic time) it is overdue, so a manager reading mail
// knows it cannot wait. A task that is not urgent says neither word.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdOf } from '../src/outbox/mailer.ts';
import type { OutboxWorker } from '../src/outbox/worker.ts';
import type { TimerWorker } from '../src/timers/worker.ts';
import {
  addressOf,
  clinicTime,
  type MailWorld,
  mailWorld,
  nurseTaskWorkflow,
} from './outbox/deadline-mail.ts';
import { type Harness, PATIENT, patientNeedles, refill } from './outbox/setup.ts';
import type { MailSink } from './support/mail-sink.ts';

const MINUTE = 60_000;

const redFlag = nurseTaskWorkflow({
  id: 'red-flag-outbox',
  title: 'Patient portal message triage',
  roles: { nurse: 'Triage nurse', supervisor: 'Nurse manager' },
  task: {
    title: 'Phone the patient about red-flag symptoms',
    priority: 'urgent',
    deadline: { after: 'PT1M', escalateTo: 'supervisor' },
  },
});

describe('email for urgent work that passed its deadline', () => {
  let world: MailWorld;
  let sink: MailSink;
  let h: Harness;
  let outbox: OutboxWorker;
  let timers: TimerWorker;

  beforeAll(async () => {
    // Open around the clock, so the one-minute deadline stays one minute; only the zone matters here.
    world = await mailWorld([redFlag]);
    ({ sink, h, outbox, timers } = world);
    for (const name of ['ned', 'sam']) {
      await h.setAddress(h.people[name]!, addressOf(name));
      const saved = await h.call('PUT', '/api/email-preferences', h.people[name]!, {
        address: addressOf(name),
        assigned: true,
        escalated: true,
        overdue: true,
        digest: false,
        quietStart: null,
        quietEnd: null,
      });
      expect(saved.status).toBe(200);
    }
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  /** Starts a request, gives its task to Ned, lets the deadline pass and sends the mail it caused. */
  async function escalate(definitionId: string) {
    const started = await h.call('POST', '/api/instances', h.people.boss!, { definitionId, data: PATIENT });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const instanceId: string = started.body.instance.id;
    const taskId: string = started.body.instance.active[0].taskId;
    const due: string = started.body.instance.active[0].due;
    const given = await h.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/reassign`, h.people.boss!, {
      assignee: h.people.ned!.id,
    });
    expect(given.status).toBe(200);
    h.clock.advance(MINUTE + 1000);
    expect(await timers.tick()).toBeGreaterThanOrEqual(1);
    const rows = (await h.store.listOutbox({ channel: 'email' })).filter((r) => r.instanceId === instanceId);
    const before = sink.mails.length;
    await outbox.tick();
    // Ned's assignment and overdue mail, Sam's escalation (Sue has no address).
    await sink.waitFor(before + 3);
    const mailOf = (kind: string, target: string) => {
      const row = rows.find((r) => r.kind === kind && r.target === target)!;
      return sink.mails.find((m) => m.parsed.messageId === messageIdOf(row.id))!;
    };
    return { due, mailOf };
  }

  it('says Urgent and since when it is overdue, in the clinic’s time, in subject and body', async () => {
    const { due, mailOf } = await escalate(redFlag.id);
    expect(due).toBeTruthy();
    const since = `overdue since ${clinicTime(due)}`;

    const pool = mailOf('escalated', h.people.sam!.id);
    expect(pool.parsed.subject).toBe(
      `[Riverside Clinic] Urgent, ${since} — escalated to your pool: Patient portal message triage — Phone the patient about red-flag symptoms`,
    );
    expect(pool.parsed.text).toContain(`Urgent work was escalated to your pool: it has been ${since}.`);

    const holder = mailOf('overdue', h.people.ned!.id);
    expect(holder.parsed.subject).toBe(
      `[Riverside Clinic] Urgent, ${since}: Patient portal message triage — Phone the patient about red-flag symptoms`,
    );
    expect(holder.parsed.text).toContain(`An urgent task passed its deadline: it has been ${since}.`);

    const assigned = mailOf('assigned', h.people.ned!.id);
    expect(assigned.parsed.subject).toBe(
      '[Riverside Clinic] Urgent task assigned to you: Patient portal message triage — Phone the patient about red-flag symptoms',
    );

    // Still no patient data anywhere.
    for (const mail of [pool, holder, assigned])
      for (const needle of patientNeedles()) expect(mail.raw.toLowerCase()).not.toContain(needle);
  });

  it('says since when for work that is not urgent, without the word Urgent', async () => {
    const { due, mailOf } = await escalate(refill.id);
    const since = `overdue since ${clinicTime(due)}`;
    const pool = mailOf('escalated', h.people.sam!.id);
    expect(pool.parsed.subject).toBe(
      `[Riverside Clinic] Escalated to your pool, ${since}: Prescription refill — Triage the refill request`,
    );
    expect(pool.parsed.text).toContain(`Work was escalated to your pool: it has been ${since}.`);
    const holder = mailOf('overdue', h.people.ned!.id);
    expect(holder.parsed.subject).toBe(
      `[Riverside Clinic] Overdue since ${clinicTime(due)}: Prescription refill — Triage the refill request`,
    );
    for (const mail of [pool, holder])
      expect(`${mail.parsed.subject} ${mail.parsed.text}`).not.toMatch(/urgent/i);
  });
});
