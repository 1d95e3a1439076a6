import { chmodSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  hashInput,
  listCheckpointFiles,
  openStore,
  readCheckpoint,
  type Store,
  sha256Hex,
  verifyCheckpoints,
  writeCheckpoint,
} from '../src/index.ts';
import { tempDir } from './support/temp-db.ts';
import { at, mustGet, nextChange, publish, startInstance } from './support/workflow.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let dir: string;
let keyFile: string;
const now = () => '2026-03-02T17:00:00.000Z';

/** Direct SQL on the file, triggers dropped, as an attacker with the file would do. */
async function attack(statements: string[]): Promise<void> {
  const client = createClient({ url: tmp.url() });
  await client.execute('DROP TRIGGER IF EXISTS events_no_update');
  await client.execute('DROP TRIGGER IF EXISTS events_no_delete');
  for (const s of statements) await client.execute(s);
  client.close();
}

/** Recomputes every hash of an instance from `seq` 1 and points the instance row at the new head. */
async function rehash(instanceId: string): Promise<void> {
  const client = createClient({ url: tmp.url() });
  const rs = await client.execute({
    sql: 'SELECT * FROM events WHERE instance_id = ? ORDER BY seq',
    args: [instanceId],
  });
  let prev = GENESIS_HASH;
  for (const row of rs.rows) {
    const fields = {
      instanceId,
      seq: Number(row.seq),
      at: String(row.at),
      actor: row.actor === null ? null : String(row.actor),
      role: row.role === null ? null : String(row.role),
      type: String(row.type),
      prevHash: prev,
    };
    const hash = sha256Hex(hashInput(fields, String(row.payload)));
    await client.execute({
      sql: 'UPDATE events SET prev_hash = ?, hash = ? WHERE instance_id = ? AND seq = ?',
      args: [prev, hash, instanceId, fields.seq],
    });
    prev = hash;
  }
  await client.execute({
    sql: 'UPDATE instances SET revision = ?, last_hash = ? WHERE id = ?',
    args: [rs.rows.length, prev, instanceId],
  });
  client.close();
}

beforeEach(async () => {
  tmp = await tempDir();
  store = await openStore({ url: tmp.url() });
  dir = join(tmp.dir, 'checkpoints');
  keyFile = join(tmp.dir, 'keys', 'checkpoint.pem');
  await publish(store);
  for (const id of ['a', 'b', 'c']) {
    let instance = await startInstance(store, id);
    for (const minutes of [1, 2]) {
      const token = Object.values(instance.snapshot.context.active)[0]!.token;
      const assignee = minutes === 1 ? 'frontdesk-1' : null;
      const r = await store.commitInstanceChange(
        nextChange(instance, { type: 'reassign', token, assignee, actor: 'frontdesk-1' }, at(minutes)),
      );
      expect(r.ok).toBe(true);
      instance = await mustGet(store, id);
    }
  }
});

afterEach(async () => {
  await store.close();
  await tmp.remove();
});

