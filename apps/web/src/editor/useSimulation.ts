import {
  type CoverageReport,
  coverage,
  type Definition,
  type ScriptEvent,
  type SimulationResult,
} from '@portalflow/engine';
import { useMemo, useState } from 'react';
import { actionsOf, completeEvent, highlightOf, runScript, type SimAction } from '../model/simulation.ts';
import { simulationStart } from '../model/simulationStart.ts';
import { useClinicConfig } from '../shell/clinic.ts';

export interface Simulation {
  result: SimulationResult;
  actions: SimAction[];
  highlight: ReturnType<typeof highlightOf>;
  /** Of all runs so far; all zero while the editor is not simulating. */
  coverage: CoverageReport;
  runs: number;
  canStepBack: boolean;
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
  const [data, setData] = useState('{}');
  const [finished, setFinished] = useState<SimulationResult[]>([]);
  const [rejected, setRejected] = useState<string | null>(null);
  // Business-time deadlines count in the clinic's own calendar, as they will once published.
  const calendar = useClinicConfig().data?.calendar ?? undefined;
  const [picked, setPicked] = useState<string | null>(null);
  // Read again each time the simulation opens: a run started this afternoon starts this afternoon.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `enabled` is the moment to read the clock again
  const nextWorking = useMemo(() => simulationStart(new Date().toISOString(), calendar), [enabled, calendar]);
  const start = picked ?? nextWorking;
  const parsed = useMemo(() => {
    try {
      const value = JSON.parse(data || '{}') as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value))
        return { error: 'Instance data must be a JSON object' };
      return { value: value as Record<string, unknown> };
    } catch (error) {
      return { error: `Instance data is not valid JSON: ${(error as Error).message}` };
    }
  }, [data]);
  // Nothing runs while the editor is not simulating: compiling on every edit would cost for nothing.
  const result = useMemo(
    () =>
      enabled
        ? runScript(definition, [{ type: 'start', data: parsed.value ?? {} }, ...script], calendar, start)
        : IDLE,
    [enabled, definition, script, parsed.value, calendar, start],
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
  // An event the engine refuses is reported and dropped, so the run stays usable.
  const push = (event: ScriptEvent) => {
    const next = [...script, event];
    const attempt = runScript(
      definition,
      [{ type: 'start', data: parsed.value ?? {} }, ...next],
      calendar,
      start,
    );
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
    canStepBack: script.length > 0,
    data,
    dataError: parsed.error ?? null,
    setData,
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
