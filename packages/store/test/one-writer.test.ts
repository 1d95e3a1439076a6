import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/index.ts';
import { tempDir } from './support/temp-db.ts';
import { at, mustGet, nextChange, publish, startChange, startInstance } from './support/workflow.ts';
import { writerChildArgs } from './support/writer-child-args.ts';

/**
 * One writer per file: the first store to open a file commits for the stores (processes) that open
 * it after, which forward their commit batches to it; when it stops, another takes over, and a store
 * that reaches no writer commits for itself. Every change stays one conditional unit throughout.
 */

const open: Store[] = [];
const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const store of open.splice(0).reverse()) await store.close().catch(() => {});
  for (const clean of cleanups.splice(0)) await clean();
});

async function fileDb() {
  const tmp = await tempDir('portalflow-one-writer-');
  cleanups.push(tmp.remove);
  return tmp;
}

async function storeOn(url: string, options: { oneWriter?: boolean } = {}): Promise<Store> {
  const store = await openStore({ url, ...options });
  open.push(store);
  return store;
}

const writes = async (store: Store) => (await store.health()).writes;

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A real second process holding the file open (`support/writer-child.ts`). */
function childStore(
  url: string,
): Promise<{ child: ChildProcess; writes: string; commit(id: string): Promise<string> }> {
  const child = spawn(process.execPath, writerChildArgs(url), {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  const next = (match: (line: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`child: no line after 15 s; saw ${lines.join(' | ')}`)),
        15_000,
      );
      const look = () => {
        const found = lines.find(match);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(look);
      };
      look();
    });
  return next((l) => l.startsWith('READY ')).then((ready) => ({
    child,
    writes: ready.slice('READY '.length),
    commit: (id: string) => {
      child.stdin!.write(`commit ${id}\n`);
      return next((l) => l.endsWith(` ${id}`) || l.includes(` ${id} `));
    },
  }));
}

