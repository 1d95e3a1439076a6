// `verify`, `replay` and `serve` run as the real bin against temp databases prepared with the store.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { type Definition, type EngineEvent, parseDefinition, transition } from '@portalflow/engine';
import { GENESIS_HASH, type Instance, openStore, projectEffects, type Store } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binArgs } from './support/bin.ts';

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [...binArgs, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', ...env },
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const workflow: Definition = parseDefinition({
  id: 'refill',
  title: 'Prescription refill',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'nurse', name: 'Nurse' },
    { id: 'supervisor', name: 'Supervisor' },
  ],
  start: 'intake',
  // What the front desk starts a refill with (start data is held to this form).
  intake: {
    roles: ['front-desk'],
    form: [
      { id: 'patient', label: 'Patient', type: 'text', required: true },
      { id: 'drug', label: 'Medication', type: 'text' },
    ],
  },
  steps: {
    intake: {
      type: 'task',
      role: 'front-desk',
      title: 'Check the request',
      outcomes: { ok: 'review' },
      deadline: { after: 'PT4H', escalateTo: 'supervisor' },
      form: [{ id: 'pharmacy', label: 'Pharmacy', type: 'text' }],
    },
    review: { type: 'task', role: 'nurse', title: 'Review the refill', outcomes: { approved: 'done' } },
    done: { type: 'end', outcome: 'refilled' },
  },
});

const T0 = '2026-03-02T16:00:00.000Z';
const PATIENT = 'Jane Q. Patient';

/** Applies `event` to the stored instance the way the server does: engine, then one conditional commit. */
async function apply(store: Store, id: string, event: EngineEvent, at: string, previous: Instance | null) {
  const r = transition(workflow, previous?.snapshot ?? null, event, at);
  if (!r.ok) throw r.error;
  const actor = 'actor' in event ? (event.actor ?? null) : null;
  const committed = await store.commitInstanceChange({
    instanceId: id,
    expectedRevision: previous?.revision ?? 0,
    ...(previous ? {} : { create: { definitionId: workflow.id, version: 1, startedBy: actor } }),
    event: {
      at,
      actor,
      role: 'role' in event ? (event.role ?? null) : null,
      type: event.type,
      payload: event,
      prevHash: previous?.lastHash ?? GENESIS_HASH,
    },
    snapshot: r.snapshot,
    ...projectEffects(r.effects, { definition: workflow, snapshot: r.snapshot, at, actor }),
  });
  if (!committed.ok) throw new Error(`commit ${id}: ${committed.reason}`);
  return (await store.getInstance(id))!;
}

/** A database with three instances: i-1 moved on to the nurse (3 events), i-2 and i-3 just started. */
async function prepare(url: string): Promise<void> {
  const store = await openStore({ url });
  await store.saveDraft({
    id: workflow.id,
    title: workflow.title,
    definition: workflow,
    expectedRevision: 0,
    updatedBy: null,
  });
  await store.publish({ definitionId: workflow.id, publishedBy: null });
  for (const id of ['i-1', 'i-2', 'i-3']) {
    const started = await apply(
      store,
      id,
      { type: 'start', actor: 'fd-1', role: 'front-desk', data: { patient: PATIENT, drug: 'lisinopril' } },
      T0,
      null,
    );
    if (id !== 'i-1') continue;
    const token = Object.values(started.snapshot.context.active)[0]!.token;
    const claimed = await apply(
      store,
      id,
      { type: 'reassign', token, assignee: 'fd-1', actor: 'fd-1', role: 'front-desk' },
      '2026-03-02T16:05:00.000Z',
      started,
    );
    await apply(
      store,
      id,
      {
        type: 'complete',
        step: 'intake',
        token,
        outcome: 'ok',
        actor: 'fd-1',
        role: 'front-desk',
        data: { pharmacy: 'Main St' },
      },
      '2026-03-02T16:10:00.000Z',
      claimed,
    );
  }
  await store.close();
}

