import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupComplete, makeBackup } from '../src/backup/make.ts';
import type { BackupError } from '../src/backup/manifest.ts';
import { checkBackup, restoreBackup } from '../src/backup/restore.ts';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Backups of a running clinic, over a real listener and a real libSQL file: taken while requests are
 * started and files attached at the same moment, restored into a new place, and every restored history
 * is a prefix of the live one. A damaged backup is refused before anything is written.
 */

let t: TestApp;
let listener: Listener;
let frontDesk: AuthHeaders;
let work: string;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  frontDesk = await t.login('front-desk');
  work = await mkdtemp(join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-backup-'));
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
  await rm(work, { recursive: true, force: true });
});

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let serial = 0;

async function post(path: string, body: unknown | FormData) {
  const init: RequestInit = { method: 'POST', headers: { ...frontDesk } };
  if (body instanceof FormData) init.body = body;
  else {
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`${listener.base}${path}`, init);
  return {
    status: res.status,
    body: (await res.json()) as { instance?: { id: string }; attachment?: { id: string } },
  };
}

/** A billing question with its statement attached. */
async function questionWithStatement() {
  const n = ++serial;
  const started = await post('/api/requests', {
    definitionId: 'billing-question',
    data: { patient: `DEMO-${7000 + n}`, channel: 'phone', question: `Question ${n}` },
  });
  expect(started.status).toBe(201);
  const id = started.body.instance!.id;
  const form = new FormData();
  form.append('file', new Blob([pdf(`statement ${n}`)]), `statement-${n}.pdf`);
  const attached = await post(`/api/instances/${id}/attachments`, form);
  expect(attached.status).toBe(201);
  return { id, attachmentId: attached.body.attachment!.id };
}

const dirs = () => ({ attachmentsDir: t.deps.config.attachmentsDir, mediaDir: t.deps.config.mediaDir });

describe('portalflow backup', () => {
  it('taken while requests start and files are attached: restored, every history is a prefix of the live one', async () => {
    for (let i = 0; i < 5; i++) await questionWithStatement();
    const before = (await t.store.listInstances({ limit: 500 })).items.length;

    // Twenty requests, each with a file, released together with the backup.
    const to = join(work, 'during-load');
    const [manifest] = await Promise.all([
      makeBackup({ databaseUrl: t.dbUrl, to, ...dirs(), now: () => new Date().toISOString() }),
      ...Array.from({ length: 20 }, () => questionWithStatement()),
    ]);
    const after = (await t.store.listInstances({ limit: 500 })).items.length;
    expect(manifest.chains).toEqual({ ok: true, failures: 0 });
    expect(manifest.attachments.missing).toEqual([]);
    expect(manifest.attachments.damaged).toEqual([]);
    expect(backupComplete(manifest)).toBe(true);
    expect(manifest.instances).toBeGreaterThanOrEqual(before);
    expect(manifest.instances).toBeLessThanOrEqual(after);
    expect(manifest.attachments.files).toBeGreaterThanOrEqual(5);
    // Patient information: the server's account alone reads it.
    expect(statSync(to).mode & 0o777).toBe(0o700);
    expect(statSync(join(to, 'portalflow.db')).mode & 0o777).toBe(0o600);
    const copied = readdirSync(join(to, 'attachments'));
    expect(copied.map((f) => statSync(join(to, 'attachments', f)).mode & 0o777)).toEqual(
      copied.map(() => 0o600),
    );
    // The secrets that protect the data are not in the backup.
    expect(readdirSync(to).sort()).toEqual(['attachments', 'backup.json', 'media', 'portalflow.db']);

    const target = join(work, 'restored', 'portalflow.db');
    const restoredFiles = join(work, 'restored', 'attachments');
    const { facts } = await restoreBackup({
      from: to,
      databaseUrl: `file:${target}`,
      attachmentsDir: restoredFiles,
      mediaDir: join(work, 'restored', 'media'),
    });
    expect(facts.instances).toBe(manifest.instances);
    const restored = await openStore({ url: `file:${target}`, oneWriter: false });
    try {
      expect((await restored.verifyAll()).ok).toBe(true);
      const heads = (await restored.chainHeads()).heads;
      expect(heads).toHaveLength(manifest.instances);
      // Each restored history ends where the live one had got to when the copy was taken.
      const live = await t.store.eventHashes(heads.map((h) => ({ instanceId: h.instanceId, seq: h.seq })));
      expect(live).toEqual(heads.map((h) => h.hash));
      // Every file the restored requests name is there, with its bytes.
      for (const h of heads) {
        for (const file of await restored.listAttachments(h.instanceId)) {
          const bytes = readFileSync(join(restoredFiles, file.sha256));
          expect(sha(bytes)).toBe(file.sha256);
        }
      }
    } finally {
      await restored.close();
    }
  });

  it('leaves out the bytes of a file taken off, and does not call them missing', async () => {
    const { id, attachmentId } = await questionWithStatement();
    const removed = await post(`/api/instances/${id}/attachments/${attachmentId}/remove`, {
      reason: 'wrong patient',
    });
    expect(removed.status).toBe(200);
    const gone = (await t.store.getAttachment(attachmentId))!.sha256;
    const manifest = await makeBackup({
      databaseUrl: t.dbUrl,
      to: join(work, 'after-removal'),
      ...dirs(),
      now: () => '',
    });
    expect(manifest.attachments.missing).toEqual([]);
    expect(existsSync(join(work, 'after-removal', 'attachments', gone))).toBe(false);
  });

  it('reports a file the database names that is not on the disk', async () => {
    const { attachmentId } = await questionWithStatement();
    const lost = (await t.store.getAttachment(attachmentId))!.sha256;
    await unlink(join(t.deps.config.attachmentsDir, lost));
    const manifest = await makeBackup({
      databaseUrl: t.dbUrl,
      to: join(work, 'lost-file'),
      ...dirs(),
      now: () => '',
    });
    expect(manifest.attachments.missing).toEqual([lost]);
    expect(backupComplete(manifest)).toBe(false);
  });

  it('refuses a directory in use, a server database and one not there', async () => {
    const used = join(work, 'used');
    await makeBackup({ databaseUrl: t.dbUrl, to: used, ...dirs(), now: () => '' });
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: BackupError) => e.code,
      );
    expect(await refusal(makeBackup({ databaseUrl: t.dbUrl, to: used, ...dirs(), now: () => '' }))).toBe(
      'BACKUP_TARGET_NOT_EMPTY',
    );
    expect(
      await refusal(
        makeBackup({ databaseUrl: 'libsql://clinic.example', to: join(work, 'x'), now: () => '' }),
      ),
    ).toBe('BACKUP_SOURCE_NOT_FILE');
    expect(
      await refusal(
        makeBackup({ databaseUrl: `file:${join(work, 'none.db')}`, to: join(work, 'y'), now: () => '' }),
      ),
    ).toBe('BACKUP_UNREADABLE');
  });
});