describe('one writer per file', () => {
  it('makes the first store the writer; the next forwards its commits to it', async () => {
    const db = await fileDb();
    const first = await storeOn(db.url());
    await publish(first);
    const second = await storeOn(db.url());
    expect(await writes(first)).toBe('writer');
    expect(await writes(second)).toBe('forwarding');
    const started = await startInstance(second, 'via-forward');
    expect((await mustGet(first, 'via-forward')).revision).toBe(started.revision);
    const report = await first.verifyAll();
    expect(report.ok).toBe(true);
  });

  it('lets exactly one of a burst of conflicting changes through both stores win', async () => {
    const db = await fileDb();
    const writer = await storeOn(db.url());
    await publish(writer);
    const follower = await storeOn(db.url());
    expect(await writes(follower)).toBe('forwarding');
    const instance = await startInstance(writer, 'contested');
    const token = Object.values(instance.snapshot.context.active)[0]!.token;
    const changes = Array.from({ length: 40 }, (_, k) =>
      nextChange(instance, { type: 'reassign', token, assignee: `nurse-${k}`, actor: 'frontdesk-1' }, at(1)),
    );
    const results = await Promise.all(
      changes.map((change, k) => (k % 2 === 0 ? writer : follower).commitInstanceChange(change)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await mustGet(follower, 'contested')).revision).toBe(instance.revision + 1);
    expect((await follower.verifyAll()).ok).toBe(true);
  });

  it('hands the writing to the next store when the writer closes', async () => {
    const db = await fileDb();
    const first = await openStore({ url: db.url() });
    await publish(first);
    const second = await storeOn(db.url());
    const third = await storeOn(db.url());
    await startInstance(second, 'before-close');
    await first.close();
    await until(async () => (await writes(second)) === 'writer' || (await writes(third)) === 'writer');
    await until(async () => (await writes(second)) !== 'alone' && (await writes(third)) !== 'alone');
    expect([await writes(second), await writes(third)].sort()).toEqual(['forwarding', 'writer']);
    await startInstance(second, 'after-close-2');
    await startInstance(third, 'after-close-3');
    expect((await second.verifyAll()).ok).toBe(true);
  });

  it('answers every commit forwarded while the writer closes: none is lost or left unknown', async () => {
    const db = await fileDb();
    const first = await openStore({ url: db.url() });
    await publish(first);
    const follower = await storeOn(db.url());
    expect(await writes(follower)).toBe('forwarding');
    const burst = Array.from({ length: 60 }, (_, k) =>
      follower.commitInstanceChange(startChange(`during-${k}`)),
    );
    const closing = first.close();
    const results = await Promise.all(burst);
    await closing;
    expect(results.every((r) => r.ok)).toBe(true);
    for (let k = 0; k < 60; k++) await mustGet(follower, `during-${k}`);
    await until(async () => (await writes(follower)) === 'writer');
    expect((await follower.verifyAll()).ok).toBe(true);
  });

  it('survives kill -9 of the writer process: the other store takes over and nothing acknowledged is lost', async () => {
    const db = await fileDb();
    const setup = await storeOn(db.url(), { oneWriter: false });
    await publish(setup);
    await setup.close();
    open.splice(open.indexOf(setup), 1);

    const writerProcess = await childStore(db.url());
    expect(writerProcess.writes).toBe('writer');
    const follower = await storeOn(db.url());
    expect(await writes(follower)).toBe('forwarding');
    // Acknowledged through the writer process, from both sides.
    expect(await writerProcess.commit('from-child')).toBe('OK from-child');
    await startInstance(follower, 'forwarded-1');

    writerProcess.child.kill('SIGKILL');
    await new Promise((r) => writerProcess.child.once('exit', r));
    await until(async () => (await writes(follower)) === 'writer');
    await startInstance(follower, 'after-kill');
    for (const id of ['from-child', 'forwarded-1', 'after-kill']) await mustGet(follower, id);
    expect((await follower.verifyAll()).ok).toBe(true);
    // A store opened now forwards to the new writer.
    const late = await storeOn(db.url());
    expect(await writes(late)).toBe('forwarding');
  });

  it('commits for itself when the socket directory is open to others', async () => {
    const db = await fileDb();
    const dir = join(db.dir, '.portalflow-writer');
    await mkdir(dir);
    await chmod(dir, 0o755);
    const first = await storeOn(db.url());
    await publish(first);
    const second = await storeOn(db.url());
    expect(await writes(first)).toBe('alone');
    expect(await writes(second)).toBe('alone');
    await startInstance(second, 'alone-1');
    await first.commitInstanceChange(startChange('alone-2'));
    expect((await first.verifyAll()).ok).toBe(true);
  });
});

describe("the writer's socket", () => {
  it('runs nothing but commit batches, and survives garbage', async () => {
    const db = await fileDb();
    const writer = await storeOn(db.url());
    await publish(writer);
    const { connect } = await import('node:net');
    const { serialize, deserialize } = await import('node:v8');
    const path = join(db.dir, '.portalflow-writer', 'portalflow.db.sock');
    const frame = (m: unknown) => {
      const body = serialize(m);
      const head = Buffer.alloc(4);
      head.writeUInt32BE(body.length, 0);
      return Buffer.concat([head, body]);
    };
    const ask = (bytes: Buffer) =>
      new Promise<unknown>((resolve) => {
        const socket = connect(path, () => socket.write(bytes));
        let got = Buffer.alloc(0);
        socket.on('data', (d: Buffer) => {
          got = Buffer.concat([got, d]);
          if (got.length >= 4 && got.length >= 4 + got.readUInt32BE(0)) {
            socket.destroy();
            resolve(deserialize(got.subarray(4, 4 + got.readUInt32BE(0))));
          }
        });
        socket.on('close', () => resolve(null));
      });
    // A schema change sent as an `exec` is refused unrun.
    const refused = (await ask(frame({ id: 1, op: 'exec', sql: 'DROP TABLE events' }))) as {
      error?: { notRun?: boolean };
    };
    expect(refused?.error?.notRun).toBe(true);
    // Bytes that are no frame of ours end that connection only.
    expect(await ask(Buffer.from([0, 0, 0, 3, 0xff, 0xfe, 0xfd]))).toBeNull();
    // The writer still commits, and the table is still there.
    await startInstance(writer, 'after-garbage');
    expect((await writer.verifyAll()).ok).toBe(true);
    expect(await writes(writer)).toBe('writer');
  });
});
