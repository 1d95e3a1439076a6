import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupScheduler } from '../src/backup/schedule.ts';
import { outboxConfig } from '../src/config.ts';
import { type OutboxWorker, startOutboxWorker } from '../src/outbox/worker.ts';
import { DEMO_USERS, makeApp, type TestApp } from './support/app.ts';
import { addressOf, prepareAlarmRecipients } from './support/backup-alarm-recipients.ts';
import { type MailSink, type ReceivedMail, startMailSink } from './support/mail-sink.ts';

/**
 * A nightly backup that fails is emailed to the admins, over a real SMTP server (smtp-server, every
 * message parsed with mailparser): once a day whatever the retries, to every enabled admin with an
 * address whatever kinds of email they turned off, to nobody else, and never with a patient's data.
 * Clinic time is America/Denver: 02:00 there is 09:00 UTC.
 */

const PATIENT = { patient: 'QUIXOTE-7741093', question: 'Zebulon asks why lisinopril was billed twice' };

let t: TestApp;
let sink: MailSink;
let outbox: OutboxWorker;
let dir: string;
let goneDb: string;
/** Mails that arrived before each test's own. */
let seen = 0;

beforeAll(async () => {
  sink = await startMailSink();
  dir = await mkdtemp(join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-alarm-'));
  goneDb = join(dir, 'gone', 'portalflow.db');
  t = await makeApp({
    start: '2026-12-07T08:00:00.000Z',
    users: [
      ...DEMO_USERS,
      { username: 'night-admin', roles: ['admin', 'designer'] },
      { username: 'no-address-admin', roles: ['admin'] },
      { username: 'former-admin', roles: ['admin'] },
    ],
    config: {
      outbox: {
        ...outboxConfig({}),
        smtpUrl: sink.url,
        baseUrl: 'https://portal.example',
        digestTime: null,
      },
    },
  });
  t.deps.config.backups = { dir: join(dir, 'backups'), time: '02:00', keep: 5, databaseUrl: t.dbUrl };
  await prepareAlarmRecipients(t, PATIENT);

  outbox = startOutboxWorker(t.deps, { autostart: false, random: () => 0 });
  await outbox.tick();
  seen = sink.mails.length;
}, 60_000);

afterAll(async () => {
  await outbox?.stop();
  await t?.close();
  await sink?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends what is due and answers the mails that arrived, by recipient. */
async function delivered(expected: number): Promise<ReceivedMail[]> {
  await outbox.tick();
  const mails = (await sink.waitFor(seen + expected, 4000)).slice(seen);
  // Anything more would have arrived with the same tick.
  expect(mails).toHaveLength(expected);
  seen += expected;
  return [...mails].sort((a, b) => a.to[0]!.localeCompare(b.to[0]!));
}

/** The scheduler's check at `iso`, with the server's clock there too (a backup is dated by it). */
function checkAt(run: ReturnType<typeof backupScheduler>, iso: string) {
  t.clock.set(iso);
  return run(iso);
}

const backupRows = async () =>
  (await t.store.listOutbox({ channel: 'email', limit: 500 })).filter((r) => r.kind.startsWith('backup-'));

function withoutPatientData(mail: ReceivedMail) {
  const all = `${mail.raw}\n${mail.parsed.subject}\n${mail.parsed.text}`;
  for (const value of Object.values(PATIENT)) expect(all).not.toContain(value);
  expect(all).not.toContain('Zebulon');
  expect(all).not.toContain(goneDb);
  expect(all).not.toContain(t.dbPath);
  expect(all).not.toContain(t.deps.config.attachmentsDir);
}

describe('the admins hear when a nightly backup fails', () => {
  it('a failure is emailed once to each enabled admin with an address: when, why, the last whole backup, what next, where to look', async () => {
    const run = backupScheduler(t.deps);
    expect(await checkAt(run, '2026-12-07T09:01:00.000Z')).not.toBeNull();
    // A backup that worked, with no failure before it: no email.
    expect(await outbox.tick()).toBe(0);

    // The database file is somewhere else now: the backup cannot read it.
    t.deps.config.backups = { ...t.deps.config.backups!, databaseUrl: `file:${goneDb}` };
    expect(await checkAt(run, '2026-12-08T09:00:00.000Z')).toBeNull();

    const mails = await delivered(2);
    expect(mails.map((m) => m.to)).toEqual([[addressOf('admin')], [addressOf('night-admin')]]);
    for (const mail of mails) {
      expect(mail.parsed.subject).toBe("[Clinic] portalflow: last night's backup failed (Tue, Dec 8)");
      const text = mail.parsed.text ?? '';
      expect(text).toContain(
        'The nightly backup of Tue, Dec 8 failed at 2:00 AM (clinic time, America/Denver).',
      );
      expect(text).toContain('Why: BACKUP_UNREADABLE — the database file could not be read.');
      expect(text).toContain('The last whole backup was taken Mon, Dec 7, 2:01 AM.');
      expect(text).toContain('Next: it is tried again at about 3:00 AM, and each hour after that today.');
      expect(text).toContain(`Backups directory: ${join(dir, 'backups')}`);
      expect(text).toContain(
        'See every backup and its status on the Backups page: https://portal.example/backups',
      );
      withoutPatientData(mail);
    }
    const rows = await backupRows();
    expect(rows.map((r) => r.target).sort()).toEqual([t.user('admin').id, t.user('night-admin').id].sort());
    expect(t.logs).toContain('backup 2026-12-08 failure: emailing 2 admins');
  });

  it('failing again the same day sends nothing more; working again is said once', async () => {
    const run = backupScheduler(t.deps);
    expect(await checkAt(run, '2026-12-08T10:01:00.000Z')).toBeNull();
    expect(await checkAt(run, '2026-12-08T11:02:00.000Z')).toBeNull();
    expect(await outbox.tick()).toBe(0);
    expect(sink.mails).toHaveLength(seen);
    expect((await backupRows()).filter((r) => r.kind === 'backup-failed')).toHaveLength(2);

    t.deps.config.backups = { ...t.deps.config.backups!, databaseUrl: t.dbUrl };
    expect(await checkAt(run, '2026-12-08T12:03:00.000Z')).not.toBeNull();
    const mails = await delivered(2);
    expect(mails.map((m) => m.to)).toEqual([[addressOf('admin')], [addressOf('night-admin')]]);
    for (const mail of mails) {
      expect(mail.parsed.subject).toBe('[Clinic] portalflow: backups work again (Tue, Dec 8)');
      expect(mail.parsed.text).toContain(
        'The nightly backup of Tue, Dec 8 was made at 5:03 AM (clinic time, America/Denver) and is whole.',
      );
      expect(mail.parsed.text).toContain('https://portal.example/backups');
      withoutPatientData(mail);
    }

    // The next night's works too: nothing to say.
    expect(await checkAt(run, '2026-12-09T09:01:00.000Z')).not.toBeNull();
    expect(await outbox.tick()).toBe(0);
    expect(sink.mails).toHaveLength(seen);
  });

  it('a backup directory that is a file: its code and reason, and no whole backup to be found there', async () => {
    // This clinic reads the 24-hour clock: the email says the time as its screens do.
    t.deps.clinicClock = '24-hour';
    const file = join(dir, 'not-a-directory');
    await writeFile(file, '');
    t.deps.config.backups = { ...t.deps.config.backups!, dir: file };
    const run = backupScheduler(t.deps);
    expect(await checkAt(run, '2026-12-10T09:30:00.000Z')).toBeNull();
    // The log line the email points to.
    expect(t.logs.some((l) => l.startsWith('backup 2026-12-10 FAILED: EEXIST'))).toBe(true);
    const mails = await delivered(2);
    for (const mail of mails) {
      const text = mail.parsed.text ?? '';
      expect(text).toContain('The nightly backup of Thu, Dec 10 failed at 02:30');
      expect(text).toContain('Why: EEXIST — the backups directory, or one above it, is not a directory.');
      expect(text).toContain('The last whole backup: none found in the backups directory.');
      expect(text).toContain(`Backups directory: ${file}`);
      withoutPatientData(mail);
    }
    t.deps.clinicClock = undefined;
  });

  it('non-admins, disabled admins and admins without an address get none', async () => {
    const rows = await backupRows();
    const admins = new Set([t.user('admin').id, t.user('night-admin').id]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !admins.has(r.target))).toEqual([]);
    const backupMails = sink.mails.filter((m) => /backup/i.test(m.parsed.subject ?? ''));
    expect(new Set(backupMails.flatMap((m) => m.to))).toEqual(
      new Set([addressOf('admin'), addressOf('night-admin')]),
    );
  });

  it('without an SMTP server nothing is written', async () => {
    const smtpUrl = t.deps.config.outbox.smtpUrl;
    t.deps.config.outbox.smtpUrl = null;
    try {
      const before = (await backupRows()).length;
      expect(await checkAt(backupScheduler(t.deps), '2026-12-11T09:00:00.000Z')).toBeNull();
      expect(await backupRows()).toHaveLength(before);
    } finally {
      t.deps.config.outbox.smtpUrl = smtpUrl;
    }
  });
});
