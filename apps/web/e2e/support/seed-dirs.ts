import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The demo seeds copied for each test's server (support/server.ts) are named after the run — the main
 * test process, whose test workers make them — so the run removes its own when it ends, also those of
 * a worker that was stopped before it could.
 */
export const seedDirPrefix = (runPid: number): string => `pf-e2e-seed-${runPid}-`;

/** Vitest's global setup: removes this run's seeds once every test file has run. */
export default function seedDirs(): () => void {
  return () => {
    const prefix = seedDirPrefix(process.pid);
    for (const name of readdirSync(tmpdir()))
      if (name.startsWith(prefix)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  };
}
