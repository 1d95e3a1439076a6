/**
 * Why a backup failed, said safely enough to email: the error's code and a fixed sentence for it. The
 * error's message is never used — it can name an attached file or a path under the clinic's data.
 */
export interface BackupFailureReason {
  code: string;
  reason: string;
}

const REASONS: Record<string, string> = {
  BACKUP_UNREADABLE: 'the database file could not be read',
  BACKUP_SOURCE_NOT_FILE: 'the database is not a file this server can back up',
  BACKUP_TARGET_NOT_EMPTY: 'the day’s backup directory was not empty',
  ENOSPC: 'the disk of the backups directory is full',
  EDQUOT: 'the disk quota of the backups directory is used up',
  EACCES: 'the server may not write to the backups directory',
  EPERM: 'the server may not write to the backups directory',
  EROFS: 'the backups directory is on a read-only disk',
  EEXIST: 'the backups directory, or one above it, is not a directory',
  ENOTDIR: 'the backups directory, or one above it, is not a directory',
  ENOENT: 'a file or directory the backup needed was not there',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'the server had too many files open',
};

/** Codes are short upper-case words (`ENOSPC`, `SQLITE_FULL`); anything else is not passed on. */
const CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

export function backupFailureReason(error: unknown): BackupFailureReason {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CODE.test(code))
    return { code, reason: REASONS[code] ?? 'an error the server did not expect; its log says more' };
  return { code: 'UNKNOWN', reason: 'an error the server did not expect; its log says more' };
}
