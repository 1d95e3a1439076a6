import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxConfig } from '../src/config.ts';
import { type OutboxWorker, startOutboxWorker } from '../src/outbox/worker.ts';
import { DEMO_USERS, makeApp, type TestApp } from './support/app.ts';
import { addressOf, prepareAlarmRecipients } from './support/backup-alarm-recipients.ts';
import { type Listener, listen } from './support/listen.ts';
import { type MailSink, type ReceivedMail, startMailSink } from './support/mail-sink.ts';

/**
 * A backup an admin takes by hand (the Backups page's "Back up now") that fails is shown to that admin
 * on the page, and emailed to the OTHER admins, so they know the clinic is without the backup it
 * wanted: over a real listener and a real SMTP server (smtp-server, parsed with mailparser), once a
 * day to each whatever the presses, with the error's code and a fixed reason (never its message, which
 * can name a path), to enabled admins with an address only, and never with a patient's data. Clinic
 * time is America/Denver: 14:05 there on 8 December is 21:05 UTC.
 */

const PATIENT = { patient: 'QUIXOTE-7741093', question: 'Zebulon asks why lisinopril was billed twice' };

let t: TestApp;
let listener: Listener;
let sink: MailSink;
let outbox: OutboxWorker;
let dir: string;
let goneDb: string;
/** Mails that arrived before each test's own. */
let seen = 0;

