import { type Definition, parseDefinition } from '@portalflow/engine';
import { openStore } from '@portalflow/store';
import { publish, servicesFor, startInstances, userWithToken } from '../../test/support/prepare.ts';

/** The one data field the load writes: each step may replace the note on purpose. */
const NOTE = { id: 'note', label: 'Note', type: 'text', ownership: 'shared' } as const;

/**
 * A refill request: a nurse triages it under a deadline that escalates to the supervisor, then calls
 * the pharmacy. Short deadlines make the timer worker fire under load.
 */
export function refillWorkflow(deadline = 'PT3S', id = 'refill-under-fire'): Definition {
  return parseDefinition({
    id,
    title: 'Refill request under fire',
    roles: [
      { id: 'nurse', name: 'Nurse' },
      { id: 'supervisor', name: 'Nursing supervisor' },
    ],
    start: 'triage',
    // The counters the load starts requests with, to tell them apart (start data is held to this form).
    intake: {
      roles: ['nurse'],
      form: [
        { id: 'n', label: 'Request number', type: 'number' },
        { id: 'round', label: 'Round', type: 'number' },
        { id: 'op', label: 'Operation', type: 'number' },
      ],
    },
    steps: {
      triage: {
        type: 'task',
        role: 'nurse',
        title: 'Triage the refill request',
        outcomes: { routine: 'follow-up', urgent: 'closed' },
        deadline: { after: deadline, escalateTo: 'supervisor' },
        form: [NOTE],
      },
      'follow-up': {
        type: 'task',
        role: 'nurse',
        title: 'Call the pharmacy',
        outcomes: { done: 'closed' },
        form: [NOTE],
      },
      closed: { type: 'end', outcome: 'resolved' },
    },
  });
}

export const REFILL_OUTCOMES: Record<string, string[]> = {
  triage: ['routine', 'urgent'],
  'follow-up': ['done'],
};

export interface ClinicUser {
  id: string;
  username: string;
  roles: string[];
  token: string;
}

export interface PreparedClinic {
  users: ClinicUser[];
  instanceIds: string[];
}

/** Publishes the workflows, makes users with API tokens, starts `instances` of the first workflow. */
export async function prepareClinic(
  url: string,
  options: {
    workflows: Definition[];
    users: Array<{ username: string; roles: string[] }>;
    instances?: number;
    /** Which workflow each started instance uses (default: the first). */
    workflowFor?: (n: number) => string;
  },
): Promise<PreparedClinic> {
  const store = await openStore({ url });
  try {
    for (const w of options.workflows) await publish(store, w);
    const users: ClinicUser[] = [];
    for (const u of options.users) {
      const made = await userWithToken(store, u.username, u.roles);
      users.push({ id: made.id, username: u.username, roles: u.roles, token: made.token });
    }
    const { instances } = servicesFor(store);
    const instanceIds: string[] = [];
    const count = options.instances ?? 0;
    if (options.workflowFor) {
      const byWorkflow = new Map<string, number>();
      for (let n = 0; n < count; n++) {
        const w = options.workflowFor(n);
        byWorkflow.set(w, (byWorkflow.get(w) ?? 0) + 1);
      }
      for (const [w, n] of byWorkflow) instanceIds.push(...(await startInstances(instances, w, n, 200)));
    } else if (count > 0) {
      instanceIds.push(...(await startInstances(instances, options.workflows[0]!.id, count, 200)));
    }
    return { users, instanceIds };
  } finally {
    await store.close();
  }
}
