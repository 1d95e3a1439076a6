import { basename } from 'node:path';
import {
  type CheckpointBody,
  listCheckpointFiles,
  readCheckpoint,
  StoreError,
  writeCheckpoint,
} from '@portalflow/store';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';

/** What the API says about a checkpoint: the signed body and its file name, never the heads list. */
export interface CheckpointSummary extends CheckpointBody {
  file: string;
}

const disabled = () =>
  new ApiError(
    409,
    'CHECKPOINTS_DISABLED',
    'Signed checkpoints are not configured on this server (set PORTALFLOW_CHECKPOINT_DIR)',
  );

/** Signs the current head of every history into the next checkpoint file. */
export async function takeCheckpoint(deps: AppDeps): Promise<CheckpointSummary> {
  const config = deps.config.checkpoints;
  if (!config) throw disabled();
  try {
    const written = await writeCheckpoint({
      store: deps.store,
      dir: config.dir,
      keyFile: config.keyFile,
      now: deps.clock,
    });
    if (written.keyCreated) deps.log(`checkpoint key generated at ${config.keyFile} (public key beside it)`);
    return { ...written.body, file: basename(written.path) };
  } catch (error) {
    if (error instanceof StoreError && error.code === 'CHECKPOINT_FAILED') {
      // Counts and file names only: this is the tamper alarm, it names no patient.
      deps.log(`checkpoint refused: ${error.message}`);
      throw new ApiError(409, 'CHECKPOINT_REFUSED', error.message);
    }
    throw error;
  }
}

/** The newest checkpoints first (bodies as signed; verify them with `portalflow verify --checkpoints`). */
export function listCheckpoints(deps: AppDeps, limit = 50): CheckpointSummary[] {
  const config = deps.config.checkpoints;
  if (!config) throw disabled();
  return listCheckpointFiles(config.dir)
    .slice(-limit)
    .reverse()
    .map(({ name }) => {
      try {
        return { ...readCheckpoint(`${config.dir}/${name}`).body, file: name };
      } catch {
        return null;
      }
    })
    .filter((c): c is CheckpointSummary => c !== null);
}

export interface Checkpointer {
  stop(): void;
}

/** Writes a checkpoint every `intervalMs` (0: only on demand). Failures are logged, never thrown. */
export function startCheckpointer(deps: AppDeps): Checkpointer {
  const config = deps.config.checkpoints;
  if (!config || config.intervalMs <= 0) return { stop() {} };
  let running = false;
  const handle = setInterval(() => {
    if (running) return;
    running = true;
    takeCheckpoint(deps)
      .catch((error) => {
        if (!(error instanceof ApiError)) deps.log(`checkpoint failed: ${(error as Error).message}`);
      })
      .finally(() => {
        running = false;
      });
  }, config.intervalMs);
  handle.unref();
  return { stop: () => clearInterval(handle) };
}
