import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readSnapshot, snapshotDatabase } from '@portalflow/store';
import { databaseFile } from '../audit/checkpoint-config.ts';
import { copyNamedFiles, namesIn, syncPath } from './copy.ts';
import {
  ATTACHMENTS_DIR,
  BACKUP_FORMAT,
  BackupError,
  type BackupManifest,
  DATABASE_FILE,
  fileSha256,
  MANIFEST_FILE,
  MEDIA_DIR,
} from './manifest.ts';

export interface BackupInput {
  databaseUrl: string;
  /** A new or empty directory. */
  to: string;
  attachmentsDir?: string | undefined;
  mediaDir?: string | undefined;
  now: () => string;
}

/**
 * A backup of a running clinic, taken without stopping it: a consistent copy of the database file
 * (`snapshotDatabase`), the attached files that copy names and the help videos, each checked against
 * its hash, then `backup.json` with the counts and hashes a restore checks. Every instance's chain is
 * verified on the copy. The intake key and checkpoint signing key are not copied: they are secrets to
 * keep apart from the data they protect.
 */
export async function makeBackup(input: BackupInput): Promise<BackupManifest> {
  const source = databaseFile(input.databaseUrl);
  if (source === null)
    throw new BackupError(
      'BACKUP_SOURCE_NOT_FILE',
      `${input.databaseUrl} is not a database file: back up a libSQL server with its own tools (docs/scaling.md)`,
    );
  if (!existsSync(source))
    throw new BackupError('BACKUP_UNREADABLE', `${source}: no database there (check --db or DATABASE_URL)`);
  const existing = await readdir(input.to).catch(() => null);
  if (existing !== null && existing.length > 0)
    throw new BackupError(
      'BACKUP_TARGET_NOT_EMPTY',
      `${input.to} is not empty: back up into a new directory (one per backup)`,
    );
  // A backup is patient information: only the server's account may read it.
  await mkdir(input.to, { recursive: true, mode: 0o700 });

  const database = join(input.to, DATABASE_FILE);
  const createdAt = input.now();
  await snapshotDatabase(source, database);
  await chmod(database, 0o600);
  const facts = await readSnapshot(database);
  const attachments = input.attachmentsDir
    ? await copyNamedFiles(input.attachmentsDir, join(input.to, ATTACHMENTS_DIR), facts.attachments)
    : { files: 0, bytes: 0, missing: facts.attachments, damaged: [] };
  const media = input.mediaDir
    ? await copyNamedFiles(input.mediaDir, join(input.to, MEDIA_DIR), await namesIn(input.mediaDir))
    : { files: 0, bytes: 0 };
  const db = await fileSha256(database);

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt,
    schemaVersion: facts.schemaVersion,
    database: { file: DATABASE_FILE, bytes: db.bytes, sha256: db.sha256 },
    instances: facts.instances,
    events: facts.events,
    chains: { ok: facts.chains.ok, failures: facts.chains.failures.length },
    attachments: {
      files: attachments.files,
      bytes: attachments.bytes,
      missing: attachments.missing,
      damaged: attachments.damaged,
    },
    media: { files: media.files, bytes: media.bytes },
  };
  const manifestPath = join(input.to, MANIFEST_FILE);
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await syncPath(manifestPath);
  await syncPath(input.to);
  return manifest;
}

/** Whether a backup is whole: its chains verify and every file it names was copied intact. */
export const backupComplete = (m: BackupManifest) =>
  m.chains.ok && m.attachments.missing.length === 0 && m.attachments.damaged.length === 0;
