import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupScheduleFromEnv, backupScheduler, pruneBackups } from '../src/backup/schedule.ts';
import { makeApp, type TestApp } from './support/app.ts';

/**
 * Nightly backups at the clinic's backup time (clinic time, here America/Denver): one per day, by one
 * process of several, the oldest deleted past the number kept, a failure logged and retried later.
 */

let t: TestApp;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-nightly-'));
  t = await makeApp({ start: '2026-12-07T08:00:00.000Z' });
  t.deps.config.backups = { dir, time: '02:00', keep: 2, databaseUrl: t.dbUrl };
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

const dated = () =>
  readdirSync(dir)
    .filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n))
    .sort();

describe('nightly backups', () => {
  it('waits for the time in the clinic’s zone, makes the day’s backup once, by one of two processes', async () => {
    const one = backupScheduler(t.deps);
    const two = backupScheduler(t.deps);
    // 01:30 in Denver (08:30 UTC): not yet.
    expect(await one('2026-12-07T08:30:00.000Z')).toBeNull();
    expect(dated()).toEqual([]);
    // 02:01 in Denver: both processes look at once; one backs up.
    const [a, b] = await Promise.all([one('2026-12-07T09:01:00.000Z'), two('2026-12-07T09:01:00.000Z')]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const made = (a ?? b)!;
    expect(made.dir).toBe(join(dir, '2026-12-07'));
    expect(made.manifest.chains.ok).toBe(true);
    expect(existsSync(join(made.dir, 'backup.json'))).toBe(true);
    // Later that day: nothing more.
    expect(await one('2026-12-07T20:00:00.000Z')).toBeNull();
    expect(dated()).toEqual(['2026-12-07']);
    expect(t.logs.some((l) => l.startsWith('backup 2026-12-07: '))).toBe(true);
  });

  it('keeps the newest ones it is told to, and what failed before them goes too', async () => {
    const run = backupScheduler(t.deps);
    await mkdir(join(dir, '2026-12-06-failed-0200'));
    expect(await run('2026-12-08T09:05:00.000Z')).not.toBeNull();
    expect(await run('2026-12-09T09:05:00.000Z')).not.toBeNull();
    expect(dated()).toEqual(['2026-12-08', '2026-12-09']);
    expect(readdirSync(dir).some((n) => n.includes('failed'))).toBe(false);
    expect(t.logs.some((l) => l.startsWith('backups deleted (beyond 2): '))).toBe(true);
  });

  it('a failure is logged, set aside and tried again an hour later, not every minute', async () => {
    const run = backupScheduler(t.deps);
    // The database file is somewhere else now: the backup cannot read it.
    t.deps.config.backups = { ...t.deps.config.backups!, databaseUrl: `file:${join(dir, 'gone.db')}` };
    expect(await run('2026-12-10T09:00:00.000Z')).toBeNull();
    expect(t.logs.some((l) => l.startsWith('backup 2026-12-10 FAILED: '))).toBe(true);
    expect(readdirSync(dir)).toContain('2026-12-10-failed-0200');
    t.deps.config.backups = { ...t.deps.config.backups!, databaseUrl: t.dbUrl };
    expect(await run('2026-12-10T09:30:00.000Z')).toBeNull();
    expect(await run('2026-12-10T10:01:00.000Z')).not.toBeNull();
    expect(dated()).toContain('2026-12-10');
  });

  it('never deletes the only finished backup, whatever it is told to keep', async () => {
    const alone = await mkdtemp(join(dir, 'alone-'));
    await mkdir(join(alone, '2026-01-01'));
    await writeFile(join(alone, '2026-01-01', 'backup.json'), '{}');
    await mkdir(join(alone, '2026-01-02'));
    expect(await pruneBackups(alone, 0)).toEqual([]);
    expect(readdirSync(alone).sort()).toEqual(['2026-01-01', '2026-01-02']);
  });

  it('admins see every backup with its status, and take one now: of two presses at once, one backup', async () => {
    const admin = await t.login('admin');
    const listed = await t.call('GET', '/api/backups', { as: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.schedule).toEqual({ dir, time: '02:00', keep: 2 });
    const byName = new Map(listed.body.backups.map((b: { name: string }) => [b.name, b]));
    expect(byName.get('2026-12-10')).toMatchObject({ status: 'whole', problems: [] });
    expect(byName.get('2026-12-10-failed-0200')).toMatchObject({ status: 'failed', createdAt: null });
    expect(listed.body.backups.map((b: { name: string }) => b.name)).toEqual(
      [...listed.body.backups.map((b: { name: string }) => b.name)].sort().reverse(),
    );

    t.clock.set('2026-12-10T16:15:00.000Z');
    // Hours later: a fresh sign-in (the first one timed out meanwhile).
    const again = await t.login('admin');
    const [one, two] = await Promise.all([
      t.call('POST', '/api/backups', { as: again }),
      t.call('POST', '/api/backups', { as: again }),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    const taken = one.status === 201 ? one.body : two.body;
    expect(taken).toMatchObject({ name: '2026-12-10-0915-manual', status: 'whole' });
    expect((one.status === 409 ? one : two).body.error.code).toBe('BACKUP_IN_PROGRESS');
    const logged = (await t.store.listAccess({ limit: 100 })).items.filter(
      (a) => a.dataCategory === 'backup',
    );
    expect(logged.map((a) => a.detail)).toEqual(['backup taken: 2026-12-10-0915-manual']);

    const staff = await t.login('front-desk');
    for (const method of ['GET', 'POST'] as const) {
      const refused = await t.call(method, '/api/backups', { as: staff });
      expect(refused.status).toBe(403);
      // The refusal names what was refused: backups, not accounts.
      expect(refused.body.error).toEqual({
        code: 'FORBIDDEN',
        message: 'Only an admin sees and takes backups',
      });
    }
  });

  it('with backups off, the list says so and taking one is refused with how to turn them on', async () => {
    const schedule = t.deps.config.backups;
    t.deps.config.backups = null;
    try {
      const admin = await t.login('admin');
      expect((await t.call('GET', '/api/backups', { as: admin })).body).toEqual({
        schedule: null,
        backups: [],
      });
      const refused = await t.call('POST', '/api/backups', { as: admin });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'BACKUPS_OFF' });
      expect(refused.body.error.message).toContain('PORTALFLOW_BACKUP_DIR');
    } finally {
      t.deps.config.backups = schedule;
    }
  });

  it('reads its settings from the environment and refuses bad ones before anything opens', () => {
    expect(backupScheduleFromEnv('file:/x/portalflow.db', {})).toBeNull();
    expect(backupScheduleFromEnv('file:/x/portalflow.db', { PORTALFLOW_BACKUP_DIR: '/b' })).toEqual({
      dir: '/b',
      time: '02:00',
      keep: 14,
      databaseUrl: 'file:/x/portalflow.db',
    });
    const refused = (env: Record<string, string>, url = 'file:/x/portalflow.db') => {
      try {
        backupScheduleFromEnv(url, env);
        return null;
      } catch (error) {
        return (error as Error & { code: string }).code;
      }
    };
    expect(refused({ PORTALFLOW_BACKUP_DIR: '/b', PORTALFLOW_BACKUP_TIME: '2am' })).toBe('BACKUP_SETTINGS');
    expect(refused({ PORTALFLOW_BACKUP_DIR: '/b', PORTALFLOW_BACKUP_KEEP: '0' })).toBe('BACKUP_SETTINGS');
    expect(refused({ PORTALFLOW_BACKUP_DIR: '/b' }, 'libsql://clinic.example')).toBe('BACKUP_SETTINGS');
  });
});
