import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Files kept outside the database, each named by the SHA-256 of its bytes: immutable once written,
 * the same bytes stored once, large bytes kept out of the WAL, backups of the database and the change
 * feed. Help videos and request attachments each have their own directory.
 */

const SHA256 = /^[0-9a-f]{64}$/;
export const isSha256 = (s: string) => SHA256.test(s);

export const contentPath = (dir: string, sha256: string) => join(dir, sha256);

/**
 * Writes the bytes under their hash (temporary file, then rename, so a reader never sees half a
 * file). Returns whether the file is new, so a refused write can take it back.
 */
export async function storeBytes(
  dir: string,
  bytes: Uint8Array,
): Promise<{ sha256: string; created: boolean }> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = contentPath(dir, sha256);
  if (existsSync(path)) return { sha256, created: false };
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.upload-${randomUUID()}`);
  await writeFile(temp, bytes);
  await rename(temp, path);
  return { sha256, created: true };
}

export async function removeBytes(dir: string, sha256: string): Promise<void> {
  if (isSha256(sha256)) await rm(contentPath(dir, sha256), { force: true });
}
