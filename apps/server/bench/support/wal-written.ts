// What a piece of work wrote to the WAL: frames (pages) and commits. A deterministic figure beside the
// rates, which on a shared machine move by a third from one minute to the next.
import { readFileSync } from 'node:fs';
import { createClient } from '@libsql/client';
import { walLayout } from '../../campaigns/support/wal.ts';

export interface WalWritten {
  pages: number;
  commits: number;
  /** Frames per table or index (SQLite's `dbstat` names), most first: where the pages went. */
  byTree: Array<{ name: string; frames: number }>;
  /** SQLite restarted the WAL during the work after all: the figures are not counted (zero). */
  restarted: boolean;
}

/**
 * Runs `work` while another connection holds a read transaction open, so that SQLite cannot restart
 * the WAL meanwhile (checkpoints may copy from it, never rewind it): the committed frames it appended
 * are then the difference between the WAL's committed ends before and after. A reader only holds the
 * WAL if it started while the WAL had frames not yet copied back (else it reads the database file and
 * the WAL may restart under it, which once gave -3.4 pages per completion): a row is written just
 * before, and a restart seen anyway (the header's salts changed) is reported, not counted.
 */
export async function walWritten(url: string, work: () => Promise<void>): Promise<WalWritten> {
  const path = url.replace(/^file:/, '');
  const reader = createClient({ url });
  await reader.execute('CREATE TABLE IF NOT EXISTS bench_wal_pin (n INTEGER)');
  await reader.execute('INSERT INTO bench_wal_pin VALUES (1)');
  const pin = await reader.transaction('read');
  let before: ReturnType<typeof walLayout>;
  let after: ReturnType<typeof walLayout>;
  let wal: Buffer;
  try {
    await pin.execute('SELECT count(*) FROM bench_wal_pin');
    before = walLayout(readFileSync(`${path}-wal`));
    await work();
    wal = readFileSync(`${path}-wal`);
    after = walLayout(wal);
  } finally {
    pin.close();
    reader.close();
  }
  if (after.salt !== before.salt) return { pages: 0, commits: 0, byTree: [], restarted: true };
  return {
    pages: (after.committedEnd - before.committedEnd) / after.frameSize,
    commits: after.commits - before.commits,
    byTree: await framesByTree(url, wal, before.committedEnd, after.committedEnd, after.frameSize),
    restarted: false,
  };
}

/** Each appended frame's page number (its header's first field), named by the tree that now owns it. */
async function framesByTree(url: string, wal: Buffer, from: number, to: number, frameSize: number) {
  const owner = new Map<number, string>();
  const client = createClient({ url });
  try {
    for (const row of (await client.execute('SELECT name, pageno FROM dbstat')).rows)
      owner.set(Number(row.pageno), String(row.name));
  } finally {
    client.close();
  }
  const frames = new Map<string, number>();
  for (let at = from; at < to; at += frameSize) {
    const name = owner.get(wal.readUInt32BE(at)) ?? '(free)';
    frames.set(name, (frames.get(name) ?? 0) + 1);
  }
  return [...frames].map(([name, n]) => ({ name, frames: n })).sort((a, b) => b.frames - a.frames);
}
