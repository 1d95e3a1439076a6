// Signed checkpoints over HTTP: auditors take one on demand, list them, and an edited history is
// never blessed by a new one.
import { readdirSync, statSync } from 'node:fs';
import { createClient } from '@libsql/client';
import { verifyCheckpoints } from '@portalflow/store';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointConfig } from '../src/audit/checkpoint-config.ts';
import { exampleStart, makeApp, type TestApp } from './support/app.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function withInstances(): Promise<TestApp> {
  t = await makeApp();
  const sorter = await t.token('medical-assistant');
  for (let i = 0; i < 3; i++) {
    const res = await t.call('POST', '/api/instances', {
      as: sorter,
      body: {
        definitionId: 'portal-message-triage',
        data: { ...exampleStart('portal-message-triage'), subject: `message ${i}` },
      },
    });
    expect(res.status, res.text).toBe(201);
  }
  return t;
}

describe('signed checkpoints', () => {
  it('an auditor takes one (key generated 0600), lists it, and it verifies', async () => {
    const app = await withInstances();
    const auditor = await app.token('auditor');
    const made = await app.call('POST', '/api/audit/checkpoints', { as: auditor });
    expect(made.status, made.text).toBe(201);
    expect(made.body.checkpoint).toMatchObject({ seq: 1, instances: 3, events: 3, previous: null });
    const config = app.deps.config.checkpoints!;
    expect(statSync(config.keyFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(config.dir)).toEqual(['checkpoint-000001.json']);
    await app.call('POST', '/api/audit/checkpoints', { as: auditor });
    const list = await app.call('GET', '/api/audit/checkpoints', { as: auditor });
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(list.body.items.map((c: { seq: number }) => c.seq)).toEqual([2, 1]);
    expect(JSON.stringify(list.body)).not.toContain('message 0');
    const report = await verifyCheckpoints({ store: app.store, dir: config.dir });
    expect(report).toMatchObject({ ok: true, checkpoints: 2 });
  });

  it('refuses to sign a history that no longer extends the last checkpoint, and logs why', async () => {
    const app = await withInstances();
    const auditor = await app.token('auditor');
    expect((await app.call('POST', '/api/audit/checkpoints', { as: auditor })).status).toBe(201);
    const side = createClient({ url: app.dbUrl });
    await side.execute('DROP TRIGGER events_no_delete');
    await side.execute('PRAGMA foreign_keys = OFF');
    const victim = String(
      (await side.execute('SELECT instance_id FROM events LIMIT 1')).rows[0]!.instance_id,
    );
    await side.execute({ sql: 'DELETE FROM events WHERE instance_id = ?', args: [victim] });
    await side.execute({ sql: 'DELETE FROM instances WHERE id = ?', args: [victim] });
    side.close();
    const refused = await app.call('POST', '/api/audit/checkpoints', { as: auditor });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CHECKPOINT_REFUSED');
    expect(app.logs.some((l) => l.startsWith('checkpoint refused: '))).toBe(true);
  });

  it('is a typed 409 when checkpoints are off', async () => {
    t = await makeApp({ config: { checkpoints: null }, publish: false });
    const res = await t.call('POST', '/api/audit/checkpoints', { as: await t.token('admin') });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CHECKPOINTS_DISABLED');
  });

  it('reads its configuration from the environment, beside a file database by default', () => {
    expect(checkpointConfig('file:/srv/pf/portalflow.db', {})).toEqual({
      dir: '/srv/pf/checkpoints',
      keyFile: '/srv/pf/checkpoint-key.pem',
      intervalMs: 300_000,
    });
    expect(
      checkpointConfig('libsql://db.example', {
        PORTALFLOW_CHECKPOINT_DIR: '/var/lib/pf/cp',
        PORTALFLOW_CHECKPOINT_KEY: '/etc/pf/key.pem',
        PORTALFLOW_CHECKPOINT_INTERVAL_MS: '60000',
      }),
    ).toEqual({ dir: '/var/lib/pf/cp', keyFile: '/etc/pf/key.pem', intervalMs: 60_000 });
    expect(checkpointConfig('libsql://db.example', {})).toBeNull();
    expect(checkpointConfig('file:x.db', { PORTALFLOW_CHECKPOINT_DIR: 'off' })).toBeNull();
  });
});
