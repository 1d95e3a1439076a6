import { dirname, join } from 'node:path';
import { databaseFile } from '../audit/checkpoint-config.ts';

const DEFAULT_URL = 'file:./data/portalflow.db';

/** Help videos live in `media/` beside a file database unless `PORTALFLOW_MEDIA_DIR` says otherwise. */
export function mediaDirOf(url: string | undefined, env = process.env): { mediaDir?: string } {
  if (env.PORTALFLOW_MEDIA_DIR) return { mediaDir: env.PORTALFLOW_MEDIA_DIR };
  const dbFile = databaseFile(url ?? DEFAULT_URL);
  return dbFile ? { mediaDir: join(dirname(dbFile), 'media') } : {};
}

/** Attached files live in `attachments/` beside a file database unless `PORTALFLOW_ATTACHMENTS_DIR` says otherwise. */
export function attachmentsDirOf(url: string | undefined, env = process.env): { attachmentsDir?: string } {
  if (env.PORTALFLOW_ATTACHMENTS_DIR) return { attachmentsDir: env.PORTALFLOW_ATTACHMENTS_DIR };
  const dbFile = databaseFile(url ?? DEFAULT_URL);
  return dbFile ? { attachmentsDir: join(dirname(dbFile), 'attachments') } : {};
}
