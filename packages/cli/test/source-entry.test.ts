// scripts/source-entry.mjs: the CLI and the server's test processes run bundled from the sources.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceEntry } from '../../../scripts/source-entry.mjs';
import { bin } from './support/bin.ts';

const script = fileURLToPath(new URL('../../../scripts/source-entry.mjs', import.meta.url));

describe('sourceEntry', () => {
  it('gives the same bundle to every process for the same sources', () => {
    const again = execFileSync(process.execPath, [script, bin], { encoding: 'utf8' }).trim();
    expect(again).toBe(sourceEntry(bin));
  });

  it('runs the command from its bundle alone: no TypeScript loader, no build', () => {
    const fixture = fileURLToPath(new URL('./fixtures/simple.yaml', import.meta.url));
    const run = spawnSync(process.execPath, [sourceEntry(bin), 'lint', fixture], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/0 errors, 0 warnings in 1 file/);
  });

  it("keeps each module's own import.meta.url, so worker scripts are found beside their sources", () => {
    const entry = fileURLToPath(new URL('../../store/src/libsql/threaded-client.ts', import.meta.url));
    const text = readFileSync(sourceEntry(entry), 'utf8');
    expect(text).not.toContain('import.meta.url');
    expect(text).toContain(new URL('../../store/src/libsql/threaded-client.ts', import.meta.url).href);
  });
});
