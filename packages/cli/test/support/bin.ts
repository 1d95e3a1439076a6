import { fileURLToPath } from 'node:url';
import { sourceEntry } from '../../../../scripts/source-entry.mjs';

/** The `portalflow` binary, as installed. */
export const bin = fileURLToPath(new URL('../../bin/portalflow.mjs', import.meta.url));

/**
 * Node arguments that run the binary on the TypeScript sources (the `source` export condition, bundled
 * once per test process by scripts/source-entry.mjs), so the tests never depend on a build:
 * `spawn(process.execPath, [...binArgs, …])`.
 */
export const binArgs: string[] = [sourceEntry(bin)];
