import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isSha256 } from '../files/content-addressed.ts';
import { fileSha256 } from './manifest.ts';

/** Flushes a file (or a directory's entries) to the disk. */
export async function syncPath(path: string, flags = 'r'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Copies content-addressed files from one directory to another, each checked against its name after
 * it is written, then flushed. A name already in the target is left (same name, same bytes). Answers
 * what was copied, which names were missing at the source and which did not match their bytes (those
 * are not kept in the target).
 */
export async function copyNamedFiles(from: string, to: string, names: readonly string[]) {
  await mkdir(to, { recursive: true, mode: 0o700 });
  const result = { files: 0, bytes: 0, missing: [] as string[], damaged: [] as string[] };
  const present = new Set(await readdir(to));
  for (const name of names) {
    if (!isSha256(name)) continue;
    if (present.has(name)) {
      result.files++;
      continue;
    }
    // Written under a temporary name and renamed once checked: a stopped copy leaves no wrong file.
    const temp = join(to, `.copying-${name}`);
    try {
      await copyFile(join(from, name), temp, constants.COPYFILE_FICLONE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        result.missing.push(name);
        continue;
      }
      throw error;
    }
    const copied = await fileSha256(temp);
    if (copied.sha256 !== name) {
      result.damaged.push(name);
      await rm(temp, { force: true });
      continue;
    }
    // Patient information: readable by the server's account only, whatever the source's mode was.
    await chmod(temp, 0o600);
    await syncPath(temp);
    await rename(temp, join(to, name));
    result.files++;
    result.bytes += copied.bytes;
  }
  await syncPath(to);
  return result;
}

/** The content-addressed names in a directory (none if it does not exist). */
export async function namesIn(dir: string | undefined): Promise<string[]> {
  if (!dir) return [];
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter(isSha256).sort();
}
