import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Unix socket paths are limited to about 108 bytes; stay well under. */
const MAX_SOCKET_PATH = 100;

/**
 * Where the writer of database file `dbPath` listens, or null when no safe place exists (then every
 * process writes for itself). The socket accepts SQL, so only the account that owns the database may
 * reach it: it lives in a directory of that account's with no access for anyone else — beside the
 * database (`.portalflow-writer/`), or under the temp directory when that path would be too long.
 */
export function writerSocketPath(dbPath: string): string | null {
  const real = realpathSync(dbPath);
  const besideDb = join(dirname(real), '.portalflow-writer');
  const name = `${basename(real)}.sock`;
  if (join(besideDb, name).length <= MAX_SOCKET_PATH)
    return privateDir(besideDb) ? join(besideDb, name) : null;
  const uid = process.getuid?.() ?? 0;
  const shared = join(tmpdir(), `portalflow-writer-${uid}`);
  const hashed = `${createHash('sha256').update(real).digest('hex').slice(0, 24)}.sock`;
  return privateDir(shared) ? join(shared, hashed) : null;
}

/** Makes `dir` (mode 0700) if missing; true only if it is a real directory of ours that nobody else may enter. */
function privateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
  }
  try {
    const stat = lstatSync(dir);
    const uid = process.getuid?.();
    return stat.isDirectory() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o077) === 0;
  } catch {
    return false;
  }
}
