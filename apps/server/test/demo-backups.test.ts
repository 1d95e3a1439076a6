import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackupList, BackupSummary } from '@portalflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupScheduleFromEnv, backupScheduler } from '../src/backup/schedule.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { makeApp } from './support/app.ts';
import { toolToken } from './support/prepare.ts';

/**
 * The quick-start demo backs itself up: nightly backups are on, into `backups/` inside the demo's data
 * folder (the server's account only, like the data), so an admin sees a working Backups page and can
 * take one by hand. A server set up for a clinic has them off until whoever runs it picks a folder.
 */

let dir: string;
let demo: RunningServer;
let saved: string | undefined;
beforeAll(async () => {
  saved = process.env.PORTALFLOW_BACKUP_DIR;
  delete process.env.PORTALFLOW_BACKUP_DIR;
  dir = await mkdtemp(join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-demo-backups-'));
  demo = await startServer({
    port: 0,
    databaseUrl: `file:${join(dir, 'data', 'pf.db')}`,
    demo: true,
    quiet: true,
  });
}, 120_000);
afterAll(async () => {
  await demo?.close();
  if (saved !== undefined) process.env.PORTALFLOW_BACKUP_DIR = saved;
  await rm(dir, { recursive: true, force: true });
});

describe('backups in the demo', () => {
  it('are on, nightly, into the demo data folder; Back up now makes a whole one, kept owner-only', async () => {
    const admin = await demo.deps.store.findUserByUsername('admin');
    const token = await toolToken(demo.deps.store, admin!.id, ['admin'], { name: 'demo backups test' });
    const call = (method: string, path: string) =>
      fetch(`${demo.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

    const list = async () => (await (await call('GET', '/api/backups')).json()) as BackupList;
    expect((await list()).schedule).toEqual({ dir: join(dir, 'data', 'backups'), time: '02:00', keep: 14 });
    // Whatever the hour, the demo's first backup is taken at start: the page has one to show.
    await expect
      .poll(async () => (await list()).backups.map((b) => b.status), { timeout: 20_000 })
      .toEqual(['whole']);

    const taken = await call('POST', '/api/backups');
    expect(taken.status).toBe(201);
    expect(((await taken.json()) as BackupSummary).status).toBe('whole');
    expect((await list()).backups.map((b) => b.status)).toEqual(['whole', 'whole']);
    expect((await stat(join(dir, 'data', 'backups'))).mode & 0o777).toBe(0o700);
  }, 120_000);

  it('start with one taken at once, at any hour, when there is no whole one yet', async () => {
    const t = await makeApp({ start: '2026-12-07T08:00:00.000Z' });
    const to = join(dir, 'early');
    try {
      t.deps.config.backups = { dir: to, time: '02:00', keep: 14, databaseUrl: t.dbUrl };
      // 01:30 in Denver: a clinic's server waits for 02:00; the demo takes its first one now.
      expect(await backupScheduler(t.deps)('2026-12-07T08:30:00.000Z')).toBeNull();
      const demoCheck = backupScheduler(t.deps, { firstAnyTime: true });
      expect((await demoCheck('2026-12-07T08:30:00.000Z'))?.dir).toBe(join(to, '2026-12-07'));
      // Only the first check: the next ones keep the nightly time.
      expect(await demoCheck('2026-12-08T08:30:00.000Z')).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('stay off where the server was not told a folder, and in a demo told `off`', () => {
    const url = 'file:/clinic/data/portalflow.db';
    expect(backupScheduleFromEnv(url, {})).toBeNull();
    expect(backupScheduleFromEnv(url, { PORTALFLOW_BACKUP_DIR: 'off' }, { demo: true })).toBeNull();
    expect(backupScheduleFromEnv(url, {}, { demo: true })).toEqual({
      dir: '/clinic/data/backups',
      time: '02:00',
      keep: 14,
      databaseUrl: url,
    });
    // A demo on a libSQL server: that server keeps its own backups.
    expect(backupScheduleFromEnv('libsql://clinic.example', {}, { demo: true })).toBeNull();
  });
});
