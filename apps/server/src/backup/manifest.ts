import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The name of the backup's format; a restore refuses any other. */
export const BACKUP_FORMAT = 'portalflow-backup/1';
/** The manifest, written last: a directory without it is not a finished backup. */
export const MANIFEST_FILE = 'backup.json';
export const DATABASE_FILE = 'portalflow.db';
export const ATTACHMENTS_DIR = 'attachments';
export const MEDIA_DIR = 'media';

/** What a backup holds, with the hashes a restore checks before it writes anything. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  schemaVersion: number;
  database: { file: typeof DATABASE_FILE; bytes: number; sha256: string };
  instances: number;
  events: number;
  /** Every instance's hash chain, checked on the copy. */
  chains: { ok: boolean; failures: number };
  /**
   * Files on requests. `missing`: named by the copy but gone when they were copied (removed by
   * someone just after the copy was taken, or lost); `damaged`: whose bytes no longer match their name.
   */
  attachments: { files: number; bytes: number; missing: string[]; damaged: string[] };
  /** Help videos (not patient information): every one in the media directory. */
  media: { files: number; bytes: number };
}

export type BackupErrorCode =
  | 'BACKUP_SOURCE_NOT_FILE'
  | 'BACKUP_TARGET_NOT_EMPTY'
  | 'BACKUP_UNREADABLE'
  | 'BACKUP_DAMAGED'
  | 'BACKUP_NEWER_SCHEMA'
  | 'RESTORE_TARGET_EXISTS';

/** Why a backup or restore did not happen; nothing was changed where it would have written. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    /** Each problem found, for `BACKUP_DAMAGED`. */
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/** The SHA-256 of a file, streamed (videos and scans need not fit in memory twice). */
export async function fileSha256(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
