import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binArgs } from './support/bin.ts';

/** `portalflow <command> --help` prints the usage and exits 0, as `portalflow --help` does. */
describe('--help after a command', () => {
  it.each(['serve', 'backup', 'restore'])('portalflow %s --help prints the usage', (command) => {
    const r = spawnSync(process.execPath, [...binArgs, command, '--help'], {
      encoding: 'utf8',
      // A server started by mistake fails the test instead of hanging it.
      timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('portalflow serve [--port N]');
    expect(r.stderr).not.toContain('Unknown option');
  });
});
