import type { Definition, Step, TaskStep } from '../../src/definition.ts';

/**
 * A long, lint-clean workflow for benchmarks and scale tests: a ladder of tasks across eight clinic
 * roles, a decision every 10 steps, a two-branch parallel block every 50, a wait every 30, rework
 * loops back two steps, and deadlines that escalate. Deterministic: the same size gives the same
 * definition. `steps` counts every step, including the one end step.
 */
export function generateDefinition(steps: number): Definition {
  if (!Number.isInteger(steps) || steps < 2)
    throw new Error(`generateDefinition needs at least 2 steps, got ${steps}`);
  const last = steps - 1; // positions 0..last-1 are work, `last` is the end step
  const id = (i: number): string => (i >= last ? 'done' : `s${String(i).padStart(5, '0')}`);

  // First pass: what each position is, so no arrow from the main line lands inside a parallel block.
  const kinds: Array<'task' | 'decision' | 'wait' | 'fork' | 'branch'> = [];
  const forkOf: number[] = [];
  for (let i = 0; i < last; i++) {
    if (i % 50 === 25 && i + 5 < last) {
      kinds.push('fork', 'branch', 'branch', 'branch', 'branch');
      forkOf.push(i, i, i, i, i);
      i += 4;
    } else {
      kinds.push(i % 10 === 5 && i + 2 < last ? 'decision' : i % 30 === 17 ? 'wait' : 'task');
      forkOf.push(-1);
    }
  }
  const mainline = (i: number): boolean => kinds[i] === 'task' || kinds[i] === 'decision';

  const result: Record<string, Step> = {};
  for (let i = 0; i < last; i++) {
    const kind = kinds[i]!;
    if (kind === 'fork') {
      // Branches i+1 → i+2 and i+3 → i+4, both joining at i+5.
      result[id(i)] = {
        type: 'parallel',
        title: 'Prepare in parallel',
        branches: [id(i + 1), id(i + 3)],
        join: id(i + 5),
      };
    } else if (kind === 'branch') {
      const offset = i - forkOf[i]!;
      const join = id(forkOf[i]! + 5);
      result[id(i)] = task(i, offset % 2 === 1 ? { done: id(i + 1) } : { done: join, 'not-needed': join });
    } else if (kind === 'decision') {
      const skip = kinds[i + 2] === 'branch' ? i + 1 : i + 2;
      result[id(i)] = {
        type: 'decision',
        title: 'Route by priority',
        branches: [
          { when: 'data.priority == "urgent" or data.age >= 65', to: id(skip) },
          { when: 'data.topic in ["billing", "forms"] and not data.flagged', to: id(i + 1) },
        ],
        otherwise: id(i + 1),
      };
    } else if (kind === 'wait') {
      result[id(i)] = {
        type: 'wait',
        title: 'Wait for the patient',
        signal: 'patient-replied',
        next: id(i + 1),
        deadline: { after: 'P3D', goTo: id(i + 1) },
      };
    } else {
      const outcomes: Record<string, string> = { done: id(i + 1) };
      if (i % 7 === 3 && mainline(i - 1) && mainline(i - 2)) outcomes['needs-rework'] = id(i - 2);
      if (i % 13 === 0 && i > 0) outcomes.cancelled = 'done';
      result[id(i)] = task(i, outcomes);
    }
  }
  result.done = { type: 'end', outcome: 'completed' };

  return {
    id: `generated-${steps}`,
    title: `Generated workflow (${steps} steps)`,
    roles: ROLES,
    start: id(0),
    // What the decisions read: every request may be started with it, none has to be.
    intake: { roles: ['front-desk'], form: START_FORM },
    steps: result,
  };
}

const START_FORM: NonNullable<Definition['intake']>['form'] = [
  { id: 'priority', label: 'Priority', type: 'select', options: ['routine', 'urgent'] },
  { id: 'age', label: "Patient's age", type: 'number' },
  { id: 'topic', label: 'Topic', type: 'select', options: ['billing', 'forms', 'clinical'] },
  { id: 'flagged', label: 'Flagged for review', type: 'boolean' },
];

const ROLES = [
  { id: 'front-desk', name: 'Front desk', department: 'Front office' },
  { id: 'nurse', name: 'Triage nurse', department: 'Nursing' },
  { id: 'provider', name: 'Provider', department: 'Clinical' },
  { id: 'billing', name: 'Billing specialist', department: 'Billing' },
  { id: 'medical-records', name: 'Medical records clerk', department: 'Health information' },
  { id: 'it-support', name: 'Portal IT support', department: 'IT' },
  { id: 'pharmacist', name: 'Pharmacist', department: 'Pharmacy' },
  { id: 'supervisor', name: 'Front office supervisor', department: 'Front office' },
];

const WORK = [
  'Verify identity',
  'Check insurance eligibility',
  'Review the chart',
  'Reply through the portal',
  'Update the medication list',
  'Scan the signed form',
  'Reset portal access',
  'Confirm the appointment',
  'Document the call',
  'Send the statement',
];

function task(i: number, outcomes: Record<string, string>): TaskStep {
  const role = ROLES[i % ROLES.length]!.id;
  const step: TaskStep = {
    type: 'task',
    role,
    // The position keeps titles unique within a lane, as staff need them to be.
    title: `${WORK[i % WORK.length]} (${i})`,
    outcomes,
    help: 'Follow the clinic checklist for this step; ask the supervisor if something does not fit.',
  };
  if (i % 4 === 0)
    step.deadline = { after: 'PT4H', escalateTo: role === 'supervisor' ? 'provider' : 'supervisor' };
  if (i % 20 === 9) {
    step.form = [
      // Every such step adds its note and channel; the latest answer is the one kept, on purpose.
      { id: 'note', label: 'Note for the chart', type: 'textarea', ownership: 'shared' },
      {
        id: 'channel',
        label: 'How the patient was reached',
        type: 'select',
        options: ['Portal', 'Phone', 'Letter'],
        ownership: 'shared',
      },
    ];
  }
  return step;
}
