// Records the self-loop golden history: steps whose outcome or deadline leads back to themselves
// (a task, a wait, and a task inside a parallel branch), none of which the examples contain.
//   npx -y pnpm@12.4.2 exec tsx packages/engine/test/support/record-self-loops.ts
// Regenerate only for an intended change of behaviour.
import { writeFileSync } from 'node:fs';
import type { Definition } from '../../src/definition.ts';
import type { Effect } from '../../src/effects.ts';
import type { RecordedEvent } from '../../src/events.ts';
import type { InstanceSnapshot } from '../../src/snapshot.ts';
import { transition } from '../../src/transition.ts';
import type { GoldenHistory } from './golden.ts';

export const selfLoops: Definition = {
  id: 'self-loops',
  title: 'Document review with revisions',
  roles: [
    { id: 'nurse', name: 'Nurse' },
    { id: 'provider', name: 'Provider' },
  ],
  start: 'review',
  steps: {
    review: {
      type: 'task',
      role: 'nurse',
      title: 'Review the document',
      outcomes: { revise: 'review', ready: 'hold' },
      deadline: { after: 'PT4H', goTo: 'review' },
      form: [{ id: 'note', label: 'Note', type: 'text' }],
      help: 'Review.',
    },
    hold: {
      type: 'wait',
      title: 'Wait for the patient',
      signal: 'patient-replied',
      next: 'sign-off',
      deadline: { after: 'P1D', goTo: 'hold' },
    },
    'sign-off': { type: 'parallel', title: 'Check and sign', branches: ['check', 'sign'], join: 'done' },
    check: {
      type: 'task',
      role: 'nurse',
      title: 'Check the chart',
      outcomes: { again: 'check', ok: 'done' },
      deadline: { after: 'PT2H', escalateTo: 'provider' },
      help: 'Check.',
    },
    sign: {
      type: 'task',
      role: 'provider',
      title: 'Sign',
      outcomes: { signed: 'done' },
      help: 'Sign.',
    },
    done: { type: 'end', outcome: 'reviewed' },
  },
};

const at = (minutes: number) =>
  new Date(Date.parse('2026-03-02T14:00:00.000Z') + minutes * 60_000).toISOString();

const script: RecordedEvent[] = [
  { at: at(0), event: { type: 'start', data: { doc: 'letter' } } },
  { at: at(10), event: { type: 'reassign', step: 'review', assignee: 'ana' } },
  {
    at: at(20),
    event: {
      type: 'complete',
      step: 'review',
      outcome: 'revise',
      role: 'nurse',
      actor: 'ana',
      data: { note: 'typo' },
    },
  },
  { at: at(20 + 240), event: { type: 'timer-fired', timer: '2.deadline' } },
  { at: at(300), event: { type: 'complete', step: 'review', outcome: 'revise', role: 'nurse', data: {} } },
  {
    at: at(310),
    event: { type: 'complete', step: 'review', outcome: 'ready', role: 'nurse', data: { note: 'ok' } },
  },
  { at: at(310 + 1440), event: { type: 'timer-fired', timer: '5.deadline' } },
  { at: at(1800), event: { type: 'signal', name: 'patient-replied' } },
  { at: at(1810), event: { type: 'complete', step: 'check', outcome: 'again', role: 'nurse' } },
  { at: at(1810 + 120), event: { type: 'timer-fired', timer: '9.deadline' } },
  { at: at(1940), event: { type: 'complete', step: 'check', outcome: 'again', role: 'provider' } },
  { at: at(1950), event: { type: 'complete', step: 'sign', outcome: 'signed', role: 'provider' } },
  { at: at(1960), event: { type: 'complete', step: 'check', outcome: 'ok', role: 'nurse' } },
];

export function recordSelfLoops(): GoldenHistory {
  let snapshot: InstanceSnapshot | null = null;
  const effects: Effect[][] = [];
  for (const { at, event } of script) {
    const result = transition(selfLoops, snapshot, event, at);
    if (!result.ok) throw new Error(`${event.type} at ${at}: ${result.error.message}`);
    snapshot = result.snapshot;
    effects.push(result.effects);
  }
  return {
    description: 'Self-loops: a task, a wait and a parallel branch task that lead back to themselves',
    definition: selfLoops,
    history: script,
    effects,
    snapshot,
  };
}

if (process.argv[1]?.endsWith('record-self-loops.ts')) {
  const out = new URL('../fixtures/self-loops/history.json', import.meta.url).pathname;
  writeFileSync(out, `${JSON.stringify(recordSelfLoops(), null, 1)}\n`);
}
