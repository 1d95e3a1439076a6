import type { BackupManifest } from '@portalflow/server';
import { green, plural, red, yellow } from '../format.ts';
import { CliError, EXIT } from '../io.ts';
import { databaseUrl } from './database.ts';

/** Where the server keeps files for this database: the same rules as `serve`. */
async function fileDirs(url: string) {
  const { attachmentsDirOf, mediaDirOf } = await import('@portalflow/server');
  return { ...attachmentsDirOf(url), ...mediaDirOf(url) };
}

/** A refusal of the backup code as the CLI's usage error (exit 2) or finding (exit 1). */
async function asCliError(error: unknown): Promise<never> {
  const { BackupError } = await import('@portalflow/server');
  if (error instanceof BackupError) {
    const detail = error.problems.length > 0 ? `\n  ${error.problems.join('\n  ')}` : '';
    throw new CliError(
      `${error.message}${detail}`,
      error.code === 'BACKUP_DAMAGED' ? EXIT.findings : EXIT.usage,
      error.code,
    );
  }
  throw error;
}

function summary(m: BackupManifest): string {
  const size = (bytes: number) =>
    bytes < 1048576 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
  return `${plural(m.instances, 'instance')}, ${plural(m.events, 'event')}, database ${size(m.database.bytes)}, ${plural(m.attachments.files, 'attached file')} (${size(m.attachments.bytes)}), ${plural(m.media.files, 'help video')}`;
}

/**
 * `portalflow backup <dir>`: a backup of the database file and its files, taken while the server
 * runs (see `apps/server/src/backup/`). Exit 0 when whole; 1 when a file it names was missing or
 * damaged, or a history's chain is broken (the backup is written, and says so); 2 on a refusal.
 */
export async function backupCommand(positionals: string[], options: { db?: string; json: boolean }) {
  const [to] = positionals;
  if (!to || positionals.length > 1)
    throw new CliError('usage: portalflow backup <new directory> [--db URL]', EXIT.usage);
  const url = databaseUrl(options.db);
  const { makeBackup, backupComplete } = await import('@portalflow/server');
  const manifest = await makeBackup({
    databaseUrl: url,
    to,
    ...(await fileDirs(url)),
    now: () => new Date().toISOString(),
  }).catch(asCliError);
  const whole = backupComplete(manifest);
  if (options.json) process.stdout.write(`${JSON.stringify({ ok: whole, dir: to, ...manifest }, null, 2)}\n`);
  else {
    process.stdout.write(
      whole
        ? green(`✓ backed up to ${to}: ${summary(manifest)}\n`)
        : yellow(`! backed up to ${to}: ${summary(manifest)}\n`),
    );
    if (!manifest.chains.ok)
      process.stdout.write(
        red(
          `  ${manifest.chains.failures} ${manifest.chains.failures === 1 ? 'history' : 'histories'} with a broken chain: run portalflow verify\n`,
        ),
      );
    for (const sha of manifest.attachments.missing)
      process.stdout.write(
        red(`  attached file ${sha.slice(0, 12)}… is named by a request but not on the disk\n`),
      );
    for (const sha of manifest.attachments.damaged)
      process.stdout.write(red(`  attached file ${sha.slice(0, 12)}… no longer matches its hash\n`));
    process.stdout.write(
      '  Not included: the intake key and the checkpoint signing key. Keep them apart from backups, and safe.\n',
    );
  }
  return whole ? EXIT.ok : EXIT.findings;
}

/**
 * `portalflow restore <dir>`: checks the backup (every hash and chain) and puts it in place of a
 * database that is not there. Exit 0 restored; 1 the backup is damaged (nothing written); 2 refused.
 */
export async function restoreCommand(
  positionals: string[],
  options: { db?: string; json: boolean; check?: boolean },
) {
  const [from] = positionals;
  if (options.check && from && positionals.length === 1) return checkCommand(from, options.json);
  if (!from || positionals.length > 1)
    throw new CliError('usage: portalflow restore <backup directory> [--db URL]', EXIT.usage);
  const url = databaseUrl(options.db);
  const { restoreBackup } = await import('@portalflow/server');
  const { manifest } = await restoreBackup({ from, databaseUrl: url, ...(await fileDirs(url)) }).catch(
    asCliError,
  );
  if (options.json) process.stdout.write(`${JSON.stringify({ ok: true, db: url, ...manifest }, null, 2)}\n`);
  else {
    process.stdout.write(
      green(
        `✓ restored the backup of ${manifest.createdAt} to ${url}: ${summary(manifest)}; every history's chain verifies\n`,
      ),
    );
    process.stdout.write(
      '  Not in a backup: the intake key (put its file back where PORTALFLOW_INTAKE_KEY_FILE says, or make new intake keys) and the checkpoint signing key.\n',
    );
  }
  return EXIT.ok;
}

/**
 * `portalflow restore <dir> --check`: everything a restore checks (manifest, hashes, counts, chains),
 * writing nothing: a backup is only as good as its last check. Exit 0 whole; 1 damaged.
 */
async function checkCommand(from: string, json: boolean): Promise<number> {
  const { checkBackup } = await import('@portalflow/server');
  const { manifest } = await checkBackup(from).catch(asCliError);
  if (json) process.stdout.write(`${JSON.stringify({ ok: true, checked: from, ...manifest }, null, 2)}\n`);
  else
    process.stdout.write(
      green(
        `✓ ${from} checks out (taken ${manifest.createdAt}): ${summary(manifest)}; every history's chain verifies\n`,
      ),
    );
  return EXIT.ok;
}
