// What a piece of work wrote to the WAL: frames (pages) and commits. A deterministic figure beside the
// rates, which on a shared machine move by a third from one minute to the next.
import { readFileSync } from 'node:fs';
import { createClient } from '@libsql/client';
import { walLayout } from '../../campaigns/support/wal.ts';

export interface WalWritten {
  pages: number;
  commits: number;
}

/**
 * Runs `work` while another connection holds a read transaction open, so that SQLite cannot restart
 * the WAL meanwhile (checkpoints may copy from it, never rewind it): the committed frames it appended
 * are then the difference between the WAL's committed ends before and after.
 */
export async function walWritten(url: string, work: () => Promise<void>): Promise<WalWritten> {
  const path = url.replace(/^file:/, '');
  const reader = createClient({ url });
  const pin = await reader.transaction('read');
  try {
    await pin.execute('SELECT count(*) FROM events');
    const before = walLayout(readFileSync(`${path}-wal`));
    await work();
    const after = walLayout(readFileSync(`${path}-wal`));
    return {
      pages: (after.committedEnd - before.committedEnd) / after.frameSize,
      commits: after.commits - before.commits,
    };
  } finally {
    pin.close();
    reader.close();
  }
}
