import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';
import { killAllServers, spawnServer } from './support/processes.ts';

/**
 * The live database and attached files are patient data: only the server's own account may read them,
 * as with backups. Checked with real files after a real start (a process of its own, its operational
 * log read) and after a real upload over a listener.
 */

const modeOf = (path: string) => statSync(path).mode & 0o777;
const octal = (mode: number) => mode.toString(8);
const DATABASE_FILES = ['portalflow.db', 'portalflow.db-wal', 'portalflow.db-shm'];
/** What the operational log says when it had to tighten something (a line per start, with counts). */
const TIGHTENED = /readable by the server's account only/;

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pf-modes-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await killAllServers();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the data directory on a fresh start', () => {
  it('is 700 and the database, its -wal and -shm are 600; nothing needed tightening', async () => {
    const data = join(await freshDir(), 'data');
    const server = await spawnServer({ databaseUrl: `file:${join(data, 'portalflow.db')}` });
    try {
      expect(octal(modeOf(data))).toBe('700');
      for (const name of DATABASE_FILES)
        expect([name, octal(modeOf(join(data, name)))]).toEqual([name, '600']);
    } finally {
      await server.stop();
    }
    expect(server.log.filter((l) => TIGHTENED.test(l))).toEqual([]);
  }, 60_000);
});

describe('an install whose files other users could read', () => {
  it('has them tightened at start, with a line in the operational log; the next start has nothing to say', async () => {
    const data = join(await freshDir(), 'data');
    const databaseUrl = `file:${join(data, 'portalflow.db')}`;
    const first = await spawnServer({ databaseUrl });
    await first.kill9(); // a stopped server leaves its -wal and -shm beside the database
    // As an earlier version left them: the folders 755, every file 644.
    const attachments = join(data, 'attachments');
    mkdirSync(attachments, { recursive: true });
    const attached = join(attachments, 'a'.repeat(64));
    writeFileSync(attached, '%PDF-1.4 a statement\n');
    chmodSync(data, 0o755);
    chmodSync(attachments, 0o755);
    for (const name of [...DATABASE_FILES.filter((n) => existsSync(join(data, n)))])
      chmodSync(join(data, name), 0o644);
    chmodSync(attached, 0o644);

    const second = await spawnServer({ databaseUrl });
    try {
      expect(octal(modeOf(data))).toBe('700');
      expect(octal(modeOf(attachments))).toBe('700');
      for (const name of DATABASE_FILES)
        expect([name, octal(modeOf(join(data, name)))]).toEqual([name, '600']);
      expect(octal(modeOf(attached))).toBe('600');
    } finally {
      await second.stop();
    }
    const said = second.log.filter((l) => TIGHTENED.test(l));
    expect(said).toHaveLength(1);
    // Counts and which kind of file, never a file's name beyond the data directory's own.
    expect(said[0]).toMatch(/2 directories/);
    expect(said[0]).toMatch(/1 attached file\b/);
    expect(said[0]).not.toContain('a'.repeat(64));

    const third = await spawnServer({ databaseUrl });
    await third.stop();
    expect(third.log.filter((l) => TIGHTENED.test(l))).toEqual([]);
  }, 90_000);
});

describe('a file attached over HTTP', () => {
  let t: TestApp;
  let listener: Listener;
  afterEach(async () => {
    await listener?.close();
    await t?.close();
  });

  it('is stored 600 in an attachments directory made 700', async () => {
    t = await makeApp();
    listener = await listen(t.app);
    const frontDesk = await t.login('front-desk');
    const started = await fetch(`${listener.base}/api/requests`, {
      method: 'POST',
      headers: { ...frontDesk, 'content-type': 'application/json' },
      body: JSON.stringify({
        definitionId: 'billing-question',
        data: { patient: 'DEMO-9300', channel: 'front-desk', question: 'Why was I billed twice?' },
      }),
    });
    expect(started.status).toBe(201);
    const instanceId = ((await started.json()) as { instance: { id: string } }).instance.id;
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')]), 'statement.pdf');
    const attached = await fetch(
      `${listener.base}/api/instances/${encodeURIComponent(instanceId)}/attachments`,
      {
        method: 'POST',
        headers: frontDesk,
        body: form,
      },
    );
    expect(attached.status, await attached.clone().text()).toBe(201);
    const { sha256 } = ((await attached.json()) as { attachment: { sha256: string } }).attachment;
    const dir = t.deps.config.attachmentsDir;
    expect(octal(modeOf(dir))).toBe('700');
    expect(octal(modeOf(join(dir, sha256)))).toBe('600');
    expect(readdirSync(dir)).toEqual([sha256]);
  }, 30_000);
});
