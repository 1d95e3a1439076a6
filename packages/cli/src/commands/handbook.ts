import { workflowSvg } from '@portalflow/diagram';
import { handbookMarkdown, handbookOf } from '@portalflow/engine';
import { CliError, EXIT, loadData, loadDefinition } from '../io.ts';

/**
 * `portalflow handbook <file> --format md|svg [--layout <file>]`: the workflow handbook as Markdown
 * or the swimlane diagram as SVG, on standard output (the same pure functions the server uses).
 */
export function handbookCommand(files: string[], options: { format?: string; layout?: string }): number {
  const usage = 'usage: portalflow handbook <file> --format md|svg [--layout <file>]';
  if (files.length !== 1) throw new CliError(usage, EXIT.usage);
  const format = options.format ?? 'md';
  if (format !== 'md' && format !== 'svg')
    throw new CliError(`unknown format '${format}'\n${usage}`, EXIT.usage);
  const { definition } = loadDefinition(files[0]!);
  const layout = options.layout === undefined ? undefined : loadData(options.layout);
  process.stdout.write(
    format === 'svg' ? workflowSvg(definition, layout) : `${handbookMarkdown(handbookOf(definition))}\n`,
  );
  return EXIT.ok;
}