describe('portalflow restore', () => {
  let good: string;
  beforeAll(async () => {
    await questionWithStatement();
    good = join(work, 'good');
    await makeBackup({ databaseUrl: t.dbUrl, to: good, ...dirs(), now: () => '' });
  });

  /** A copy of the good backup to damage. */
  async function copyOfGood(name: string) {
    const { cp } = await import('node:fs/promises');
    const dir = join(work, name);
    await cp(good, dir, { recursive: true });
    return dir;
  }

  const refused = async (from: string) => {
    const target = join(work, `restore-${from.split('/').at(-1)}`, 'portalflow.db');
    const files = join(work, `restore-${from.split('/').at(-1)}`, 'attachments');
    const error = await restoreBackup({ from, databaseUrl: `file:${target}`, attachmentsDir: files }).then(
      () => null,
      (e: BackupError) => e,
    );
    // Nothing was written where it would have restored to.
    expect(existsSync(target)).toBe(false);
    expect(existsSync(files)).toBe(false);
    return error;
  };

  it('refuses a backup whose file bytes changed, naming the file, and writes nothing', async () => {
    const dir = await copyOfGood('flipped-file');
    const name = readdirSync(join(dir, 'attachments'))[0]!;
    writeFileSync(join(dir, 'attachments', name), pdf('another patient'));
    const error = await refused(dir);
    expect(error?.code).toBe('BACKUP_DAMAGED');
    expect(error?.problems.join('\n')).toContain(`attachments/${name.slice(0, 12)}… does not match its name`);
  });

  it('refuses a backup whose database changed, and one that never finished', async () => {
    const changed = await copyOfGood('changed-db');
    const db = readFileSync(join(changed, 'portalflow.db'));
    db[db.length - 100] = db[db.length - 100]! ^ 0xff;
    writeFileSync(join(changed, 'portalflow.db'), db);
    const error = await refused(changed);
    expect(error?.code).toBe('BACKUP_DAMAGED');
    expect(error?.problems).toContain('portalflow.db does not match its hash in backup.json');

    const unfinished = await copyOfGood('unfinished');
    await unlink(join(unfinished, 'backup.json'));
    expect((await refused(unfinished))?.code).toBe('BACKUP_UNREADABLE');
  });

  it('refuses a newer format of the database, and never overwrites a database', async () => {
    const newer = await copyOfGood('newer');
    const manifest = JSON.parse(readFileSync(join(newer, 'backup.json'), 'utf8'));
    writeFileSync(join(newer, 'backup.json'), JSON.stringify({ ...manifest, schemaVersion: 999 }));
    expect((await refused(newer))?.code).toBe('BACKUP_NEWER_SCHEMA');

    const error = await restoreBackup({ from: good, databaseUrl: t.dbUrl }).then(
      () => null,
      (e: BackupError) => e.code,
    );
    expect(error).toBe('RESTORE_TARGET_EXISTS');
    expect((await t.store.verifyAll()).ok).toBe(true);
  });

  it('checks a backup on its own without writing', async () => {
    const { manifest, facts } = await checkBackup(good);
    expect(facts.chains.ok).toBe(true);
    expect(facts.instances).toBe(manifest.instances);
  });
});
