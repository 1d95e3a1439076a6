import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory for a real database file; `remove()` deletes it with its WAL files. */
export async function tempDir(
  prefix = 'portalflow-store-',
): Promise<{ dir: string; url: (name?: string) => string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return {
    dir,
    url: (name = 'portalflow.db') => `file:${join(dir, name)}`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