beforeAll(async () => {
  sink = await startMailSink();
  dir = await mkdtemp(join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-manual-alarm-'));
  goneDb = join(dir, 'gone', 'portalflow.db');
  t = await makeApp({
    start: '2026-12-08T21:05:00.000Z',
    users: [
      ...DEMO_USERS,
      { username: 'night-admin', roles: ['admin', 'designer'] },
      { username: 'no-address-admin', roles: ['admin'] },
      { username: 'former-admin', roles: ['admin'] },
    ],
    config: {
      outbox: { ...outboxConfig({}), smtpUrl: sink.url, baseUrl: 'https://portal.example', digestTime: null },
    },
  });
  t.deps.config.backups = { dir: join(dir, 'backups'), time: '02:00', keep: 5, databaseUrl: t.dbUrl };
  await prepareAlarmRecipients(t, PATIENT);

  listener = await listen(t.app);
  outbox = startOutboxWorker(t.deps, { autostart: false, random: () => 0 });
  await outbox.tick();
  seen = sink.mails.length;
}, 60_000);

afterAll(async () => {
  await outbox?.stop();
  await listener?.close();
  await t?.close();
  await sink?.close();
  await rm(dir, { recursive: true, force: true });
});

/** "Back up now", over the socket, signed in afresh (the test's clock jumps past idle sessions). */
async function backUpNow(username: string) {
  const as = await t.login(username);
  const res = await fetch(`${listener.base}/api/backups`, { method: 'POST', headers: { ...as } });
  return { status: res.status, body: await res.json() };
}

/** Sends what is due and answers the mails that arrived, by recipient. */
async function delivered(expected: number): Promise<ReceivedMail[]> {
  await outbox.tick();
  const mails = (await sink.waitFor(seen + expected, 4000)).slice(seen);
  // Anything more would have arrived with the same tick.
  expect(mails).toHaveLength(expected);
  seen += expected;
  return [...mails].sort((a, b) => a.to[0]!.localeCompare(b.to[0]!));
}

const alarmRows = async () =>
  (await t.store.listOutbox({ channel: 'email', limit: 500 })).filter((r) => r.kind.startsWith('backup-'));

function withoutPatientData(mail: ReceivedMail) {
  const all = `${mail.raw}\n${mail.parsed.subject}\n${mail.parsed.text}`;
  for (const value of Object.values(PATIENT)) expect(all).not.toContain(value);
  expect(all).not.toContain('Zebulon');
  expect(all).not.toContain(goneDb);
  expect(all).not.toContain(t.dbPath);
  expect(all).not.toContain(t.deps.config.attachmentsDir);
}

describe('a backup taken by hand that fails', () => {
  it('is emailed to the other admins, not to the admin who pressed and saw it fail', async () => {
    // One that works first: the last whole backup the email points to, and no email.
    t.clock.set('2026-12-08T16:00:00.000Z');
    expect((await backUpNow('admin')).status).toBe(201);
    expect(await outbox.tick()).toBe(0);

    // The database file is somewhere else now: the backup cannot read it.
    t.deps.config.backups = { ...t.deps.config.backups!, databaseUrl: `file:${goneDb}` };
    t.clock.set('2026-12-08T21:05:00.000Z');
    const pressed = await backUpNow('admin');
    expect(pressed.status).toBeGreaterThanOrEqual(400);

    const mails = await delivered(1);
    expect(mails.map((m) => m.to)).toEqual([[addressOf('night-admin')]]);
    const [mail] = mails;
    expect(mail!.parsed.subject).toBe('[Clinic] portalflow: a backup taken by hand failed (Tue, Dec 8)');
    const text = mail!.parsed.text ?? '';
    expect(text).toContain(
      `${t.user('admin').displayName} pressed Back up now at 2:05 PM (clinic time, America/Denver) and the backup failed.`,
    );
    expect(text).toContain('They were shown the failure on the Backups page; this is so you know too.');
    expect(text).toContain('Why: BACKUP_UNREADABLE — the database file could not be read.');
    expect(text).toContain('The last whole backup was taken Tue, Dec 8, 9:00 AM.');
    expect(text).toContain(
      'The nightly backup still runs at 2:00 AM; if it fails too, every admin is emailed.',
    );
    expect(text).toContain(`Backups directory: ${join(dir, 'backups')}`);
    expect(text).toContain(
      'See every backup and its status on the Backups page: https://portal.example/backups',
    );
    expect(text).toContain('look for "backup 2026-12-08-1405-manual"');
    withoutPatientData(mail!);
    expect(t.logs).toContain('backup 2026-12-08-1405-manual failure: emailing 1 other admin');
  });

  it('pressing again the same day emails nobody twice; an admin not yet told hears of another’s failed press', async () => {
    t.clock.set('2026-12-08T21:20:00.000Z');
    expect((await backUpNow('admin')).status).toBeGreaterThanOrEqual(400);
    expect(await outbox.tick()).toBe(0);
    expect(sink.mails).toHaveLength(seen);

    // Now the other admin tries: the admin who pressed first was not emailed, and is now.
    t.clock.set('2026-12-08T21:40:00.000Z');
    expect((await backUpNow('night-admin')).status).toBeGreaterThanOrEqual(400);
    const mails = await delivered(1);
    expect(mails.map((m) => m.to)).toEqual([[addressOf('admin')]]);
    expect(mails[0]!.parsed.text).toContain(
      `${t.user('night-admin').displayName} pressed Back up now at 2:40 PM (clinic time, America/Denver)`,
    );
    withoutPatientData(mails[0]!);

    // A third press by either: everyone has heard today.
    t.clock.set('2026-12-08T22:00:00.000Z');
    expect((await backUpNow('night-admin')).status).toBeGreaterThanOrEqual(400);
    expect((await backUpNow('admin')).status).toBeGreaterThanOrEqual(400);
    expect(await outbox.tick()).toBe(0);
    expect(sink.mails).toHaveLength(seen);
  });

  it('non-admins, disabled admins and admins without an address get none', async () => {
    const rows = await alarmRows();
    const admins = new Set([t.user('admin').id, t.user('night-admin').id]);
    expect(rows.map((r) => r.kind)).toEqual(['backup-manual-failed', 'backup-manual-failed']);
    expect(rows.filter((r) => !admins.has(r.target))).toEqual([]);
  });

  it('without an SMTP server nothing is written', async () => {
    const smtpUrl = t.deps.config.outbox.smtpUrl;
    t.deps.config.outbox.smtpUrl = null;
    try {
      t.clock.set('2026-12-09T16:00:00.000Z');
      const before = (await alarmRows()).length;
      expect((await backUpNow('admin')).status).toBeGreaterThanOrEqual(400);
      expect(await alarmRows()).toHaveLength(before);
    } finally {
      t.deps.config.outbox.smtpUrl = smtpUrl;
    }
  });
});
