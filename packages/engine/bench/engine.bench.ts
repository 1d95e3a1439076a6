import { createMachine, initialTransition, transition as xstateTransition } from 'xstate';
import { type BenchRow, medianMs, opsPerSecond } from '../../../scripts/bench-table.ts';
import type { Definition } from '../src/definition.ts';
import type { RecordedEvent } from '../src/events.ts';
import { lint } from '../src/lint/index.ts';
import { replay } from '../src/replay.ts';
import { roleChanges, roleDuties } from '../src/roles/index.ts';
import type { InstanceSnapshot } from '../src/snapshot.ts';
import { transition } from '../src/transition.ts';
import { triage } from '../test/support/definitions.ts';
import { exampleDefinitions } from '../test/support/examples.ts';
import { generateDefinition } from '../test/support/generate.ts';

const T0 = '2026-03-02T16:00:00.000Z';

/** The triage workflow as a hand-written XState machine: the same states and events, no validation, no effects. */
const bareTriage = createMachine({
  id: 'triage',
  initial: 'classify',
  context: { data: {} as Record<string, unknown> },
  states: {
    classify: {
      on: {
        'complete:classify:clinical': 'isUrgent',
        'complete:classify:admin': 'adminReply',
        'complete:classify:spam': 'closed',
      },
    },
    isUrgent: {
      always: [
        { guard: ({ context }) => context.data.urgent === true, target: 'callPatient' },
        { target: 'nurseReview' },
      ],
    },
    callPatient: {
      on: {
        'complete:call-patient:reached': 'closed',
        'complete:call-patient:needs-provider': 'providerReview',
      },
    },
    nurseReview: {
      on: {
        'complete:nurse-review:answered': 'closed',
        'complete:nurse-review:needs-provider': 'providerReview',
      },
    },
    providerReview: { on: { 'complete:provider-review:replied': 'closed' } },
    adminReply: { on: { 'complete:admin-reply:replied': 'closed' } },
    closed: { type: 'final' },
  },
});

/** One instance through classify → nurse-review → provider-review → closed: four transitions. */
function engineRun(): void {
  let r = transition(triage, null, { type: 'start' }, T0);
  if (!r.ok) throw r.error;
  r = transition(
    triage,
    r.snapshot,
    { type: 'complete', step: 'classify', outcome: 'clinical', role: 'front-desk', data: { urgent: false } },
    T0,
  );
  if (!r.ok) throw r.error;
  r = transition(
    triage,
    r.snapshot,
    { type: 'complete', step: 'nurse-review', outcome: 'needs-provider', role: 'nurse' },
    T0,
  );
  if (!r.ok) throw r.error;
  r = transition(
    triage,
    r.snapshot,
    { type: 'complete', step: 'provider-review', outcome: 'replied', role: 'provider' },
    T0,
  );
  if (!r.ok || r.snapshot.status !== 'done') throw new Error('engine run did not finish');
}

function bareRun(): void {
  let [s] = initialTransition(bareTriage);
  [s] = xstateTransition(bareTriage, s, { type: 'complete:classify:clinical' });
  [s] = xstateTransition(bareTriage, s, { type: 'complete:nurse-review:needs-provider' });
  [s] = xstateTransition(bareTriage, s, { type: 'complete:provider-review:replied' });
  if (s.status !== 'done') throw new Error('bare run did not finish');
}

/** A loop workflow for long histories: each revision closes and reopens the task, with a claim between. */
const loop: Definition = {
  id: 'long-history',
  title: 'Long-running review',
  roles: [{ id: 'nurse', name: 'Nurse' }],
  start: 'review',
  steps: {
    review: {
      type: 'task',
      role: 'nurse',
      title: 'Review',
      outcomes: { revise: 'review', done: 'end' },
      deadline: { after: 'P1D', escalateTo: 'nurse' },
      help: 'Review.',
    },
    end: { type: 'end' },
  },
};

export function longHistory(events: number): { history: RecordedEvent[]; snapshot: InstanceSnapshot } {
  const history: RecordedEvent[] = [{ at: T0, event: { type: 'start' } }];
  let t = Date.parse(T0);
  while (history.length < events) {
    t += 60_000;
    const at = new Date(t).toISOString();
    history.push(
      history.length % 2 === 1
        ? { at, event: { type: 'reassign', step: 'review', assignee: `nurse-${history.length % 7}` } }
        : {
            at,
            event: {
              type: 'complete',
              step: 'review',
              outcome: 'revise',
              role: 'nurse',
              actor: `nurse-${(history.length - 1) % 7}`,
            },
          },
    );
  }
  const snapshot = replay(loop, history)!;
  return { history, snapshot };
}

export async function engineBenchmarks(): Promise<BenchRow[]> {
  engineRun();
  bareRun();
  const engine = opsPerSecond(engineRun) * 4;
  const bare = opsPerSecond(bareRun) * 4;
  const big = generateDefinition(1000);
  const lintMs = medianMs(() => lint(big), 25);
  const h10k = longHistory(10_000).history;
  const h51k = longHistory(51_200).history;
  const replay10k = medianMs(() => replay(loop, h10k), 9);
  const replay51k = medianMs(() => replay(loop, h51k), 5);
  // The role catalog derives every role's duties from the published workflows on each request.
  const examples = exampleDefinitions();
  const dutiesMs = medianMs(() => roleDuties(examples), 25);
  const before = roleDuties(examples);
  const changesMs = medianMs(() => roleChanges(before, roleDuties(examples)), 25);
  return [
    {
      name: 'engine transition()',
      value: engine,
      unit: 'transitions/s',
      note: 'triage: start + 3 completes, with validation and effects',
    },
    { name: 'bare XState transition()', value: bare, unit: 'transitions/s' },
    {
      name: 'engine / bare XState',
      value: engine / bare,
      unit: '×',
      goal: '≥ 0.5×',
      met: engine / bare >= 0.5,
    },
    { name: 'lint 1,000-step definition', value: lintMs, unit: 'ms', goal: '< 20 ms', met: lintMs < 20 },
    { name: 'replay 10,000 events', value: replay10k, unit: 'ms', goal: '< 50 ms', met: replay10k < 50 },
    { name: 'replay 51,200 events', value: replay51k, unit: 'ms', goal: '< 1,000 ms', met: replay51k < 1000 },
    { name: 'roleDuties, 9 examples', value: dutiesMs, unit: 'ms', goal: '< 10 ms', met: dutiesMs < 10 },
    {
      name: 'roleDuties + roleChanges, 9 examples',
      value: changesMs,
      unit: 'ms',
      goal: '< 20 ms',
      met: changesMs < 20,
    },
  ];
}
