import { z } from 'zod';
import { Timestamp } from './common.ts';
import { errors, json, route } from './route.ts';

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
