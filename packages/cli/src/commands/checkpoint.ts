import { join } from 'node:path';
import { green } from '../format.ts';
import { CliError, EXIT } from '../io.ts';
import { databaseUrl, openExisting } from './database.ts';

/**
 * `portalflow checkpoint`: signs the current head of every history into the next file of the
 * checkpoint directory (default `$PORTALFLOW_CHECKPOINT_DIR`, else `./data/checkpoints`), with the
 * Ed25519 key at `--key` (default `$PORTALFLOW_CHECKPOINT_KEY`, else `./data/checkpoint-key.pem`),
 * generated with mode 0600 when missing. Refuses (exit 1) when the history no longer extends the
 * last checkpoint.
 */
export async function checkpointCommand(options: {
  db?: string;
  checkpoints?: string;
  key?: string;
  json: boolean;
}): Promise<number> {
  const dir = options.checkpoints ?? process.env.PORTALFLOW_CHECKPOINT_DIR ?? join('data', 'checkpoints');
  const keyFile = options.key ?? process.env.PORTALFLOW_CHECKPOINT_KEY ?? join('data', 'checkpoint-key.pem');
  const store = await openExisting(databaseUrl(options.db));
  const { StoreError, writeCheckpoint } = await import('@portalflow/store');
  try {
    const written = await writeCheckpoint({ store, dir, keyFile, now: () => new Date().toISOString() });
    if (options.json) process.stdout.write(`${JSON.stringify({ path: written.path, ...written.body })}\n`);
    else {
      if (written.keyCreated) process.stdout.write(`generated ${keyFile} (0600) and ${keyFile}.pub\n`);
      process.stdout.write(
        green(
          `✓ checkpoint #${written.body.seq}: ${written.body.instances} instances, ${written.body.events} events → ${written.path}\n`,
        ),
      );
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof StoreError && error.code === 'CHECKPOINT_FAILED') {
      process.stderr.write(`portalflow: checkpoint refused: ${error.message}\n`);
      return EXIT.findings;
    }
    if (error instanceof StoreError) throw new CliError(error.message, EXIT.usage, error.code);
    throw error;
  } finally {
    await store.close();
  }
}
