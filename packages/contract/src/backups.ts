import { z } from 'zod';
import { Timestamp } from './common.ts';
import { errors, json, route } from './route.ts';

/** A backup's directory name: the clinic's date, and `-HHMM-manual` for one taken by hand. */
export const BACKUP_NAME = /^\d{4}-\d{2}-\d{2}(?:-\d{4}-manual)?$/;

/** One backup in the backups directory, as its manifest says (or that it failed or never finished). */
export const BackupSummary = z.object({
  /** The directory's name: the day (clinic time), `…-HHMM-manual` for one taken by hand. */
  name: z.string(),
  status: z.enum(['whole', 'not-whole', 'failed', 'unfinished']),
  /** When the copy was taken (from its manifest); null when it has none. */
  createdAt: Timestamp.nullable(),
  instances: z.number().int().nullable(),
  events: z.number().int().nullable(),
  files: z.number().int().nullable(),
  /** The database and the attached files, in bytes. */
  bytes: z.number().int().nullable(),
  /** What made it not whole: files named but missing or damaged, broken chains. */
  problems: z.array(z.string()),
});
export type BackupSummary = z.infer<typeof BackupSummary>;

export const BackupList = z.object({
  /** Null when nightly backups are off (`PORTALFLOW_BACKUP_DIR` unset). */
  schedule: z.object({ dir: z.string(), time: z.string(), keep: z.number().int() }).nullable(),
  /** Newest first. */
  backups: z.array(BackupSummary),
});
export type BackupList = z.infer<typeof BackupList>;

const tags = ['backups'];
const adminOnly = {
  401: 'Not signed in (UNAUTHENTICATED)',
  403: 'Not an admin (FORBIDDEN)',
} as const;

export const listBackups = route({
  method: 'get',
  path: '/api/backups',
  summary: 'Nightly backups (admin): when, whether whole, what they hold; and the schedule',
  tags,
  'x-instance-data': false,
  responses: { 200: json(BackupList, 'Backups'), ...errors(adminOnly) },
});

export const takeBackup = route({
  method: 'post',
  path: '/api/backups',
  summary:
    'Take a backup now (admin), e.g. before moving requests to a new version; kept like the nightly ones',
  tags,
  'x-instance-data': false,
  responses: {
    201: json(BackupSummary, 'Taken'),
    ...errors({
      ...adminOnly,
      409: 'Backups are off on this server, or one is being taken (BACKUPS_OFF, BACKUP_IN_PROGRESS)',
    }),
  },
});

export const downloadBackup = route({
  method: 'get',
  path: '/api/backups/{name}/download',
  summary:
    'One finished backup as a single file (admin): a tar archive of its folder (the database copy, attached files, help videos, backup.json), to unpack and restore with `portalflow restore`. Never cached; each download is access-logged',
  tags,
  'x-instance-data': false,
  request: { params: z.object({ name: z.string().regex(BACKUP_NAME, 'a backup name, e.g. 2026-12-06') }) },
  responses: {
    200: {
      description: 'The backup folder as a tar archive',
      content: { 'application/x-tar': { schema: z.string() } },
    },
    ...errors({
      ...adminOnly,
      400: 'Not a backup name (VALIDATION_FAILED)',
      404: 'No such backup on the server: deleted as older than the ones kept, or never taken (BACKUP_NOT_FOUND)',
      409: 'Backups are off on this server (BACKUPS_OFF), or the backup is still being taken or failed: there is no whole folder to download (BACKUP_NOT_FINISHED)',
    }),
  },
});