describe('signed checkpoints', () => {
  it('generates a 0600 Ed25519 key on first use, writes read-only files, and verifies', async () => {
    const first = await writeCheckpoint({ store, dir, keyFile, now });
    expect(first.keyCreated).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(first.path).mode & 0o222).toBe(0);
    expect(first.body).toMatchObject({ seq: 1, instances: 3, events: 9, previous: null });
    const second = await writeCheckpoint({ store, dir, keyFile, now });
    expect(second.keyCreated).toBe(false);
    expect(second.body.seq).toBe(2);
    expect(second.body.previous).not.toBeNull();
    const report = await verifyCheckpoints({ store, dir, publicKey: readPub() });
    expect(report).toMatchObject({ ok: true, checkpoints: 2, findings: [], headsChecked: 3 });
  });

  it('writers racing for the next number each get their own, and the sequence still verifies', async () => {
    await writeCheckpoint({ store, dir, keyFile, now }); // the key exists before the race
    const written = await Promise.all([1, 2, 3].map(() => writeCheckpoint({ store, dir, keyFile, now })));
    expect(written.map((w) => w.body.seq).sort()).toEqual([2, 3, 4]);
    expect(listCheckpointFiles(dir).map((f) => f.seq)).toEqual([1, 2, 3, 4]);
    const report = await verifyCheckpoints({ store, dir, publicKey: readPub() });
    expect(report.findings).toEqual([]);
  });

  it('detects a removed tail that the chain alone cannot see', async () => {
    await writeCheckpoint({ store, dir, keyFile, now });
    await attack([
      "DELETE FROM events WHERE instance_id = 'b' AND seq = 3",
      "UPDATE instances SET revision = 2, last_hash = (SELECT hash FROM events WHERE instance_id = 'b' AND seq = 2) WHERE id = 'b'",
    ]);
    expect((await store.verifyAll()).ok).toBe(true);
    const report = await verifyCheckpoints({ store, dir, publicKey: readPub() });
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.fault, f.instanceId ?? null])).toEqual([
      ['truncated', null],
      ['truncated', 'b'],
    ]);
    // …and no new checkpoint blesses it.
    await expect(writeCheckpoint({ store, dir, keyFile, now })).rejects.toThrow(/no longer extends/);
  });

  it('detects a rewritten and re-hashed history', async () => {
    await writeCheckpoint({ store, dir, keyFile, now });
    await attack(["UPDATE events SET actor = 'someone-else' WHERE instance_id = 'a' AND seq = 2"]);
    await rehash('a');
    expect((await store.verifyAll()).ok).toBe(true);
    const report = await verifyCheckpoints({ store, dir, publicKey: readPub() });
    expect(report.findings).toMatchObject([{ fault: 'rewritten', instanceId: 'a', seq: 3 }]);
  });

  it('detects a forged, re-signed or removed checkpoint', async () => {
    await writeCheckpoint({ store, dir, keyFile, now });
    await writeCheckpoint({ store, dir, keyFile, now });
    await writeCheckpoint({ store, dir, keyFile, now });
    const [one, two] = listCheckpointFiles(dir);
    // Edited body (fewer events, to cover a deletion): the signature no longer matches.
    const forged = readCheckpoint(join(dir, two!.name));
    forged.body.events = 6;
    unlinkSync(join(dir, two!.name));
    writeFileSync(join(dir, two!.name), JSON.stringify(forged));
    let report = await verifyCheckpoints({ store, dir, publicKey: readPub() });
    expect(report.findings.map((f) => f.fault)).toEqual(['bad-signature']);
    // Signed with another key: refused when the real public key is pinned.
    const otherKey = join(tmp.dir, 'attacker.pem');
    const otherDir = join(tmp.dir, 'attacker');
    await writeCheckpoint({ store, dir: otherDir, keyFile: otherKey, now });
    report = await verifyCheckpoints({ store, dir: otherDir, publicKey: readPub() });
    expect(report.findings.map((f) => f.fault)).toEqual(['unknown-key']);
    // A checkpoint removed from the middle breaks the sequence.
    unlinkSync(join(dir, one!.name));
    report = await verifyCheckpoints({ store, dir, publicKey: readPub() });
    expect(report.findings.map((f) => f.fault)).toContain('broken-sequence');
    // An empty directory is not a pass.
    report = await verifyCheckpoints({ store, dir: join(tmp.dir, 'empty'), publicKey: readPub() });
    expect(report.findings.map((f) => f.fault)).toEqual(['none']);
  });

  it('refuses a key file others can read', async () => {
    await writeCheckpoint({ store, dir, keyFile, now });
    chmodSync(keyFile, 0o644);
    await expect(writeCheckpoint({ store, dir, keyFile, now })).rejects.toThrow(/chmod 600/);
  });
});

function readPub(): string {
  return readFileSync(`${keyFile}.pub`, 'utf8');
}
