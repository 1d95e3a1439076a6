import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/index.ts';
import { tempDir } from './support/temp-db.ts';
import { publish, startChange } from './support/workflow.ts';
import { writerChildArgs } from './support/writer-child-args.ts';

// How commits reach the disk: what the store writes, where, and when the file is left alone.
let tmp: Awaited<ReturnType<typeof tempDir>>;
let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
  await tmp.remove();
});

/** Whether `text` is in the database file itself (not only in its WAL). */
const inMainFile = (dir: string, text: string) =>
  readFileSync(join(dir, 'portalflow.db')).includes(Buffer.from(text));

describe('writing to the file', () => {
  it('copies commits from the WAL into the database file in the background', async () => {
    tmp = await tempDir();
    store = await openStore({ url: tmp.url() });
    await publish(store);
    // A few small commits: far below the 1,000 pages at which SQLite would checkpoint on its own.
    for (const id of ['wal-copy-1', 'wal-copy-2', 'wal-copy-3'])
      expect((await store.commitInstanceChange(startChange(id))).ok).toBe(true);
    const deadline = Date.now() + 3000;
    while (!inMainFile(tmp.dir, 'wal-copy-3') && Date.now() < deadline) await sleep(25);
    expect(inMainFile(tmp.dir, 'wal-copy-3')).toBe(true);
    expect((await store.getInstance('wal-copy-3'))?.revision).toBe(1);
  });

  it('is done with the file when close() resolves: its files removed at once stay removed', async () => {
    tmp = await tempDir();
    const opened = await openStore({ url: tmp.url() });
    await publish(opened);
    // The last commit starts the checkpointer just before the close.
    await Promise.all(
      Array.from({ length: 20 }, (_, n) => opened.commitInstanceChange(startChange(`closing-${n}`))),
    );
    await opened.close();
    // The files go, the directory stays: a connection still open anywhere would write them again.
    const files = () => readdirSync(tmp.dir).filter((name) => name.startsWith('portalflow.db'));
    for (const name of files()) rmSync(join(tmp.dir, name));
    await sleep(300);
    expect(files()).toEqual([]);
  });

  it('lets a process end on its own after close(): exit code 0, its commit kept', async () => {
    tmp = await tempDir();
    const setup = await openStore({ url: tmp.url() });
    await publish(setup);
    await setup.close();
    // `support/writer-child.ts` commits what stdin asks for, then closes its store when stdin ends.
    const child = spawnSync(process.execPath, writerChildArgs(tmp.url()), {
      input: 'commit ended-1\n',
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stdout).toContain('OK ended-1');
    // 13 is Node's "unsettled top-level await": the event loop ran dry while close() was still waiting.
    expect(child.status).toBe(0);
    store = await openStore({ url: tmp.url() });
    expect((await store.getInstance('ended-1'))?.revision).toBe(1);
  });

  it("reads an instance's tasks by its ids' range, apart from an instance whose id extends it", async () => {
    tmp = await tempDir();
    store = await openStore({ url: tmp.url() });
    await publish(store);
    for (const id of ['case', 'case:2', 'case;', 'cas'])
      expect((await store.commitInstanceChange(startChange(id))).ok).toBe(true);
    for (const id of ['case', 'case:2', 'case;', 'cas']) {
      const tasks = await store.listInstanceTasks(id);
      expect(tasks.length).toBeGreaterThan(0);
      expect(tasks.every((t) => t.instanceId === id)).toBe(true);
    }
  });
});
