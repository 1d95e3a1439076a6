// A "due soon" reminder for whoever holds a task as its deadline nears: a bell item and, for those who
// get deadline email, a mail received by a real SMTP server on loopback. Written by the timer worker,
// once per task per holder — not again on the next pass, nor by a second process, nor lost while the
// server was down — never for work already overdue, and gone from the bell once the task is released or
// finished. Over a real listener and a real libSQL file, with the server's clock moved by the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdOf } from '../src/outbox/mailer.ts';
import type { OutboxWorker } from '../src/outbox/worker.ts';
import { remindDueSoon } from '../src/timers/remind-due-soon.ts';
import { startTimerWorker, type TimerWorker } from '../src/timers/worker.ts';
import {
  addressOf,
  CLINIC_ZONE,
  clinicTime,
  type MailWorld,
  mailWorld,
  nurseTaskWorkflow,
} from './outbox/deadline-mail.ts';
import { type Harness, PATIENT, type Person, patientNeedles } from './outbox/setup.ts';
import type { MailSink } from './support/mail-sink.ts';

const MINUTE = 60_000;

const callBack = nurseTaskWorkflow({
  id: 'call-back-due-soon',
  title: 'Portal message call-back',
  roles: { nurse: 'Nurse', supervisor: 'Nursing supervisor' },
  task: { title: 'Call the patient back', deadline: { after: 'PT2H', escalateTo: 'supervisor' } },
});

// A prior authorisation due in three clinic days wants a day's warning, not 30 minutes'.
const priorAuth = nurseTaskWorkflow({
  id: 'prior-auth-due-soon',
  title: 'Prior authorisation',
  roles: { nurse: 'Nurse', supervisor: 'Nursing supervisor' },
  task: {
    title: 'Submit the prior authorisation',
    deadline: { after: 'P3D', calendar: 'business', warnBefore: 'P1D', escalateTo: 'supervisor' },
  },
});

