import { writeFileSync } from 'node:fs';
import { type PoolMode, toBpmn } from '@portalflow/bpmn';
import { workflowSvg } from '@portalflow/diagram';
import { handbookMarkdown, handbookOf } from '@portalflow/engine';
import { CliError, EXIT, loadData, loadDefinition } from '../io.ts';

const FORMATS = ['bpmn', 'svg', 'md'];
const POOLS: PoolMode[] = ['single', 'department'];
const USAGE =
  'usage: portalflow export <file> --format bpmn|svg|md [--pools single|department] [--layout <file>] [-o <out>]';

/**
 * `portalflow export <file> --format bpmn|svg|md [--pools single|department] [--layout <file>] [-o out]`:
 * BPMN 2.0 with its diagram (`--pools department` writes one pool per department, with message flows
 * for the handoffs between them; default `single`: one pool, a lane per role), the swimlane diagram
 * as SVG (the same drawing as the editor), or the handbook as Markdown.
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
  const xml =
    format === 'svg'
      ? workflowSvg(definition, layout)
      : format === 'md'
        ? `${handbookMarkdown(handbookOf(definition))}\n`
        : toBpmn(definition, layout, { pools });
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
  const kind = format === 'bpmn' ? 'BPMN 2.0' : format === 'svg' ? 'SVG diagram' : 'Markdown handbook';
  process.stderr.write(`wrote ${options.out} (${kind}, ${Object.keys(definition.steps).length} steps)\n`);
  return EXIT.ok;
}
