import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { ChainReport } from './chain.ts';
import { auditApi } from './libsql/audit.ts';
import type { Db } from './libsql/db.ts';
import { NativeClient } from './libsql/native-client.ts';

const BUSY_TIMEOUT_MS = 5000;

/**
 * A consistent copy of a database file, taken while servers keep writing to it: `VACUUM INTO` on a
 * read-only connection reads one snapshot of the file (its WAL included) and writes it compacted to
 * `target`, which must not exist. Writers are not blocked, nor is the calling thread. The copy is
 * flushed to disk before this returns, so a backup that says it is done is on the disk.
 */
export async function snapshotDatabase(source: string, target: string): Promise<void> {
  // On its own thread (`snapshot-thread.mjs`): the server keeps answering while SQLite copies.
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL('./snapshot-thread.mjs', import.meta.url), {
      workerData: { source, target, timeout: BUSY_TIMEOUT_MS },
    });
    worker.once('message', (reply: { ok?: true; error?: string }) =>
      reply.ok ? resolve() : reject(new Error(`${source}: cannot copy (${reply.error})`)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the copy stopped (exit ${code})`)));
  });
  const file = await open(target, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/** What a backup needs to know of a snapshot, read without changing it. */
export interface SnapshotFacts {
  schemaVersion: number;
  instances: number;
  events: number;
  /** The SHA-256 of every attached file still on a request (removed ones' bytes are deleted). */
  attachments: string[];
  /** Every instance's hash chain, checked. */
  chains: ChainReport;
}

/** Reads a database file read-only (a snapshot, or a restored copy): counts, files it names, chains. */
export async function readSnapshot(file: string): Promise<SnapshotFacts> {
  const client = new NativeClient(file, { timeout: BUSY_TIMEOUT_MS, readonly: true });
  try {
    const one = async (sql: string) => Number((await client.execute(sql)).rows[0]?.[0] ?? 0);
    const attached = await client.execute(
      `SELECT DISTINCT a.sha256 FROM request_attachments a
        WHERE NOT EXISTS (SELECT 1 FROM request_attachment_removals r WHERE r.attachment_id = a.id)
        ORDER BY a.sha256`,
    );
    // Verifying only reads: it needs the client, never the commit queue.
    const db = { client, now: () => new Date(0).toISOString() } as unknown as Db;
    return {
      schemaVersion: await one('SELECT max(version) FROM schema_migrations'),
      instances: await one('SELECT count(*) FROM instances'),
      events: await one('SELECT count(*) FROM events'),
      attachments: attached.rows.map((row) => String(row[0])),
      chains: await auditApi(db).verifyAll(),
    };
  } finally {
    client.close();
  }
}
