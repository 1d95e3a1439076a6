import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupManifest } from '../src/backup/manifest.ts';
import { backupNamed } from '../src/backup/schedule.ts';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * An admin downloads a backup from the Backups page: one tar file of the backup's folder, over a real
 * listener and a real libSQL file. Only admins; never cached; every download is in the access log with
 * who and which backup; a backup that is gone, or still being taken, is a clear refusal. A download
 * started before a new backup deletes the old one (the number kept) still gets the whole folder.
 */

let t: TestApp;
let listener: Listener;
let admin: AuthHeaders;
let work: string;
let backupsDir: string;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  t = await makeApp({ start: '2026-12-08T16:00:00.000Z' });
  work = await mkdtemp(join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-backup-dl-'));
  backupsDir = join(work, 'backups');
  t.deps.config.backups = { dir: backupsDir, time: '02:00', keep: 1, databaseUrl: t.dbUrl };
  // A help video large enough that the download cannot be sent before the test reads it.
  const video = randomBytes(12 * 1024 * 1024);
  await mkdir(t.deps.config.mediaDir!, { recursive: true });
  await writeFile(join(t.deps.config.mediaDir!, sha(video)), video);
  listener = await listen(t.app);
  admin = await t.login('admin');
}, 60_000);
afterAll(async () => {
  await listener?.close();
  await t?.close();
  await rm(work, { recursive: true, force: true });
});

const download = (name: string, headers: AuthHeaders = admin) =>
  fetch(`${listener.base}/api/backups/${name}/download`, { headers });

/** The files of a tar archive (ustar: 512-byte headers, contents padded to 512), by path. */
function untar(tar: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const text = (from: number, length: number) =>
    new TextDecoder().decode(tar.subarray(from, from + length)).replace(/\0.*$/s, '');
  let at = 0;
  while (at + 512 <= tar.length && tar[at] !== 0) {
    const prefix = text(at + 345, 155);
    const name = prefix ? `${prefix}/${text(at, 100)}` : text(at, 100);
    const size = Number.parseInt(text(at + 124, 12).trim(), 8);
    const type = text(at + 156, 1);
    if (type === '0' || type === '') files.set(name, tar.slice(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

async function filesUnder(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path), new Uint8Array(await readFile(path)));
    }
  return files;
}

describe('downloading a backup', () => {
  it('is one tar of the whole folder, never cached, logged with who and which backup', async () => {
    const made = await backupNamed(t.deps, t.deps.config.backups!, '2026-12-07', '0200');
    expect(made).not.toBeNull();
    const res = await download('2026-12-07');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-tar');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="portalflow-backup-2026-12-07.tar"',
    );
    // Neither a browser nor a proxy keeps a copy; sent as it is, its size known for the progress bar.
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('content-encoding')).toBeNull();
    const body = new Uint8Array(await res.arrayBuffer());
    expect(body.length).toBe(Number(res.headers.get('content-length')));
    const tar = untar(body);
    const onDisk = await filesUnder(join(backupsDir, '2026-12-07'));
    expect([...tar.keys()].sort()).toEqual([...onDisk.keys()].map((p) => `2026-12-07/${p}`).sort());
    for (const [path, bytes] of onDisk) expect(sha(tar.get(`2026-12-07/${path}`)!)).toBe(sha(bytes));
    const manifest = JSON.parse(
      new TextDecoder().decode(tar.get('2026-12-07/backup.json')),
    ) as BackupManifest;
    expect(sha(tar.get('2026-12-07/portalflow.db')!)).toBe(manifest.database.sha256);

    const log = await t.store.listAccess({ userId: t.user('admin').id });
    expect(
      log.items.find((e) => e.dataCategory === 'backup' && e.detail === 'backup downloaded: 2026-12-07'),
    ).toMatchObject({
      action: 'GET /api/backups/:name/download',
      outcome: 'allow',
    });
  }, 60_000);

  it('during a new backup that deletes it, still a whole file', async () => {
    const res = await download('2026-12-07');
    expect(res.status).toBe(200);
    // The next night's backup, keeping one: the folder being downloaded is deleted from the disk.
    await backupNamed(t.deps, t.deps.config.backups!, '2026-12-08', '0200');
    expect(await readdir(backupsDir)).toEqual(['2026-12-08']);
    const tar = untar(new Uint8Array(await res.arrayBuffer()));
    const manifest = JSON.parse(
      new TextDecoder().decode(tar.get('2026-12-07/backup.json')),
    ) as BackupManifest;
    expect(sha(tar.get('2026-12-07/portalflow.db')!)).toBe(manifest.database.sha256);
    const media = [...tar.entries()].filter(([p]) => p.startsWith('2026-12-07/media/'));
    expect(media).toHaveLength(1);
    for (const [path, bytes] of media) expect(sha(bytes)).toBe(path.split('/').at(-1));
  }, 60_000);

  it('of one that is gone is a 404 BACKUP_NOT_FOUND; of one being taken a 409; of a made-up name a 400', async () => {
    const gone = await download('2026-12-07');
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('BACKUP_NOT_FOUND');

    // A folder without its backup.json: being taken now, or stopped.
    await mkdir(join(backupsDir, '2026-12-09'));
    const taking = await download('2026-12-09');
    expect(taking.status).toBe(409);
    expect(((await taking.json()) as { error: { code: string } }).error.code).toBe('BACKUP_NOT_FINISHED');

    for (const name of ['latest', '2026-12-08-failed-0203', '2026-12-08%2F..%2F..'])
      expect((await download(name)).status).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await download('2026-12-08', await t.login('lead'))).status).toBe(403);
    expect((await download('2026-12-08', {})).status).toBe(401);
  });
});
