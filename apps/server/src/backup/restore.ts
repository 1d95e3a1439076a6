import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MIGRATIONS, readSnapshot, type SnapshotFacts } from '@portalflow/store';
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

const LATEST_SCHEMA = Math.max(...MIGRATIONS.map((m) => m.version));

/**
 * Checks a backup without writing anywhere: its manifest, the database file's hash, every file's bytes
 * against its name and the manifest's counts, and every instance's hash chain. Answers the manifest
 * and what the copy holds, or throws `BACKUP_DAMAGED` with each problem.
 */
export async function checkBackup(from: string): Promise<{ manifest: BackupManifest; facts: SnapshotFacts }> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(from, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch (error) {
    throw new BackupError(
      'BACKUP_UNREADABLE',
      `${from}: no readable ${MANIFEST_FILE} (${(error as Error).message}); a backup that stopped has none`,
    );
  }
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupError('BACKUP_UNREADABLE', `${from}: not a ${BACKUP_FORMAT} backup`);
  if (manifest.schemaVersion > LATEST_SCHEMA)
    throw new BackupError(
      'BACKUP_NEWER_SCHEMA',
      `${from} was made by a newer portalflow (schema ${manifest.schemaVersion}; this one knows ${LATEST_SCHEMA}): restore it with that version or later`,
    );
  const problems: string[] = [];
  const database = join(from, DATABASE_FILE);
  const db = await fileSha256(database).catch(() => null);
  if (!db) problems.push(`${DATABASE_FILE} is missing`);
  else if (db.sha256 !== manifest.database.sha256)
    problems.push(`${DATABASE_FILE} does not match its hash in ${MANIFEST_FILE}`);
  for (const [dir, expected] of [
    [ATTACHMENTS_DIR, manifest.attachments.files],
    [MEDIA_DIR, manifest.media.files],
  ] as const) {
    const names = await namesIn(join(from, dir));
    for (const name of names) {
      const file = await fileSha256(join(from, dir, name));
      if (file.sha256 !== name) problems.push(`${dir}/${name.slice(0, 12)}… does not match its name`);
    }
    if (names.length !== expected)
      problems.push(`${dir}/ holds ${names.length} files where ${MANIFEST_FILE} lists ${expected}`);
  }
  if (problems.length > 0) throw new BackupError('BACKUP_DAMAGED', `${from} is damaged`, problems);
  const facts = await readSnapshot(database);
  if (!facts.chains.ok)
    problems.push(
      ...facts.chains.failures.map(
        (f) => `instance ${f.instanceId} event ${f.seq}: ${f.fault} — ${f.reason}`,
      ),
    );
  const present = new Set(await namesIn(join(from, ATTACHMENTS_DIR)));
  const absent = facts.attachments.filter((sha) => !present.has(sha));
  if (absent.length > manifest.attachments.missing.length)
    problems.push(`${absent.length} attached files named by the database are not in ${ATTACHMENTS_DIR}/`);
  if (problems.length > 0) throw new BackupError('BACKUP_DAMAGED', `${from} is damaged`, problems);
  return { manifest, facts };
}

export interface RestoreInput {
  from: string;
  databaseUrl: string;
  attachmentsDir?: string | undefined;
  mediaDir?: string | undefined;
}

/**
 * Puts a checked backup in place of a database that is not there: the files first, the database last
 * under a temporary name renamed into place, so a stopped restore never leaves a database that names
 * files it does not have. Refuses to overwrite a database (move it aside first).
 */
export async function restoreBackup(
  input: RestoreInput,
): Promise<{ manifest: BackupManifest; facts: SnapshotFacts }> {
  const target = databaseFile(input.databaseUrl);
  if (target === null)
    throw new BackupError(
      'BACKUP_SOURCE_NOT_FILE',
      `${input.databaseUrl} is not a database file: restore into an embedded file, then load it into the server`,
    );
  if (existsSync(target) || existsSync(`${target}-wal`))
    throw new BackupError(
      'RESTORE_TARGET_EXISTS',
      `${target} already exists: stop the server and move it (and its -wal and -shm files) aside first`,
    );
  const checked = await checkBackup(input.from);
  if (input.attachmentsDir)
    await copyNamedFiles(
      join(input.from, ATTACHMENTS_DIR),
      input.attachmentsDir,
      await namesIn(join(input.from, ATTACHMENTS_DIR)),
    );
  if (input.mediaDir)
    await copyNamedFiles(
      join(input.from, MEDIA_DIR),
      input.mediaDir,
      await namesIn(join(input.from, MEDIA_DIR)),
    );
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.restoring`;
  await copyFile(join(input.from, DATABASE_FILE), temp);
  await chmod(temp, 0o600);
  await syncPath(temp);
  await rename(temp, target);
  await syncPath(dirname(target));
  return checked;
}
