// Email from the outbox, received by a real SMTP server (smtp-server) and parsed with mailparser:
// assigned, escalated and overdue mail, per-person preferences and quiet hours, the daily digest, and
// no patient data anywhere in any message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdOf } from '../src/outbox/mailer.ts';
import { type OutboxWorker, startOutboxWorker } from '../src/outbox/worker.ts';
import { startTimerWorker, type TimerWorker } from '../src/timers/worker.ts';
import { type Harness, harness, PATIENT, patientNeedles, refill } from './outbox/setup.ts';
import { type MailSink, startMailSink } from './support/mail-sink.ts';

const MINUTE = 60_000;

describe('email notifications through the outbox', () => {
  let sink: MailSink;
  let h: Harness;
  let outbox: OutboxWorker;
  let timers: TimerWorker;
  const addressOf = (name: string) => `${name}@clinic.example`;

  beforeAll(async () => {
    sink = await startMailSink();
    h = await harness({ smtpUrl: sink.url, baseUrl: 'https://portal.example', maxAttempts: 3 });
    outbox = startOutboxWorker(h.deps, { autostart: false, random: () => 0 });
    timers = startTimerWorker(h.deps, h.app.instances, { autostart: false });
    for (const name of Object.keys(h.people)) {
      await h.setAddress(h.people[name]!, addressOf(name));
      const saved = await h.call('PUT', '/api/email-preferences', h.people[name]!, {
        address: addressOf(name),
        assigned: true,
        escalated: true,
        overdue: true,
        digest: true,
        quietStart: null,
        quietEnd: null,
      });
      expect(saved.status).toBe(200);
    }
  }, 60_000);

  afterAll(async () => {
    await outbox?.stop();
    await timers?.stop();
    await h?.close();
    await sink?.close();
  });

  async function startRefill(): Promise<{ instanceId: string; taskId: string }> {
    const started = await h.call('POST', '/api/instances', h.people.boss!, {
      definitionId: refill.id,
      data: PATIENT,
    });
    expect(started.status).toBe(201);
    return { instanceId: started.body.instance.id, taskId: started.body.instance.active[0].taskId };
  }

  const reassign = (taskId: string, to: string) =>
    h.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/reassign`, h.people.boss!, { assignee: to });

  it('writes the email with the assignment and sends it: workflow, step and a link, nothing more', async () => {
    const { instanceId, taskId } = await startRefill();
    expect((await reassign(taskId, h.people.nina!.id)).status).toBe(200);
    // Written by the assignment's own commit, before any worker ran.
    const rows = (await h.store.listOutbox({ channel: 'email' })).filter((r) => r.instanceId === instanceId);
    expect(rows.map((r) => [r.kind, r.target, r.status])).toEqual([
      ['assigned', h.people.nina!.id, 'pending'],
    ]);

    await outbox.tick();
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual([addressOf('nina')]);
    expect(mail!.parsed.subject).toBe(
      '[Riverside Clinic] Task assigned to you: Prescription refill — Triage the refill request',
    );
    expect(mail!.parsed.text).toContain(`https://portal.example/work?task=${encodeURIComponent(taskId)}`);
    expect(mail!.parsed.messageId).toBe(messageIdOf(rows[0]!.id));
    expect((await h.store.getOutbox(rows[0]!.id))?.status).toBe('delivered');
  });

  it('tells the pool of an escalation and the holder that the deadline passed', async () => {
    const before = sink.mails.length;
    const { instanceId } = await startRefill().then(async (s) => {
      expect((await reassign(s.taskId, h.people.ned!.id)).status).toBe(200);
      return s;
    });
    h.clock.advance(MINUTE + 1000);
    expect(await timers.tick()).toBeGreaterThanOrEqual(1);
    const rows = (await h.store.listOutbox({ channel: 'email' })).filter((r) => r.instanceId === instanceId);
    expect(rows.map((r) => `${r.kind}:${r.target}`).sort()).toEqual(
      [
        `assigned:${h.people.ned!.id}`,
        `escalated:${h.people.sam!.id}`,
        `escalated:${h.people.sue!.id}`,
        `overdue:${h.people.ned!.id}`,
      ].sort(),
    );
    await outbox.tick();
    // The first test's task escalated too; only this instance's mail is compared.
    const ids = new Set(rows.map((r) => messageIdOf(r.id)));
    const mails = (await sink.waitFor(before + 4)).filter((m) => ids.has(m.parsed.messageId ?? ''));
    // The deadline's clinic time ("overdue since 5:10 PM") is compared in outbox-email-urgent.test.ts.
    const subjects = mails
      .map((m) => `${m.to[0]} ${m.parsed.subject}`.replace(/since \d{1,2}:\d{2} [AP]M/, 'since <time>'))
      .sort();
    expect(subjects).toEqual(
      [
        `${addressOf('ned')} [Riverside Clinic] Overdue since <time>: Prescription refill — Triage the refill request`,
        `${addressOf('ned')} [Riverside Clinic] Task assigned to you: Prescription refill — Triage the refill request`,
        `${addressOf('sam')} [Riverside Clinic] Escalated to your pool, overdue since <time>: Prescription refill — Triage the refill request`,
        `${addressOf('sue')} [Riverside Clinic] Escalated to your pool, overdue since <time>: Prescription refill — Triage the refill request`,
      ].sort(),
    );
  });

  it('respects each person’s preferences: a kind turned off, no address, quiet hours', async () => {
    const prefs = (over: object) => ({
      assigned: true,
      escalated: true,
      overdue: true,
      digest: true,
      quietStart: null,
      quietEnd: null,
      ...over,
    });
    // Quiet hours around "now" in the clinic's time zone (UTC here), ending on the next whole hour.
    // Early in an hour, so the minute the clock moves on below stays inside them (from hh:59 it
    // would cross into the next hour, where the quiet hours have ended).
    const minutes = new Date(h.clock.now).getUTCMinutes();
    if (minutes >= 30) h.clock.advance((65 - minutes) * MINUTE);
    const now = new Date(h.clock.now);
    const hh = (d: number) => String((now.getUTCHours() + 24 + d) % 24).padStart(2, '0');
    expect(
      (
        await h.call(
          'PUT',
          '/api/email-preferences',
          h.people.ned!,
          prefs({ address: addressOf('ned'), assigned: false }),
        )
      ).status,
    ).toBe(200);
    await h.setAddress(h.people.nina!, null);
    expect(
      (
        await h.call(
          'PUT',
          '/api/email-preferences',
          h.people.sam!,
          prefs({ address: addressOf('sam'), quietStart: `${hh(-1)}:00`, quietEnd: `${hh(1)}:00` }),
        )
      ).status,
    ).toBe(200);

    const off = await startRefill();
    await reassign(off.taskId, h.people.ned!.id);
    const noAddress = await startRefill();
    await reassign(noAddress.taskId, h.people.nina!.id);
    const quiet = await startRefill();
    h.clock.advance(MINUTE + 1000);
    await timers.tick();
    const before = sink.mails.length;
    await outbox.tick();

    const rowOf = async (instanceId: string, kind: string, target: string) =>
      (await h.store.listOutbox({ channel: 'email' })).find(
        (r) => r.instanceId === instanceId && r.kind === kind && r.target === target,
      )!;
    expect((await rowOf(off.instanceId, 'assigned', h.people.ned!.id)).status).toBe('skipped');
    expect((await rowOf(noAddress.instanceId, 'assigned', h.people.nina!.id)).lastError).toBe(
      'no email address',
    );
    const held = await rowOf(quiet.instanceId, 'escalated', h.people.sam!.id);
    expect(held.status).toBe('pending');
    expect(held.attempts).toBe(0);
    expect(new Date(held.nextAt).getUTCHours()).toBe((now.getUTCHours() + 1) % 24);
    expect((await rowOf(quiet.instanceId, 'escalated', h.people.sue!.id)).status).toBe('delivered');
    const sent = sink.mails.slice(before).map((m) => m.to[0]);
    expect(sent).not.toContain(addressOf('sam'));

    // Once the quiet hours end, the held mail goes.
    h.clock.now = Date.parse(held.nextAt) + 1000;
    await outbox.tick();
    expect((await h.store.getOutbox(held.id))?.status).toBe('delivered');
    expect(sink.mails.some((m) => m.parsed.messageId === messageIdOf(held.id))).toBe(true);
  });

  it('tells whoever held the task that its request was cancelled, without the reason, unless they turned it off', async () => {
    const cancelled = async () => {
      const { instanceId, taskId } = await startRefill();
      expect((await reassign(taskId, h.people.nina!.id)).status).toBe(200);
      // A reason can name the patient: it stays in the history and never reaches a mail server.
      const cancel = await h.call('POST', `/api/instances/${instanceId}/cancel`, h.people.boss!, {
        reason: `Duplicate: ${PATIENT.patient} called twice`,
      });
      expect(cancel.status).toBe(200);
      const rows = (await h.store.listOutbox({ channel: 'email' })).filter(
        (r) => r.instanceId === instanceId,
      );
      expect(rows.map((r) => [r.kind, r.target]).sort()).toEqual([
        ['assigned', h.people.nina!.id],
        ['cancelled', h.people.nina!.id],
      ]);
      return { taskId, row: rows.find((r) => r.kind === 'cancelled')! };
    };
    const prefs = {
      address: addressOf('nina'),
      assigned: true,
      escalated: true,
      overdue: true,
      digest: true,
      quietStart: null,
      quietEnd: null,
    };
    // An earlier case left Nina without an address.
    await h.setAddress(h.people.nina!, addressOf('nina'));
    expect((await h.call('PUT', '/api/email-preferences', h.people.nina!, prefs)).status).toBe(200);
    const before = sink.mails.length;
    const first = await cancelled();
    await outbox.tick();
    const mails = await sink.waitFor(before + 2);
    const mail = mails.find((m) => m.parsed.messageId === messageIdOf(first.row.id));
    expect(mail?.to).toEqual([addressOf('nina')]);
    expect(mail?.parsed.subject).toBe(
      '[Riverside Clinic] Request cancelled: Prescription refill — Triage the refill request',
    );
    expect(mail?.parsed.text).toContain('there is nothing more to do on it');
    expect(mail?.parsed.text).toContain(
      `https://portal.example/work?task=${encodeURIComponent(first.taskId)}`,
    );
    expect(mail?.parsed.text).not.toContain('Duplicate');

    // Turned off: the row is kept as skipped, nothing is sent. A client that leaves the kind out keeps it.
    expect(
      (await h.call('PUT', '/api/email-preferences', h.people.nina!, { ...prefs, cancelled: false })).status,
    ).toBe(200);
    const kept = await h.call('PUT', '/api/email-preferences', h.people.nina!, prefs);
    expect(kept.body.preferences.cancelled).toBe(false);
    const second = await cancelled();
    await outbox.tick();
    expect(await h.store.getOutbox(second.row.id)).toMatchObject({
      status: 'skipped',
      lastError: 'cancelled emails turned off',
    });
    await h.call('PUT', '/api/email-preferences', h.people.nina!, { ...prefs, cancelled: true });
  });

  it('sends a daily digest of open work once per person and day', async () => {
    h.deps.config.outbox.digestTime = '00:00';
    const before = sink.mails.length;
    await outbox.tick();
    await outbox.tick();
    const digests = (await h.store.listOutbox({ channel: 'email' })).filter((r) => r.kind === 'digest');
    // One row per active person, however often the worker looks.
    expect(digests).toHaveLength(Object.keys(h.people).length);
    const date = new Date(h.clock.now).toISOString().slice(0, 10);
    expect(digests.every((d) => d.id.startsWith(`digest.${date}.`))).toBe(true);
    const sue = sink.mails.slice(before).find((m) => m.to[0] === addressOf('sue'));
    expect(sue?.parsed.subject).toMatch(
      // The day as every screen writes it: "Your open work for Mon, Dec 7".
      /^\[Riverside Clinic\] Your open work for [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}: \d+ tasks?$/,
    );
    expect(sue?.parsed.text).toMatch(/- Prescription refill — Triage the refill request: \d+/);
    // The admin has no clinic work: nothing to send.
    const boss = digests.find((d) => d.target === h.people.boss!.id)!;
    expect([boss.status, boss.lastError]).toEqual(['skipped', 'no open work']);
    h.deps.config.outbox.digestTime = null;
  });

  it('puts no patient data in any header or body of any email', async () => {
    expect(sink.mails.length).toBeGreaterThanOrEqual(8);
    const needles = patientNeedles();
    for (const mail of sink.mails) {
      const headers = [...mail.parsed.headers.entries()]
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
        .join('\n');
      const haystacks = [
        mail.raw,
        headers,
        mail.parsed.subject ?? '',
        mail.parsed.text ?? '',
        String(mail.parsed.html ?? ''),
      ];
      for (const hay of haystacks) {
        const lower = hay.toLowerCase();
        for (const needle of needles) expect(lower, `an email contains '${needle}'`).not.toContain(needle);
      }
    }
  });

  it('writes no outbox row for a change that loses its race', async () => {
    const { instanceId } = await startRefill();
    const instance = (await h.store.getInstance(instanceId))!;
    const count = async () => (await h.store.listOutbox({ limit: 500 })).length;
    const before = await count();
    const stale = await h.store.commitInstanceChange({
      instanceId,
      expectedRevision: instance.revision - 1 > 0 ? instance.revision - 1 : 99,
      event: {
        at: h.deps.clock(),
        actor: null,
        role: null,
        type: 'note',
        payload: {},
        prevHash: instance.lastHash,
      },
      snapshot: instance.snapshot,
      outbox: [
        { channel: 'email', kind: 'assigned', userId: h.people.nina!.id, payload: {} },
        { channel: 'webhook', kind: 'task.opened', payload: {} },
      ],
    });
    expect(stale.ok).toBe(false);
    expect(await count()).toBe(before);
  });
});
