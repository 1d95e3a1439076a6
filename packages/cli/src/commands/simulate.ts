import {
  type ActiveView,
  assignmentKind,
  coverage,
  type Definition,
  type EngineEvent,
  idToWords,
  PortalflowError,
  parseScript,
  type ScriptEvent,
  type SimulationResult,
  type SimulationStep,
  simulate,
} from '@portalflow/engine';
import { bold, dim, green, pct, plural, red } from '../format.ts';
import { CliError, EXIT, loadData, loadDefinition } from '../io.ts';
import { clinicTime, endedAt, roleTitle, stepTitle } from '../words.ts';

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

/** `P2D` → “2 days”: how far a script moves the clock, in words. */
function durationWords(iso: string): string {
  const units: Array<[RegExp, string]> = [
    [/(\d+)W/, 'week'],
    [/P(?:[^T]*?)(\d+)D/, 'day'],
    [/T(?:[^H]*?)(\d+)H/, 'hour'],
    [/T(?:[^M]*?)(\d+)M/, 'minute'],
  ];
  const parts = units.flatMap(([re, unit]) => {
    const n = re.exec(iso)?.[1];
    return n ? [plural(Number(n), unit)] : [];
  });
  return parts.length > 0 ? parts.join(' ') : iso;
}

/**
 * What a scripted event did, in a lead's words: steps by title, roles by title, outcomes in words.
 * `open` is what was open before it, which tells whose deadline a timer was; `person` names an account.
 */
export function describeEvent(
  event: EngineEvent | ScriptEvent,
  definition: Definition,
  open: readonly ActiveView[] = [],
  person: (id: string) => string = (id) => id,
  // A replay names who acted and in which role beside the event: the completion need not say it again.
  withRole = true,
): string {
  const stepOf = (token: string) => open.find((a) => a.token === token)?.step;
  switch (event.type) {
    case 'start':
      return 'Started';
    case 'complete':
      return `Completed ${stepTitle(definition, event.step)} with “${idToWords(event.outcome)}”${withRole ? ` (${roleTitle(definition, event.role)})` : ''}`;
    case 'signal':
      return `Signal “${idToWords(event.name)}” received`;
    case 'end-wait': {
      const step = stepOf(event.token);
      return `Ended${step ? ` ${stepTitle(definition, step)}` : ' a wait'} early: ${event.reason.trim()}`;
    }
    case 'timer-fired': {
      const [token, kind] = event.timer.split('.');
      const step = stepOf(token ?? '');
      const on = step ? ` on ${stepTitle(definition, step)}` : '';
      return kind === 'wait' ? `Wait ended${on}` : `Deadline passed${on}`;
    }
    case 'reassign': {
      const step = event.step ?? (event.token ? stepOf(event.token) : undefined);
      const on = step ? ` ${stepTitle(definition, step)}` : '';
      const kind = assignmentKind(event);
      if (kind === 'claim') return `Claimed${on}`;
      if (kind === 'release') return `Released${on} to the pool`;
      const to = event.toRole ? ` to ${roleTitle(definition, event.toRole)}` : '';
      const who =
        event.assignee === undefined
          ? ''
          : event.assignee
            ? `, assigned to ${person(event.assignee)}`
            : ', back to the pool';
      return `Reassigned${on}${to}${who}`;
    }
    case 'cancel':
      return 'Cancelled';
    case 'calendar-changed':
      return 'Clinic hours changed';
    case 'advance':
      return `${durationWords(event.by)} pass`;
  }
}

/** What is open after an event, or where the request ended. */
export function describeActive(step: SimulationStep, definition: Definition, timeZone: string): string {
  if (step.status !== 'active') {
    const ended = step.effects.find((e) => e.type === 'instance.ended');
    if (ended?.type === 'instance.ended') return green(endedAt(definition, ended));
    return step.status === 'done' ? green('Ended') : 'Cancelled';
  }
  if (step.active.length === 0) return 'nothing open';
  return `open: ${step.active
    .map((a) =>
      a.kind === 'wait'
        ? `${stepTitle(definition, a.step)} (waiting${a.due ? `, until ${clinicTime(a.due, timeZone)}` : ''})`
        : `${stepTitle(definition, a.step)} (${roleTitle(definition, a.role)}${a.assignee ? `, ${a.assignee}` : ''}${a.due ? `, due ${clinicTime(a.due, timeZone)}` : ''})`,
    )
    .join(', ')}`;
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
  // Without a clinic calendar the times are UTC: say so, a lead would read them as clinic time.
  const zoneWords = calendar ? `the clinic's zone (${timeZone})` : 'UTC (no --calendar given)';
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
    process.stdout.write(`${bold(definition.title)} ${dim(`· ${file} · times in ${zoneWords}`)}\n`);
    let open: readonly ActiveView[] = [];
    for (const step of result.steps) {
      const n = String(step.index + 1).padStart(3);
      process.stdout.write(
        `${n}  ${dim(clinicTime(step.at, timeZone))}  ${describeEvent(step.event, definition, open)}\n       → ${describeActive(step, definition, timeZone)}\n`,
      );
      open = step.active;
    }
    if (result.error) {
      process.stdout.write(
        `${red(`✗ event ${result.error.index + 1} (${describeEvent(result.error.event, definition, open)}) rejected: ${result.error.code}: ${result.error.message}`)}\n`,
      );
    }
  }
  if (runs.length > 1 || rejected.length === 0) {
    process.stdout.write(
      `coverage: steps ${report.steps.covered}/${report.steps.total}, outcomes ${report.outcomes.covered}/${report.outcomes.total}, ` +
        `edges ${report.edges.covered}/${report.edges.total}, deadlines ${report.deadlines.covered}/${report.deadlines.total} (${pct(report.ratio)})\n`,
    );
    for (const m of report.outcomes.missing)
      process.stdout.write(dim(`  not taken: ${stepTitle(definition, m.step)} → ${idToWords(m.outcome)}\n`));
  }
  process.stdout.write(
    rejected.length > 0
      ? `${red(`✗ ${plural(rejected.length, 'script')} rejected of ${runs.length}`)}\n`
      : `${green(`✓ ${plural(runs.length, 'script')} ran`)}\n`,
  );
  return rejected.length > 0 ? EXIT.findings : EXIT.ok;
}
