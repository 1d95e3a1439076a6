import type { Stats } from 'node:fs';
import { chmod, mkdir, open, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The live database (with its -wal and -shm) and the attached files are patient data: readable by the
 * server's own account only, as backups are (directories 700, files 600), whatever the umask. SQLite
 * gives a new -wal and -shm the database file's own mode, so a database made 600 keeps them 600.
 */

/** Group and other permission bits. */
const OTHERS = 0o077;
const STICKY = 0o1000;
export const OWNER_ONLY_DIR = 0o700;
export const OWNER_ONLY_FILE = 0o600;

/** Makes a directory (and any missing parent) that only the server's account can open. */
export async function makeOwnerOnlyDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR });
}

/** Ours to change: owned by this account. Modes mean nothing where there are no user ids. */
const ours = (info: Stats) => {
  const uid = process.getuid?.();
  return uid !== undefined && info.uid === uid;
};

/**
 * Takes the group and other bits off a path: true when it had any. A directory shared by design (the
 * sticky bit, as /tmp has) or another account's path is left alone.
 */
async function tighten(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (!info || (info.mode & OTHERS) === 0 || !ours(info)) return false;
  if (info.isDirectory() && (info.mode & STICKY) !== 0) return false;
  await chmod(path, info.mode & 0o700);
  return true;
}

/** What a start had to tighten: an earlier version left these readable by other users. */
export interface Tightened {
  directories: number;
  databaseFiles: number;
  attachedFiles: number;
}

/**
 * At start, before the database opens: its directory made 700 if missing, a new database file made
 * 600 before SQLite creates it, and whatever is there already (the directory, the database, -wal,
 * -shm, the attachments directory and each file in it) tightened to the server's account.
 */
export async function keepDataOwnerOnly(input: {
  /** The database file, or null for a libSQL server (nothing of it on this disk). */
  databaseFile: string | null;
  attachmentsDir: string;
}): Promise<Tightened> {
  const tightened: Tightened = { directories: 0, databaseFiles: 0, attachedFiles: 0 };
  const { databaseFile } = input;
  if (databaseFile !== null) {
    const dir = dirname(databaseFile);
    await makeOwnerOnlyDir(dir);
    if (await tighten(dir)) tightened.directories++;
    // Made here so that SQLite opens an empty file of this mode (another process may have made it).
    await open(databaseFile, 'wx', OWNER_ONLY_FILE).then(
      (handle) => handle.close(),
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
    for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`])
      if (await tighten(file)) tightened.databaseFiles++;
  }
  if (await tighten(input.attachmentsDir)) tightened.directories++;
  const names = await readdir(input.attachmentsDir).catch(() => [] as string[]);
  for (const name of names) if (await tighten(join(input.attachmentsDir, name))) tightened.attachedFiles++;
  return tightened;
}
