import { type FileHandle, open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { BackupSchedule } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import { MANIFEST_FILE } from './manifest.ts';
import { END, entryBytes, padding, tarHeader } from './tar.ts';

interface Entry {
  path: string;
  folder: boolean;
  size: number;
  mtimeMs: number;
  handle: FileHandle | null;
}

/** A finished backup as one file to download: a tar archive of its folder, streamed. */
export interface BackupArchive {
  fileName: string;
  bytes: number;
  body: ReadableStream<Uint8Array>;
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Every file of a finished backup, opened before a byte is sent: a new backup that deletes this one
 * (older than the number kept) while it is downloading removes only the names, and the open files
 * are still read whole. The archive is read from the disk as the download goes, never whole into
 * memory. A folder without its `backup.json` is being taken, or stopped: not a backup to download.
 */
export async function openBackupArchive(schedule: BackupSchedule, name: string): Promise<BackupArchive> {
  const dir = join(schedule.dir, name);
  const entries: Entry[] = [];
  const closeAll = () => Promise.all(entries.map((e) => e.handle?.close().catch(() => undefined)));
  try {
    const manifest = await open(join(dir, MANIFEST_FILE)).catch(async (error) => {
      if (!missing(error)) throw error;
      const folder = await readdir(dir).then(
        () => true,
        () => false,
      );
      throw folder
        ? ApiError.of('BACKUP_NOT_FINISHED')
        : ApiError.of(
            'BACKUP_NOT_FOUND',
            `The backup ${name} is not on the server: older backups are deleted as new ones are kept`,
          );
    });
    entries.push({
      path: name,
      folder: true,
      size: 0,
      mtimeMs: (await manifest.stat()).mtimeMs,
      handle: null,
    });
    entries.push({ path: `${name}/${MANIFEST_FILE}`, folder: false, size: 0, mtimeMs: 0, handle: manifest });
    const found = await readdir(dir, { recursive: true, withFileTypes: true });
    for (const item of found.sort((a, b) =>
      join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)),
    )) {
      const path = join(item.parentPath, item.name);
      const inArchive = `${name}/${relative(dir, path).split(sep).join('/')}`;
      if (item.isDirectory())
        entries.push({ path: `${inArchive}/`, folder: true, size: 0, mtimeMs: 0, handle: null });
      else if (item.isFile() && inArchive !== `${name}/${MANIFEST_FILE}`)
        entries.push({ path: inArchive, folder: false, size: 0, mtimeMs: 0, handle: await open(path) });
    }
    for (const entry of entries) {
      if (!entry.handle) continue;
      const stat = await entry.handle.stat();
      entry.size = stat.size;
      entry.mtimeMs = stat.mtimeMs;
    }
  } catch (error) {
    await closeAll();
    if (missing(error))
      throw ApiError.of(
        'BACKUP_NOT_FOUND',
        `The backup ${name} was deleted as this download began: download a newer one`,
      );
    throw error;
  }
  for (const entry of entries) if (entry.folder && entry.mtimeMs === 0) entry.mtimeMs = entries[0]!.mtimeMs;

  const chunks = archiveChunks(entries, closeAll);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
      await closeAll();
    },
  });
  return {
    fileName: `portalflow-backup-${name}.tar`,
    bytes: entries.reduce((total, e) => total + entryBytes(e.folder ? 0 : e.size), END.length),
    body,
  };
}

/** The archive's bytes in order; a file that reads shorter than it was ends the download broken, not short. */
async function* archiveChunks(
  entries: Entry[],
  closeAll: () => Promise<unknown>,
): AsyncGenerator<Uint8Array> {
  try {
    for (const entry of entries) {
      yield tarHeader(entry);
      if (!entry.handle) continue;
      let read = 0;
      for await (const chunk of entry.handle.createReadStream({ start: 0, autoClose: false })) {
        read += (chunk as Buffer).length;
        if (read > entry.size) throw new Error(`backup file ${entry.path} grew while it was downloaded`);
        yield chunk as Buffer;
      }
      if (read !== entry.size) throw new Error(`backup file ${entry.path} shrank while it was downloaded`);
      yield padding(entry.size);
    }
    yield END;
  } finally {
    await closeAll();
  }
}
