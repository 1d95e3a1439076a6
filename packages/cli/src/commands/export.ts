import { writeFileSync } from 'node:fs';
import { type PoolMode, toBpmn } from '@portalflow/bpmn';
import { CliError, EXIT, loadData, loadDefinition } from '../io.ts';

const FORMATS = ['bpmn'];
const POOLS: PoolMode[] = ['single', 'department'];
const USAGE =
  'usage: portalflow export <file> --format bpmn [--pools single|department] [--layout <file>] [-o <out>]';

/**
 * `portalflow export <file> --format bpmn [--pools single|department] [--layout <file>] [-o out]`:
 * BPMN 2.0 with its diagram; `--pools department` writes one pool per department, with message
 * flows for the handoffs between them (default `single`: one pool, a lane per role).
 */
export function exportCommand(
  files: string[],
  options: {
    format: string | undefined;
    out: string | undefined;
    layout: string | undefined;
    pools?: string | undefined;
  },
): number {
  const [file, ...extra] = files;
  if (file === undefined || extra.length > 0) throw new CliError(USAGE, EXIT.usage);
  const format = options.format ?? 'bpmn';
  if (!FORMATS.includes(format))
    throw new CliError(`unknown format '${format}': the CLI exports ${FORMATS.join(', ')}`, EXIT.usage);
  const pools = (options.pools ?? 'single') as PoolMode;
  if (!POOLS.includes(pools))
    throw new CliError(`unknown --pools '${options.pools}': use ${POOLS.join(' or ')}\n${USAGE}`, EXIT.usage);
  const { definition } = loadDefinition(file);
  const layout = options.layout !== undefined ? loadData(options.layout) : undefined;
  const xml = toBpmn(definition, layout, { pools });
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
