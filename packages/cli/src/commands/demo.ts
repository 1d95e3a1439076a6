import {
  coverage,
  hasErrors,
  lint,
  parseDefinition,
  parseScript,
  type SimulationResult,
  simulate,
} from '@portalflow/engine';
import { clinicCalendar, workflows } from '@portalflow/examples';
import { bold, green, pct, red, table } from '../format.ts';

/**
 * The bundled examples, checked end to end: each workflow is linted and every scripted story is
 * simulated on the clinic calendar, with the coverage it reaches.
 */
export function demoCommand(options: { json: boolean }): number {
  const rows: string[][] = [
    ['workflow', 'steps', 'roles', 'lint', 'scripts', 'outcomes', 'edges', 'deadlines'],
  ];
  const report: unknown[] = [];
  let failed = 0;
  for (const example of workflows) {
    const definition = parseDefinition(example.definition, { filename: `${example.id}.json` });
    const findings = lint(definition);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const runs: SimulationResult[] = hasErrors(findings)
      ? []
      : example.scripts.map((s) => simulate(definition, parseScript(s.events), { calendar: clinicCalendar }));
    const passed = runs.filter((r) => r.ok).length;
    const cov = coverage(definition, runs);
    const ok =
      errors === 0 && passed === example.scripts.length && cov.outcomes.covered === cov.outcomes.total;
    if (!ok) failed++;
    rows.push([
      ok ? green(definition.id) : red(definition.id),
      String(Object.keys(definition.steps).length),
      String(definition.roles.length),
      errors + warnings === 0 ? 'clean' : `${errors} err, ${warnings} warn`,
      `${passed}/${example.scripts.length}`,
      `${cov.outcomes.covered}/${cov.outcomes.total}`,
      pct(cov.edges.total === 0 ? 1 : cov.edges.covered / cov.edges.total),
      `${cov.deadlines.covered}/${cov.deadlines.total}`,
    ]);
    report.push({
      id: definition.id,
      errors,
      warnings,
      scripts: example.scripts.length,
      passed,
      coverage: cov,
    });
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ workflows: report, failed }, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${bold('portalflow examples')} — lint and simulate every bundled clinic workflow\n\n${table(rows)}\n\n`,
    );
    process.stdout.write(
      failed === 0
        ? green(`✓ ${workflows.length} workflows lint clean and their scripts cover every outcome\n`)
        : red(`✗ ${failed} of ${workflows.length} workflows need attention\n`),
    );
  }
  return failed === 0 ? 0 : 1;
}
