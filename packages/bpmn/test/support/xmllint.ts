import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The OMG BPMN 2.0 schemas, copied into the repository so a clean clone can validate. */
export const BPMN_XSD = fileURLToPath(new URL('../xsd/BPMN20.xsd', import.meta.url));

export interface SchemaCheck {
  ok: boolean;
  /** xmllint's own words: "file validates" or the first errors with line numbers. */
  output: string;
}

/**
 * Validates BPMN texts against the OMG schema with libxml2's xmllint (one process for many
 * files). A missing xmllint fails loudly: schema validity is a requirement, not an extra.
 */
export function validateBpmn(
  files: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): SchemaCheck {
  const dir = mkdtempSync(join(tmpdir(), 'portalflow-bpmn-'));
  const paths = Object.entries(files).map(([name, xml]) => {
    const path = join(dir, name);
    writeFileSync(path, xml);
    return path;
  });
  // The folder goes as soon as xmllint has read it: a test run makes hundreds of them.
  const run = spawnSync('xmllint', ['--noout', '--schema', BPMN_XSD, ...paths], { encoding: 'utf8', env });
  rmSync(dir, { recursive: true, force: true });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(
      'xmllint is not installed, so BPMN exports cannot be checked against the OMG schema. ' +
        'Install it with `apt-get install -y libxml2-utils` (.ci/run does this).',
    );
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}
