import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeOwnerOnlyDir, OWNER_ONLY_FILE } from './owner-only.ts';

/**
 * Files kept outside the database, each named by the SHA-256 of its bytes: immutable once written,
 * the same bytes stored once, large bytes kept out of the WAL, backups of the database and the change
 * feed. Help videos and request attachments each have their own directory.
 */

const SHA256 = /^[0-9a-f]{64}$/;
/** A file moved aside by `releaseBytes` while it asks whether the bytes are still named. */
const ASIDE = '.removing-';
/** Older than this, a file moved aside belongs to a removal that stopped (the process ended). */
const STOPPED_AFTER_MS = 60_000;
export const isSha256 = (s: string) => SHA256.test(s);

export const contentPath = (dir: string, sha256: string) => join(dir, sha256);

/**
 * Writes the bytes under their hash (temporary file, then rename, so a reader never sees half a
 * file). Returns whether the file is new, so a refused write can take it back.
 */
export async function storeBytes(
  dir: string,
  bytes: Uint8Array,
  options: { ownerOnly?: boolean } = {},
): Promise<{ sha256: string; created: boolean }> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = contentPath(dir, sha256);
  if (existsSync(path)) return { sha256, created: false };
  // Patient data (attached files) is for the server's account only; help videos are for anyone.
  if (options.ownerOnly) await makeOwnerOnlyDir(dir);
  else await mkdir(dir, { recursive: true });
  const temp = join(dir, `.upload-${randomUUID()}`);
  await writeFile(temp, bytes, options.ownerOnly ? { mode: OWNER_ONLY_FILE } : {});
  await rename(temp, path);
  return { sha256, created: true };
}

export async function removeBytes(dir: string, sha256: string): Promise<void> {
  if (isSha256(sha256)) await rm(contentPath(dir, sha256), { force: true });
}

/**
 * Deletes the bytes unless something still names them, without losing them to a writer that starts
 * naming them meanwhile. When nothing names them, the file is moved aside and `inUse` asked again: a
 * writer whose row was written before that question gets the file moved back; one whose row comes
 * after it finds the file missing when it writes the bytes again after its row (`storeBytes` once
 * more), and writes them. Asking and then deleting would let a row written between the two name
 * deleted bytes. The first question keeps shared bytes in place for readers of the other rows.
 */
export async function releaseBytes(
  dir: string,
  sha256: string,
  inUse: (sha256: string) => Promise<boolean>,
): Promise<void> {
  if (!isSha256(sha256) || (await inUse(sha256))) return;
  const path = contentPath(dir, sha256);
  const aside = join(dir, `${ASIDE}${randomUUID()}`);
  try {
    await rename(path, aside);
  } catch (error) {
    // Already gone (another removal has it): that one decides.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (await inUse(sha256)) {
      // Same bytes either way: a rewrite that came meanwhile is replaced by an identical file.
      await putBack(aside, path);
      return;
    }
  } catch (error) {
    await putBack(aside, path);
    throw error;
  }
  await rm(aside, { force: true });
}

/** Moves a file set aside back; `settleAside` may have done it already. */
async function putBack(aside: string, path: string): Promise<void> {
  await rename(aside, path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/**
 * Finishes removals a stopped process left half done (at start-up): bytes still named go back under
 * their hash, the others are deleted. Only files set aside over a minute ago, so a removal under way
 * in another process on the same directory is left to finish. Answers how many were put back.
 */
export async function settleAside(
  dir: string,
  inUse: (sha256: string) => Promise<boolean>,
  now = Date.now(),
): Promise<{ restored: number; deleted: number }> {
  const settled = { restored: 0, deleted: 0 };
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(ASIDE))) {
    const aside = join(dir, name);
    const info = await stat(aside).catch(() => null);
    // Renaming sets the change time: it says when the file was set aside.
    if (!info || now - info.ctimeMs < STOPPED_AFTER_MS) continue;
    const sha256 = createHash('sha256')
      .update(await readFile(aside))
      .digest('hex');
    if ((await inUse(sha256)) && !existsSync(contentPath(dir, sha256))) {
      await putBack(aside, contentPath(dir, sha256));
      settled.restored++;
    } else {
      await rm(aside, { force: true });
      settled.deleted++;
    }
  }
  return settled;
}
