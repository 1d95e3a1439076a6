import {
  type CoverageReport,
  coverage,
  type Definition,
  type FormField,
  type ScriptEvent,
  type SimulationResult,
} from '@portalflow/engine';
import { useMemo, useState } from 'react';
import { usePatternChecks } from '../forms/patternChecks.ts';
import { actionsOf, completeEvent, highlightOf, runScript, type SimAction } from '../model/simulation.ts';
import { simulationStart } from '../model/simulationStart.ts';
import { useClinicConfig } from '../shell/clinic.ts';
import { type FieldErrors, type FormValues, localToday } from '../work/form.ts';
import { practiceAnswers } from './practiceAnswers.ts';
import { answersOfStartData, startDataOf, startDataText } from './simStartData.ts';

export interface Simulation {
  result: SimulationResult;
  actions: SimAction[];
  highlight: ReturnType<typeof highlightOf>;
  /** Of all runs so far; all zero while the editor is not simulating. */
  coverage: CoverageReport;
  runs: number;
  /** Changes whenever the run starts again (a new run, other start data): open tasks are asked afresh. */
  runKey: string;
  canStepBack: boolean;
  /** The start form's fields (New request's), answered with practice values the lead may change. */
  startFields: readonly FormField[];
  answers: FormValues;
  /** What New request would refuse of the answers, by field, in words: the run waits for none. */
  answerErrors: FieldErrors;
  /** "1 field needs attention."; null once the run can start. */
  startProblem: string | null;
  /** A change of answer starts the run again, from the start form. */
  setAnswer(fieldId: string, value: unknown): void;
  /** The same start data written out, for the Advanced box; in step with the answers both ways. */
  data: string;
  dataError: string | null;
  /** When the run starts: the clinic's next working moment when the simulation opened, or the one picked. */
  start: string;
  setStart(instant: string): void;
  setData(text: string): void;
  /** The last event the engine refused (it is not kept in the run). */
  rejected: string | null;
  complete(action: SimAction, outcome: string, data?: Record<string, unknown>): void;
  signal(name: string): void;
  advance(by: string): void;
  undoLast(): void;
  newRun(): void;
}

const IDLE: SimulationResult = {
  ok: true,
  steps: [],
  history: [],
  snapshot: null,
  clock: new Date(0).toISOString(),
};

/** Coverage while the editor is not simulating: nothing is shown, nothing is counted. */
const NOT_SIMULATING: CoverageReport = {
  steps: { total: 0, covered: 0, missing: [] },
  edges: { total: 0, covered: 0, missing: [] },
  outcomes: { total: 0, covered: 0, missing: [] },
  deadlines: { total: 0, covered: 0, missing: [] },
  ratio: 0,
};

