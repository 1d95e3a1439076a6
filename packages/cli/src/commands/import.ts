import { writeFileSync } from 'node:fs';
import { BpmnError, fromBpmn, type ImportResult } from '@portalflow/bpmn';
import { type Finding, lint } from '@portalflow/engine';
import { bold, dim, green, plural, red, table, yellow } from '../format.ts';
import { CliError, EXIT, readText } from '../io.ts';

/**
 * `portalflow import <file.bpmn> [--json] [-o out]`: a BPMN 2.0 file from any modeler as a
 * definition. The definition goes to `-o` (or stdout), the report of what was skipped to the
 * terminal; `--json` prints definition, layout and report together.
 * Exit 0 imported cleanly · 1 imported with skipped elements, warnings or lint errors · 2 unreadable.
 */
export function importCommand(files: string[], options: { json: boolean; out: string | undefined }): number {
  const [file, ...extra] = files;
  if (file === undefined || extra.length > 0)
    throw new CliError('usage: portalflow import <file.bpmn> [--json] [-o <out>]', EXIT.usage);
  const text = readText(file);
  let result: ImportResult;
  try {
    result = fromBpmn(text);
  } catch (error) {
    if (error instanceof BpmnError) {
      const where = error.line !== undefined ? `${file}:${error.line}:${error.column}` : file;
      const message = error.message.replace(/^line \d+, column \d+: /, '');
      throw new CliError(`${where}: ${message}`, EXIT.usage, error.code);
    }
    throw error;
  }
  const findings = lint(result.definition);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const clean = result.skipped.length === 0 && result.warnings.length === 0 && errors === 0;
  const definitionJson = `${JSON.stringify(result.definition, null, 2)}\n`;
  if (options.out !== undefined && options.out !== '-') {
    try {
      writeFileSync(options.out, options.json ? reportJson(result, findings) : definitionJson);
    } catch (e) {
      throw new CliError(`${options.out}: cannot write (${(e as Error).message})`, EXIT.usage, 'UNWRITABLE');
    }
  }
  if (options.json) {
    if (options.out === undefined || options.out === '-') process.stdout.write(reportJson(result, findings));
  } else {
    const toStdout = options.out === undefined || options.out === '-';
    if (toStdout) process.stdout.write(definitionJson);
    // The report goes where a person reads it; stdout stays the definition when it carries one.
    const report = humanReport(file, result, findings, options.out);
    (toStdout ? process.stderr : process.stdout).write(report);
  }
  return clean ? EXIT.ok : EXIT.findings;
}

function reportJson(result: ImportResult, findings: Finding[]): string {
  return `${JSON.stringify(
    {
      definition: result.definition,
      layout: result.layout,
      skipped: result.skipped,
      warnings: result.warnings,
      findings,
    },
    null,
    2,
  )}\n`;
}

function humanReport(
  file: string,
  result: ImportResult,
  findings: Finding[],
  out: string | undefined,
): string {
  const d = result.definition;
  const kinds = new Map<string, number>();
  for (const s of Object.values(d.steps)) kinds.set(s.type, (kinds.get(s.type) ?? 0) + 1);
  const steps = [...kinds].map(([k, n]) => plural(n, k)).join(', ');
  const lines: string[] = [];
  lines.push(
    `${bold(`Imported "${d.title}"`)} from ${file}${out && out !== '-' ? ` into ${out}` : ''}: ${plural(
      Object.keys(d.steps).length,
      'step',
    )}${steps ? ` (${steps})` : ''}, ${plural(d.roles.length, 'role')}`,
  );
  if (result.skipped.length > 0) {
    lines.push(yellow(`Skipped ${plural(result.skipped.length, 'element')} that portalflow does not model:`));
    lines.push(table(result.skipped.map((s) => [`  ${s.kind}`, s.id || dim('(no id)'), dim(s.reason)])));
  } else lines.push(green('Nothing was skipped.'));
  if (result.warnings.length > 0) {
    lines.push(yellow(`${plural(result.warnings.length, 'warning')}:`));
    for (const w of result.warnings) lines.push(`  - ${w}`);
  }
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const summary = `lint: ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}`;
  lines.push(errors.length > 0 ? red(summary) : summary);
  for (const f of [...errors, ...warnings])
    lines.push(`  ${f.severity === 'error' ? red('error  ') : yellow('warning')} ${f.message}`);
  return `${lines.join('\n')}\n`;
}
