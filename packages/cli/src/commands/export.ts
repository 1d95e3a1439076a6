import { writeFileSync } from 'node:fs';
import { toBpmn } from '@portalflow/bpmn';
import { CliError, EXIT, loadData, loadDefinition } from '../io.ts';

const FORMATS = ['bpmn'];

/** `portalflow export <file> --format bpmn [--layout <file>] [-o out]`: BPMN 2.0 with its diagram. */
export function exportCommand(
  files: string[],
  options: { format: string | undefined; out: string | undefined; layout: string | undefined },
): number {
  const [file, ...extra] = files;
  if (file === undefined || extra.length > 0)
    throw new CliError(
      'usage: portalflow export <file> --format bpmn [--layout <file>] [-o <out>]',
      EXIT.usage,
    );
  const format = options.format ?? 'bpmn';
  if (!FORMATS.includes(format))
    throw new CliError(`unknown format '${format}': the CLI exports ${FORMATS.join(', ')}`, EXIT.usage);
  const { definition } = loadDefinition(file);
  const layout = options.layout !== undefined ? loadData(options.layout) : undefined;
  const xml = toBpmn(definition, layout);
  if (options.out === undefined || options.out === '-') {
    process.stdout.write(xml);
    return EXIT.ok;
  }
  try {
    writeFileSync(options.out, xml);
  } catch (error) {
    throw new CliError(
      `${options.out}: cannot write (${(error as Error).message})`,
      EXIT.usage,
      'UNWRITABLE',
    );
  }
  process.stderr.write(`wrote ${options.out} (BPMN 2.0, ${Object.keys(definition.steps).length} steps)\n`);
  return EXIT.ok;
}