describe('portalflow verify / replay / serve', () => {
  let dir: string;
  let clean: string;
  let tampered: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portalflow-cli-'));
    clean = `file:${join(dir, 'clean.db')}`;
    tampered = `file:${join(dir, 'tampered.db')}`;
    await prepare(clean);
    await prepare(tampered);
    // Edit history around the append-only triggers, as an attacker with file access could.
    const side = createClient({ url: tampered });
    await side.execute('DROP TRIGGER events_no_update');
    await side.execute({
      sql: `UPDATE events SET payload = replace(payload, '"outcome":"ok"', '"outcome":"ok","note":"edited"')
            WHERE instance_id = 'i-1' AND seq = 3`,
      args: [],
    });
    side.close();
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('verify: intact histories exit 0', () => {
    const r = cli(['verify', '--db', clean]);
    expect(r.err).toBe('');
    expect(r.out).toContain('✓ 3 instances, 5 events');
    expect(r.code).toBe(0);
  });

  it('verify: an edited event exits 1 naming the instance and sequence', () => {
    const r = cli(['verify', '--db', tampered]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('1 of 3 instances have a broken history');
    expect(r.out).toMatch(/instance i-1 event 3: hash-mismatch/);
  });

  it('verify --json, with the database from DATABASE_URL', () => {
    const r = cli(['verify', '--json'], { DATABASE_URL: tampered });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ ok: false, instances: 3, events: 5 });
    expect(report.failures).toEqual([
      expect.objectContaining({ instanceId: 'i-1', seq: 3, fault: 'hash-mismatch' }),
    ]);
  });

  it('verify: a database that does not exist is exit 2, and is not created', () => {
    const missing = `file:${join(dir, 'nope', 'missing.db')}`;
    const r = cli(['verify', '--db', missing]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no database there');
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });

  it('replay: status, active steps with roles, a count of data fields — no data values', () => {
    const r = cli(['replay', 'i-1', '--db', clean]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Request i-1 — Prescription refill, version 1');
    expect(r.out).toContain('Claimed “Check the request” — fd-1 (Front desk)');
    expect(r.out).toContain('At event 3 of 3');
    expect(r.out).toContain('Status: Active');
    expect(r.out).toContain('“Review the refill”: Nurse, in the pool');
    expect(r.out).toContain('Data: 3 fields');
    expect(r.out).toContain('✓ replay matches the stored state');
    expect(r.out).toContain('✓ hash chain verifies (3 events)');
    expect(r.out).not.toContain(PATIENT);
    expect(r.out).not.toContain('lisinopril');
  });

  it('replay --at N shows a past state', () => {
    const r = cli(['replay', 'i-1', '--at', '2', '--db', clean], { PORTALFLOW_TIME_ZONE: 'America/Denver' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('At event 2 of 3 — a past state');
    expect(r.out).toContain('“Check the request”: Front desk, assigned to fd-1, due Mon, Mar 2, 1:00 PM MST');
    expect(r.out).not.toContain('replay matches');
  });

  it('replay --json is machine-readable and includes the data', () => {
    const r = cli(['replay', 'i-1', '--at', '1', '--json', '--db', clean]);
    expect(r.code).toBe(0);
    const state = JSON.parse(r.out);
    expect(state).toMatchObject({
      instanceId: 'i-1',
      at: 1,
      events: 3,
      status: 'active',
      data: { patient: PATIENT, drug: 'lisinopril' },
      matchesStored: null,
      ok: true,
    });
    expect(state.active).toEqual([
      expect.objectContaining({ step: 'intake', role: 'front-desk', assignee: null }),
    ]);
  });

  it('replay of an edited history exits 1 and says where the chain breaks', () => {
    const r = cli(['replay', 'i-1', '--db', tampered]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ hash chain broken at event 3: hash-mismatch/);
  });

  it('replay: usage errors and unknown instances exit 2', () => {
    expect(cli(['replay', '--db', clean]).code).toBe(2);
    const unknown = cli(['replay', 'nope', '--db', clean]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("no request 'nope'");
    const beyond = cli(['replay', 'i-2', '--at', '5', '--db', clean]);
    expect(beyond.code).toBe(2);
    expect(beyond.err).toContain('has 1 event');
    expect(cli(['replay', 'i-2', '--at', 'x', '--db', clean]).code).toBe(2);
  }, 60_000); // four CLI processes: slow on a busy machine

  it('serve: listens, answers /api/health, stops on SIGTERM with exit 0', async () => {
    const child = spawn(process.execPath, [...binArgs, 'serve', '--port', '0', '--db', clean], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
        child.stdout!.setEncoding('utf8');
        child.stdout!.on('data', (chunk: string) => {
          out += chunk;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        void exited.then((code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 40_000);

  it('serve --demo: a weak PORTALFLOW_DEMO_PASSWORD is exit 2 with the reason, and nothing starts', () => {
    const r = cli(['serve', '--demo', '--port', '0', '--db', `file:${join(dir, 'weak-demo.db')}`], {
      PORTALFLOW_DEMO_PASSWORD: 'password1234',
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('PORTALFLOW_DEMO_PASSWORD is too weak');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).not.toContain('listening');
  }, 40_000);

  it('serve: a port in use is exit 2 with a message, not a stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [...binArgs, 'serve', '--port', String(port), '--db', clean], {
          env: { ...process.env, NO_COLOR: '1' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr!.setEncoding('utf8');
        child.stderr!.on('data', (c: string) => (err += c));
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, err });
        });
      });
      expect(r.code).toBe(2);
      expect(r.err).toContain('already in use');
      expect(r.err).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 40_000);

  it('serve: a bad clinic calendar or time zone is exit 2 naming the variable, with the database untouched', () => {
    const fresh = `file:${join(dir, 'never-opened.db')}`;
    const r = cli(['serve', '--port', '0', '--db', fresh], { PORTALFLOW_TIME_ZONE: 'Nowhere/Atlantis' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('PORTALFLOW_TIME_ZONE=Nowhere/Atlantis');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'never-opened.db'))).toBe(false);
  }, 40_000);
});

describe('portalflow checkpoint / verify --checkpoints', () => {
  let dir: string;
  let url: string;
  let checkpoints: string;
  let key: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portalflow-cli-cp-'));
    url = `file:${join(dir, 'signed.db')}`;
    checkpoints = join(dir, 'checkpoints');
    key = join(dir, 'keys', 'checkpoint.pem');
    await prepare(url);
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('signs a checkpoint, generating a 0600 key, and verifies against the pinned public key', () => {
    const made = cli(['checkpoint', '--db', url, '--checkpoints', checkpoints, '--key', key]);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain('checkpoint #1: 3 instances, 5 events');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const r = cli(['verify', '--db', url, '--checkpoints', checkpoints, '--public-key', `${key}.pub`]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 signed checkpoint verify');
    expect(r.out).not.toContain('note:');
  });

  it('a removed tail passes the chain check but not the checkpoint, and --json says why', async () => {
    const side = createClient({ url });
    await side.execute('DROP TRIGGER IF EXISTS events_no_delete');
    await side.execute("DELETE FROM events WHERE instance_id = 'i-1' AND seq = 3");
    await side.execute(
      "UPDATE instances SET revision = 2, last_hash = (SELECT hash FROM events WHERE instance_id = 'i-1' AND seq = 2) WHERE id = 'i-1'",
    );
    side.close();
    expect(cli(['verify', '--db', url]).code).toBe(0);
    const r = cli([
      'verify',
      '--db',
      url,
      '--checkpoints',
      checkpoints,
      '--public-key',
      `${key}.pub`,
      '--json',
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ ok: false, chainsOk: true });
    expect(report.checkpoints.findings.map((f: { fault: string }) => f.fault)).toEqual([
      'truncated',
      'truncated',
    ]);
    const again = cli(['checkpoint', '--db', url, '--checkpoints', checkpoints, '--key', key]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('checkpoint refused');
  });

  it('--public-key without --checkpoints is a usage error', () => {
    expect(cli(['verify', '--db', url, '--public-key', `${key}.pub`]).code).toBe(2);
  });
});

describe('portalflow backup / restore', () => {
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portalflow-cli-backup-'));
    url = `file:${join(dir, 'data', 'portalflow.db')}`;
    await prepare(url);
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The CLI as a separate process, awaited, so this process can keep writing meanwhile. */
  function cliAsync(args: string[]) {
    return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [...binArgs, ...args], {
        env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ code, out, err }));
    });
  }

  it('backs up while another process writes, restores elsewhere, and every chain verifies there', async () => {
    const backup = join(dir, 'backup-1');
    // A process keeps the database open and starts requests until the backup has finished.
    const store = await openStore({ url });
    let written = 0;
    let done = false;
    const writing = (async () => {
      while (!done) {
        await apply(
          store,
          `w-${++written}`,
          { type: 'start', actor: 'fd-1', role: 'front-desk', data: { patient: PATIENT } },
          T0,
          null,
        );
      }
    })();
    const made = await cliAsync(['backup', backup, '--db', url, '--json']);
    done = true;
    await writing;
    await store.close();
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    const manifest = JSON.parse(made.out);
    expect(manifest).toMatchObject({
      ok: true,
      format: 'portalflow-backup/1',
      chains: { ok: true, failures: 0 },
    });
    expect(manifest.instances).toBeGreaterThanOrEqual(3);
    expect(manifest.instances).toBeLessThanOrEqual(3 + written);
    expect(statSync(join(backup, 'backup.json')).mode & 0o777).toBe(0o600);

    const target = `file:${join(dir, 'restored', 'portalflow.db')}`;
    const restored = cli(['restore', backup, '--db', target]);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toContain(`${manifest.instances} instances`);
    expect(restored.out).toContain("every history's chain verifies");
    const checked = cli(['restore', backup, '--check']);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain('checks out');
    const verified = cli(['verify', '--db', target]);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain(`${manifest.instances} instances`);

    // Neither is ever overwritten.
    const again = cli(['restore', backup, '--db', target]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists');
    const into = cli(['backup', backup, '--db', url]);
    expect(into.code).toBe(2);
    expect(into.err).toContain('is not empty');
  }, 60_000);

  it('refuses a damaged backup with exit 1, naming what is wrong, and writes nothing', () => {
    const backup = join(dir, 'backup-2');
    expect(cli(['backup', backup, '--db', url]).code).toBe(0);
    const db = join(backup, 'portalflow.db');
    const bytes = readFileSync(db);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(db, bytes);
    const target = join(dir, 'never', 'portalflow.db');
    const checked = cli(['restore', backup, '--check']);
    expect(checked.code).toBe(1);
    expect(checked.err).toContain('portalflow.db does not match its hash in backup.json');
    const r = cli(['restore', backup, '--db', `file:${target}`, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).error.code).toBe('BACKUP_DAMAGED');
    expect(r.err).toContain('portalflow.db does not match its hash in backup.json');
    expect(existsSync(target)).toBe(false);
  });
});
