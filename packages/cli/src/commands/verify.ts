import { readFileSync } from 'node:fs';
import type { ChainReport, CheckpointReport } from '@portalflow/store';
import { bold, green, plural, red, yellow } from '../format.ts';
import { CliError, EXIT } from '../io.ts';
import { databaseUrl, openExisting } from './database.ts';

export interface VerifyOptions {
  db?: string;
  json: boolean;
  /** A directory of signed checkpoints to measure the history against. */
  checkpoints?: string;
  /** The public key (SPKI PEM, e.g. `checkpoint-key.pem.pub`) the checkpoints must be signed with. */
  publicKey?: string;
}

/**
 * `portalflow verify`: re-hashes every instance's event history and checks each link, sequence and
 * head; with `--checkpoints DIR` it also checks every signed checkpoint there and that the history
 * still holds what each one signed (no removed tail, no rewritten-and-rehashed event). Exit 0 when
 * everything holds, 1 on any finding. Run it on a quiet database (or a copy).
 */
export async function verifyCommand(options: VerifyOptions): Promise<number> {
  const url = databaseUrl(options.db);
  let publicKey: string | undefined;
  if (options.publicKey !== undefined) {
    if (options.checkpoints === undefined)
      throw new CliError('--public-key needs --checkpoints DIR', EXIT.usage);
    try {
      publicKey = readFileSync(options.publicKey, 'utf8');
    } catch (error) {
      throw new CliError(`${options.publicKey}: ${(error as Error).message}`, EXIT.usage, 'UNREADABLE');
    }
  }
  const store = await openExisting(url);
  try {
    const report = await store.verifyAll();
    let checkpoints: CheckpointReport | undefined;
    if (options.checkpoints !== undefined) {
      const { verifyCheckpoints } = await import('@portalflow/store');
      try {
        checkpoints = await verifyCheckpoints({
          store,
          dir: options.checkpoints,
          ...(publicKey === undefined ? {} : { publicKey }),
        });
      } catch (error) {
        throw new CliError(`${options.checkpoints}: ${(error as Error).message}`, EXIT.usage, 'UNREADABLE');
      }
    }
    const ok = report.ok && (checkpoints?.ok ?? true);
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify(checkpoints ? { ...report, ok, chainsOk: report.ok, checkpoints } : report, null, 2)}\n`,
      );
    } else {
      printChains(report);
      if (checkpoints) printCheckpoints(checkpoints, publicKey !== undefined);
    }
    return ok ? EXIT.ok : EXIT.findings;
  } finally {
    await store.close();
  }
}

function printChains(report: ChainReport): void {
  if (report.ok) {
    process.stdout.write(
      green(
        `✓ ${plural(report.instances, 'instance')}, ${plural(report.events, 'event')}: every history's hash chain verifies\n`,
      ),
    );
    return;
  }
  process.stdout.write(
    `${bold(red(`✗ ${report.failures.length} of ${plural(report.instances, 'instance')} have a broken history`))} (${plural(report.events, 'event')} read)\n`,
  );
  for (const f of report.failures)
    process.stdout.write(`  instance ${f.instanceId} event ${f.seq}: ${f.fault} — ${f.reason}\n`);
}

function printCheckpoints(report: CheckpointReport, pinned: boolean): void {
  if (report.ok) {
    const latest = report.latest!;
    process.stdout.write(
      green(
        `✓ ${plural(report.checkpoints, 'signed checkpoint')} verify (latest #${latest.seq} at ${latest.createdAt}: ${plural(latest.events, 'event')}); the history holds everything they signed\n`,
      ),
    );
  } else {
    process.stdout.write(
      `${bold(red(`✗ ${plural(report.findings.length, 'checkpoint finding')}`))} (${plural(report.checkpoints, 'checkpoint')} read)\n`,
    );
    for (const f of report.findings) process.stdout.write(`  ${f.file}: ${f.fault} — ${f.message}\n`);
  }
  if (!pinned)
    process.stdout.write(
      yellow(
        "  note: signatures were checked against the first checkpoint's own key; pass --public-key to pin the key you trust\n",
      ),
    );
}
