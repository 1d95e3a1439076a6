import { fileURLToPath } from 'node:url';

/** The `portalflow` binary, as installed. */
export const bin = fileURLToPath(new URL('../../bin/portalflow.mjs', import.meta.url));

/**
 * Node arguments that run the binary on the TypeScript sources (the `source` export condition, with
 * tsx to strip types), so the tests never depend on a build: `spawn(process.execPath, [...binArgs, …])`.
 */
export const binArgs: string[] = ['--conditions=source', '--import', 'tsx', bin];
