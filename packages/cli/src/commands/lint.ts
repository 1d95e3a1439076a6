import { type Finding, lint } from '@portalflow/engine';
import { bold, dim, green, plural, red, yellow } from '../format.ts';
import { CliError, EXIT, lineOf, loadDefinition } from '../io.ts';

export interface LintFileResult {
  file: string;
  findings: Array<Finding & { line?: number }>;
}

/** `portalflow lint <file…>`: exit 1 when any file has an error finding. */
export function lintCommand(files: string[], options: { json: boolean }): number {
  if (files.length === 0) throw new CliError('usage: portalflow lint <file…> [--json]', EXIT.usage);
  const results: LintFileResult[] = [];
  for (const file of files) {
    const { text, definition } = loadDefinition(file);
    const findings = lint(definition).map((f) => {
      const line = lineOf(text, f.path);
      return line === undefined ? f : { ...f, line };
    });
    results.push({ file, findings });
  }
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ files: results, errors, warnings }, null, 2)}\n`);
  } else {
    for (const { file, findings } of results) {
      if (findings.length === 0) continue;
      process.stdout.write(`${bold(file)}\n`);
      for (const f of findings) {
        const sev =
          f.severity === 'error'
            ? red('error  ')
            : f.severity === 'warning'
              ? yellow('warning')
              : dim('info   ');
        const where = `${file}${f.line !== undefined ? `:${f.line}` : ''}`;
        process.stdout.write(`  ${sev} ${f.message}  ${dim(`${f.rule} · ${f.path} · ${where}`)}\n`);
      }
    }
    const summary = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files.length, 'file')}`;
    process.stdout.write(`${errors > 0 ? red(`✗ ${summary}`) : green(`✓ ${summary}`)}\n`);
  }
  return errors > 0 ? EXIT.findings : EXIT.ok;
}
