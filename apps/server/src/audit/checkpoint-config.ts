import { dirname, join } from 'node:path';
import type { CheckpointConfig } from '../config.ts';

/**
 * Checkpoints from the environment: `PORTALFLOW_CHECKPOINT_DIR` (default: `checkpoints/` beside a file
 * database; none for a server URL), `PORTALFLOW_CHECKPOINT_KEY` (default `checkpoint-key.pem` beside
 * the database; put it on another volume in production), `PORTALFLOW_CHECKPOINT_INTERVAL_MS`
 * (default 300000; 0 = on demand only). `PORTALFLOW_CHECKPOINT_DIR=off` turns them off.
 */
export function checkpointConfig(url: string | undefined, env = process.env): CheckpointConfig | null {
  const dbFile = databaseFile(url ?? 'file:./data/portalflow.db');
  const near = (name: string) => (dbFile ? join(dirname(dbFile), name) : null);
  const dir = env.PORTALFLOW_CHECKPOINT_DIR ?? near('checkpoints');
  if (!dir || dir === 'off') return null;
  const keyFile =
    env.PORTALFLOW_CHECKPOINT_KEY ?? near('checkpoint-key.pem') ?? join(dir, '..', 'checkpoint-key.pem');
  const interval = Number(env.PORTALFLOW_CHECKPOINT_INTERVAL_MS ?? 300_000);
  return { dir, keyFile, intervalMs: Number.isFinite(interval) && interval >= 0 ? interval : 300_000 };
}

export function databaseFile(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = decodeURIComponent(
    url
      .slice('file:'.length)
      .split('?')[0]!
      .replace(/^\/\/(localhost)?/, ''),
  );
  return path === '' || path === ':memory:' ? null : path;
}
