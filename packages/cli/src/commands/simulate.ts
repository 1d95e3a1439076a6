import {
  coverage,
  type Definition,
  type EngineEvent,
  PortalflowError,
  parseScript,
  type ScriptEvent,
  type SimulationResult,
  type SimulationStep,
  simulate,
} from '@portalflow/engine';
import { bold, dim, green, pct, plural, red } from '../format.ts';
import { CliError, EXIT, loadData, loadDefinition } from '../io.ts';

export interface SimulateOptions {
  events: string[];
  calendar?: string;
  start?: string;
  json: boolean;
}

export function loadScript(file: string): ScriptEvent[] {
  try {
    return parseScript(loadData(file));
  } catch (error) {
    if (error instanceof PortalflowError)
      throw new CliError(`${file}: ${error.message}`, EXIT.usage, error.code);
    throw error;
  }
}

function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

export function describeEvent(event: EngineEvent | ScriptEvent): string {
  switch (event.type) {
    case 'start':
      return 'start';
    case 'complete':
      return `complete ${event.step} → ${event.outcome} (${event.role})`;
    case 'signal':
      return `signal ${event.name}`;
    case 'timer-fired':
      return `timer ${event.timer} fired`;
    case 'reassign':
      return `reassign ${event.step ?? event.token}${event.toRole ? ` to ${event.toRole}` : ''}${event.assignee !== undefined ? ` assignee ${event.assignee ?? 'none'}` : ''}`;
    case 'cancel':
      return 'cancel';
    case 'calendar-changed':
      return 'clinic hours changed';
    case 'advance':
      return `advance ${event.by}`;
  }
}

export function describeActive(step: SimulationStep, definition: Definition, timeZone: string): string {
  if (step.status !== 'active') {
    return step.status === 'done' ? green('instance ended') : 'instance cancelled';
  }
  const roleName = (id: string | undefined) => definition.roles.find((r) => r.id === id)?.name ?? id ?? '';
  return step.active
    .map((a) =>
      a.kind === 'wait'
        ? `${a.step} (waiting${a.due ? `, until ${clock(a.due, timeZone)}` : ''})`
        : `${a.step} (${roleName(a.role)}${a.assignee ? `, ${a.assignee}` : ''}${a.due ? `, due ${clock(a.due, timeZone)}` : ''})`,
    )
    .join(', ');
}

/** `portalflow simulate <file> --events <file>…`: exit 1 when a scripted event is rejected. */
export function simulateCommand(files: string[], options: SimulateOptions): number {
  if (files.length !== 1 || options.events.length === 0) {
    throw new CliError(
      'usage: portalflow simulate <definition> --events <script.json> [--events …] [--calendar file] [--start ISO] [--json]',
      EXIT.usage,
    );
  }
  const { definition } = loadDefinition(files[0]!);
  const calendar = options.calendar ? loadData(options.calendar) : undefined;
  const timeZone = (calendar as { timeZone?: string } | undefined)?.timeZone ?? 'UTC';
  if (options.start !== undefined && Number.isNaN(Date.parse(options.start))) {
    throw new CliError(`--start: '${options.start}' is not a date-time`, EXIT.usage);
  }
  const runs: Array<{ file: string; result: SimulationResult }> = [];
  for (const file of options.events) {
    const script = loadScript(file);
    try {
      runs.push({ file, result: simulate(definition, script, { calendar, start: options.start }) });
    } catch (error) {
      if (error instanceof PortalflowError)
        throw new CliError(`${file}: ${error.message}`, EXIT.findings, error.code);
      throw error;
    }
  }
  const report = coverage(
    definition,
    runs.map((r) => r.result),
  );
  const rejected = runs.filter((r) => !r.result.ok);
  if (options.json) {
    const out = {
      definition: definition.id,
      runs: runs.map(({ file, result }) => ({
        file,
        ok: result.ok,
        error: result.error,
        status: result.snapshot?.status ?? 'not-started',
        steps: result.steps.map((s) => ({
          index: s.index,
          at: s.at,
          event: s.event,
          active: s.active,
          status: s.status,
        })),
      })),
      coverage: report,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return rejected.length > 0 ? EXIT.findings : EXIT.ok;
  }
  for (const { file, result } of runs) {
    process.stdout.write(`${bold(definition.title)} ${dim(`· ${file}`)}\n`);
    for (const step of result.steps) {
      const n = String(step.index + 1).padStart(3);
      process.stdout.write(
        `${n}  ${dim(clock(step.at, timeZone))}  ${describeEvent(step.event)}\n       → ${describeActive(step, definition, timeZone)}\n`,
      );
    }
    if (result.error) {
      process.stdout.write(
        `${red(`✗ event ${result.error.index + 1} (${describeEvent(result.error.event)}) rejected: ${result.error.code}: ${result.error.message}`)}\n`,
      );
    }
  }
  if (runs.length > 1 || rejected.length === 0) {
    process.stdout.write(
      `coverage: steps ${report.steps.covered}/${report.steps.total}, outcomes ${report.outcomes.covered}/${report.outcomes.total}, ` +
        `edges ${report.edges.covered}/${report.edges.total}, deadlines ${report.deadlines.covered}/${report.deadlines.total} (${pct(report.ratio)})\n`,
    );
    for (const m of report.outcomes.missing)
      process.stdout.write(dim(`  not taken: ${m.step} → ${m.outcome}\n`));
  }
  process.stdout.write(
    rejected.length > 0
      ? `${red(`✗ ${plural(rejected.length, 'script')} rejected of ${runs.length}`)}\n`
      : `${green(`✓ ${plural(runs.length, 'script')} ran`)}\n`,
  );
  return rejected.length > 0 ? EXIT.findings : EXIT.ok;
}