/** A practice run in the browser: the script of events is the state; the engine replays it. */
export function useSimulation(definition: Definition, enabled = true): Simulation {
  const [script, setScript] = useState<ScriptEvent[]>([]);
  // The lead's own answers over the practice ones; data written by hand for keys no field asks; and
  // the Advanced box's text while it is being typed (otherwise it is written from the answers).
  const [own, setOwn] = useState<FormValues>({});
  const [extra, setExtra] = useState<Record<string, unknown>>({});
  const [typed, setTyped] = useState<string | null>(null);
  const [starts, setStarts] = useState(0);
  const [finished, setFinished] = useState<SimulationResult[]>([]);
  const [rejected, setRejected] = useState<string | null>(null);
  // Business-time deadlines count in the clinic's own calendar, as they will once published.
  const calendar = useClinicConfig().data?.calendar ?? undefined;
  const [picked, setPicked] = useState<string | null>(null);
  // Read again each time the simulation opens: a run started this afternoon starts this afternoon.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `enabled` is the moment to read the clock again
  const nextWorking = useMemo(() => simulationStart(new Date().toISOString(), calendar), [enabled, calendar]);
  const start = picked ?? nextWorking;
  const startFields = useMemo(() => definition.intake?.form ?? [], [definition.intake]);
  const today = localToday();
  const answers = useMemo(
    () => ({ ...practiceAnswers(startFields, today), ...own }),
    [startFields, today, own],
  );
  // Checked against the start form's patterns once RE2 is here (at once: the editor brings it).
  const patternsReady = usePatternChecks(startFields);
  // biome-ignore lint/correctness/useExhaustiveDependencies: checked again when the pattern checks come
  const started = useMemo(
    () => startDataOf(startFields, answers, extra, today),
    [startFields, answers, extra, today, patternsReady],
  );
  const dataError = useMemo(() => (typed === null ? null : (readStartData(typed).error ?? null)), [typed]);
  const startEvent = useMemo<ScriptEvent>(() => ({ type: 'start', data: started.data }), [started.data]);
  const waiting = started.summary !== null;
  // Nothing runs while the editor is not simulating: compiling on every edit would cost for nothing.
  const result = useMemo(
    () =>
      // A start form New request would refuse starts nothing: its fields say why.
      !enabled || waiting
        ? { ...IDLE, clock: start }
        : runScript(definition, [startEvent, ...script], calendar, start),
    [enabled, waiting, definition, script, startEvent, calendar, start],
  );
  const actions = useMemo(
    () => (enabled ? actionsOf(definition, result) : []),
    [enabled, definition, result],
  );
  const highlight = useMemo(() => highlightOf(definition, result), [definition, result]);
  // Coverage walks the whole workflow (several ms at 1,000 steps): only while simulating, not on
  // every edit.
  const report = useMemo(
    () => (enabled ? coverage(definition, [...finished, result]) : NOT_SIMULATING),
    [enabled, definition, finished, result],
  );
  // New start data starts the run again; what the run had covered still counts.
  const startAgain = () => {
    if (script.length > 0) setFinished((f) => [...f, result]);
    setScript([]);
    setRejected(null);
    setStarts((n) => n + 1);
  };
  // An event the engine refuses is reported and dropped, so the run stays usable.
  const push = (event: ScriptEvent) => {
    const next = [...script, event];
    const attempt = runScript(definition, [startEvent, ...next], calendar, start);
    if (attempt.error && attempt.error.index === next.length) {
      setRejected(attempt.error.message);
      return;
    }
    setRejected(null);
    setScript(next);
  };
  return {
    result,
    actions,
    highlight,
    coverage: report,
    runs: finished.length + 1,
    runKey: `${finished.length}-${starts}`,
    canStepBack: script.length > 0,
    startFields,
    answers,
    answerErrors: started.errors,
    startProblem: started.summary,
    setAnswer: (fieldId, value) => {
      setOwn((o) => ({ ...o, [fieldId]: value }));
      setTyped(null);
      startAgain();
    },
    data: typed ?? startDataText(started.data),
    dataError,
    setData: (text) => {
      setTyped(text);
      const read = readStartData(text);
      if (!read.value) return;
      const split = answersOfStartData(startFields, read.value);
      setOwn(split.answers);
      setExtra(split.extra);
      startAgain();
    },
    start,
    setStart: setPicked,
    rejected,
    complete: (action, outcome, data) => push(completeEvent(action, outcome, data)),
    signal: (name) => push({ type: 'signal', name }),
    advance: (by) => push({ type: 'advance', by }),
    undoLast: () => {
      setRejected(null);
      setScript((s) => s.slice(0, -1));
    },
    newRun: () => {
      setFinished((f) => [...f, result]);
      setScript([]);
      setRejected(null);
    },
  };
}

/** The Advanced box's text read as start data, or why it cannot be, in words. */
function readStartData(text: string): { value?: Record<string, unknown>; error?: string } {
  try {
    const value = JSON.parse(text || '{}') as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value))
      return { error: 'Starting data is written between { and }, e.g. {"urgent": true}' };
    return { value: value as Record<string, unknown> };
  } catch (error) {
    return { error: `Starting data cannot be read: ${(error as Error).message}` };
  }
}