describe('a reminder before a held task’s deadline', () => {
  let world: MailWorld;
  let sink: MailSink;
  let h: Harness;
  let outbox: OutboxWorker;
  let timers: TimerWorker;
  const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

  beforeAll(async () => {
    // Open around the clock: the lead is 30 minutes of clock time here (closing hours are tested apart).
    world = await mailWorld([callBack, priorAuth]);
    ({ sink, h, outbox, timers } = world);
    // Midday in Chicago (18:00 UTC), so a deadline two hours on falls on the same clinic day whatever
    // the hour the test runs, and the email names only its time.
    const midday = new Date(h.clock.now);
    midday.setUTCHours(18, 0, 0, 0);
    if (midday.getTime() <= h.clock.now) midday.setUTCDate(midday.getUTCDate() + 1);
    h.clock.now = midday.getTime();
    // Where each person's email goes is set signed in, in the app: written here as that screen saves it.
    for (const [name, overdue] of [
      ['ned', true],
      ['nina', false],
    ] as const) {
      await h.store.saveEmailPreferences(
        {
          userId: h.people[name]!.id,
          address: addressOf(name),
          assigned: false,
          escalated: false,
          overdue,
          cancelled: false,
          digest: false,
          quietStart: null,
          quietEnd: null,
        },
        new Date(h.clock.now).toISOString(),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  async function start(definitionId = callBack.id): Promise<{ taskId: string; due: string }> {
    const started = await h.call('POST', '/api/instances', h.people.boss!, {
      definitionId,
      data: PATIENT,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    return { taskId: started.body.instance.active[0].taskId, due: started.body.instance.active[0].due };
  }

  async function dueSoonItems(person: Person): Promise<string[]> {
    const bell = await h.call('GET', '/api/notifications?unread=true', person);
    expect(bell.status).toBe(200);
    return bell.body.notifications
      .filter((n: { kind: string }) => n.kind === 'due-soon')
      .map((n: { taskId: string }) => n.taskId);
  }

  const dueSoonMail = async () =>
    (await h.store.listOutbox({ channel: 'email' })).filter((r) => r.kind === 'due-soon');

  it('reminds the holder 30 minutes before, once, by bell and email without patient data', async () => {
    const { taskId, due } = await start();
    expect((await h.call('POST', `${taskPath(taskId)}/claim`, h.people.ned!)).status).toBe(200);

    h.clock.now = Date.parse(due) - 31 * MINUTE;
    await timers.tick();
    expect(await dueSoonItems(h.people.ned!)).toEqual([]);

    h.clock.now = Date.parse(due) - 29 * MINUTE;
    await timers.tick();
    expect(await dueSoonItems(h.people.ned!)).toEqual([taskId]);
    // Nobody else hears of it: not the pool, not the supervisor.
    expect(await dueSoonItems(h.people.nina!)).toEqual([]);
    expect(await dueSoonItems(h.people.sam!)).toEqual([]);

    // The next pass, and a second process on the same database, write nothing more.
    await timers.tick();
    const other = startTimerWorker(
      { ...h.deps, config: { ...h.deps.config, processId: 'outbox-b' } },
      h.app.instances,
      { autostart: false },
    );
    await other.tick();
    await other.stop();
    expect(await dueSoonItems(h.people.ned!)).toEqual([taskId]);
    const rows = await dueSoonMail();
    expect(rows.map((r) => r.target)).toEqual([h.people.ned!.id]);

    const before = sink.mails.length;
    await outbox.tick();
    await sink.waitFor(before + 1);
    const mail = sink.mails.find((m) => m.parsed.messageId === messageIdOf(rows[0]!.id))!;
    expect(mail.to).toEqual([addressOf('ned')]);
    expect(mail.parsed.subject).toBe(
      `[Riverside Clinic] Due at ${clinicTime(due)}: Portal message call-back — Call the patient back`,
    );
    expect(mail.parsed.text).toContain(
      `A task you hold is due at ${clinicTime(due)}. Finish it, or put it back in the pool (Back to pool) so a colleague can take it before its deadline passes.`,
    );
    for (const needle of patientNeedles()) expect(mail.raw.toLowerCase()).not.toContain(needle);
  });

  it('is gone from the bell once released; the next holder gets their own, gone once finished', async () => {
    const { taskId, due } = await start();
    expect((await h.call('POST', `${taskPath(taskId)}/claim`, h.people.ned!)).status).toBe(200);
    h.clock.now = Date.parse(due) - 20 * MINUTE;
    await timers.tick();
    expect(await dueSoonItems(h.people.ned!)).toContain(taskId);

    expect((await h.call('POST', `${taskPath(taskId)}/release`, h.people.ned!, {})).status).toBe(200);
    expect(await dueSoonItems(h.people.ned!)).not.toContain(taskId);

    expect((await h.call('POST', `${taskPath(taskId)}/claim`, h.people.nina!)).status).toBe(200);
    h.clock.now += MINUTE;
    await timers.tick();
    expect(await dueSoonItems(h.people.nina!)).toEqual([taskId]);
    // Ned does not get it back: it is Nina's task now.
    expect(await dueSoonItems(h.people.ned!)).not.toContain(taskId);
    // Nina turned deadline email off: her reminder's email is written and skipped, never sent.
    await outbox.tick();
    const hers = (await dueSoonMail()).find((r) => r.target === h.people.nina!.id)!;
    expect((await h.store.getOutbox(hers.id))?.status).toBe('skipped');
    expect(sink.mails.filter((m) => m.to.includes(addressOf('nina')))).toEqual([]);

    const done = await h.call('POST', `${taskPath(taskId)}/complete`, h.people.nina!, { outcome: 'done' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(await dueSoonItems(h.people.nina!)).toEqual([]);
  });

  it('is not lost while the server is down, and never comes for work already overdue', async () => {
    const missed = await start();
    expect((await h.call('POST', `${taskPath(missed.taskId)}/claim`, h.people.ned!)).status).toBe(200);
    // Nothing ran while its reminder time passed; the first pass after the restart still writes it.
    h.clock.now = Date.parse(missed.due) - 10 * MINUTE;
    const restarted = startTimerWorker(h.deps, h.app.instances, { autostart: false });
    await restarted.tick();
    await restarted.stop();
    expect(await dueSoonItems(h.people.ned!)).toContain(missed.taskId);

    // A deadline that passed before any pass looked (its timer not fired yet): overdue, not due soon.
    const late = await start();
    expect((await h.call('POST', `${taskPath(late.taskId)}/claim`, h.people.ned!)).status).toBe(200);
    h.clock.now = Date.parse(late.due) + MINUTE;
    expect(await remindDueSoon(h.deps, h.app.instances)).toBe(0);
    expect(await dueSoonItems(h.people.ned!)).not.toContain(late.taskId);
  });
  it('comes as long before the deadline as the workflow says, a day for a prior authorisation', async () => {
    const { taskId, due } = await start(priorAuth.id);
    expect((await h.call('POST', `${taskPath(taskId)}/claim`, h.people.ned!)).status).toBe(200);
    h.clock.now = Date.parse(due) - 25 * 60 * MINUTE;
    await timers.tick();
    expect(await dueSoonItems(h.people.ned!)).not.toContain(taskId);
    h.clock.now = Date.parse(due) - 23 * 60 * MINUTE;
    await timers.tick();
    expect(await dueSoonItems(h.people.ned!)).toContain(taskId);
  });

  /** Ned's quiet hours, as the preferences screen saves them: from a minute ago to the given instant. */
  async function quietUntil(end: number | null): Promise<void> {
    const hhmm = (at: number) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: CLINIC_ZONE,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(at));
    await h.store.saveEmailPreferences(
      {
        userId: h.people.ned!.id,
        address: addressOf('ned'),
        assigned: false,
        escalated: false,
        overdue: true,
        cancelled: false,
        digest: false,
        quietStart: end === null ? null : hhmm(h.clock.now - MINUTE),
        quietEnd: end === null ? null : hhmm(end),
      },
      new Date(h.clock.now).toISOString(),
    );
  }

  it('in quiet hours lasting past the deadline, keeps the bell item and drops the email', async () => {
    const { taskId, due } = await start();
    expect((await h.call('POST', `${taskPath(taskId)}/claim`, h.people.ned!)).status).toBe(200);
    h.clock.now = Date.parse(due) - 20 * MINUTE;
    try {
      await quietUntil(Date.parse(due) + 60 * MINUTE);
      await timers.tick();
      expect(await dueSoonItems(h.people.ned!)).toContain(taskId);
      await outbox.tick();
      const row = (await dueSoonMail()).find((r) => r.taskId === taskId)!;
      const kept = await h.store.getOutbox(row.id);
      expect(kept?.status).toBe('skipped');
      expect(kept?.lastError).toBe('quiet hours until after the deadline');
      // Quiet hours over, the deadline passed: still never sent.
      h.clock.now = Date.parse(due) + 61 * MINUTE;
      await outbox.tick();
      expect(sink.mails.filter((m) => m.parsed.messageId === messageIdOf(row.id))).toEqual([]);
      expect(await dueSoonItems(h.people.ned!)).toContain(taskId);
    } finally {
      await quietUntil(null);
    }
  });

  it('in quiet hours ending before the deadline, holds the email until they end', async () => {
    const { taskId, due } = await start();
    expect((await h.call('POST', `${taskPath(taskId)}/claim`, h.people.ned!)).status).toBe(200);
    h.clock.now = Date.parse(due) - 20 * MINUTE;
    try {
      const end = Date.parse(due) - 10 * MINUTE;
      await quietUntil(end);
      await timers.tick();
      await outbox.tick();
      const row = (await dueSoonMail()).find((r) => r.taskId === taskId)!;
      const held = await h.store.getOutbox(row.id);
      expect(held?.status).toBe('pending');
      expect(Date.parse(held!.nextAt)).toBe(end - (end % MINUTE));
      h.clock.now = end;
      const before = sink.mails.length;
      await outbox.tick();
      await sink.waitFor(before + 1);
      expect((await h.store.getOutbox(row.id))?.status).toBe('delivered');
    } finally {
      await quietUntil(null);
    }
  });
});
