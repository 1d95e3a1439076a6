import { type Definition, type EngineEvent, transition } from '@portalflow/engine';
import {
  GENESIS_HASH,
  type Instance,
  type InstanceChange,
  projectEffects,
  type Store,
} from '../../src/index.ts';

export const T0 = '2026-03-02T16:00:00.000Z';

/** Adds minutes to T0 (or another time). */
export const at = (minutes: number, from = T0) => new Date(Date.parse(from) + minutes * 60_000).toISOString();

/** A small portal-message triage: a deadline that escalates, a decision, two roles' queues. */
export const triage: Definition = {
  id: 'portal-message-triage',
  title: 'Patient portal message triage',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'nurse', name: 'Triage nurse' },
    { id: 'supervisor', name: 'Front office supervisor' },
  ],
  start: 'classify',
  // Instances start with a subject line (start data is held to the start form).
  intake: { roles: ['front-desk'], form: [{ id: 'subject', label: 'Subject line', type: 'text' }] },
  steps: {
    classify: {
      type: 'task',
      role: 'front-desk',
      title: 'Classify the message',
      outcomes: { clinical: 'nurse-review', spam: 'closed' },
      deadline: { after: 'PT4H', escalateTo: 'supervisor' },
      help: 'Clinical: symptoms, medications, results.',
    },
    'nurse-review': {
      type: 'task',
      role: 'nurse',
      title: 'Answer or route to provider',
      outcomes: { answered: 'closed' },
      help: 'Answer from protocol.',
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
};

/** Saves and publishes `definition`; returns its version number. */
export async function publish(store: Store, definition: Definition = triage): Promise<number> {
  const draft = await store.getDraft(definition.id);
  const saved = await store.saveDraft({
    id: definition.id,
    title: definition.title,
    definition,
    expectedRevision: draft?.revision ?? 0,
    updatedBy: 'lead',
  });
  if (!saved.ok) throw new Error(`could not save ${definition.id}`);
  const published = await store.publish({ definitionId: definition.id, publishedBy: 'lead' });
  if (!published.ok) throw new Error(`could not publish ${definition.id}`);
  return published.version.version;
}

/** The change that starts an instance, built the way the server builds it: engine, then projection. */
export function startChange(
  instanceId: string,
  options: {
    version?: number;
    when?: string;
    actor?: string;
    practice?: boolean;
    definition?: Definition;
  } = {},
): InstanceChange {
  const definition = options.definition ?? triage;
  const when = options.when ?? T0;
  const actor = options.actor ?? 'frontdesk-1';
  const event: EngineEvent = { type: 'start', actor, role: 'front-desk', data: { subject: 'refill' } };
  const r = transition(definition, null, event, when);
  if (!r.ok) throw r.error;
  return {
    instanceId,
    expectedRevision: 0,
    create: {
      definitionId: definition.id,
      version: options.version ?? 1,
      startedBy: actor,
      practice: options.practice ?? false,
    },
    event: { at: when, actor, role: 'front-desk', type: event.type, payload: event, prevHash: GENESIS_HASH },
    snapshot: r.snapshot,
    ...projectEffects(r.effects, { definition, snapshot: r.snapshot, at: when, actor }),
  };
}

/** The change that applies `event` to `instance` as read. */
export function nextChange(
  instance: Instance,
  event: EngineEvent,
  when: string,
  definition: Definition = triage,
): InstanceChange {
  const r = transition(definition, instance.snapshot, event, when);
  if (!r.ok) throw r.error;
  const actor = 'actor' in event ? (event.actor ?? null) : null;
  const role = 'role' in event ? (event.role ?? null) : null;
  return {
    instanceId: instance.id,
    expectedRevision: instance.revision,
    event: { at: when, actor, role, type: event.type, payload: event, prevHash: instance.lastHash },
    snapshot: r.snapshot,
    ...projectEffects(r.effects, { definition, snapshot: r.snapshot, at: when, actor }),
  };
}

/** Reads an instance that must exist. */
export async function mustGet(store: Store, id: string): Promise<Instance> {
  const instance = await store.getInstance(id);
  if (!instance) throw new Error(`instance ${id} missing`);
  return instance;
}

/** Starts an instance and returns it as read back. */
export async function startInstance(
  store: Store,
  id: string,
  options: Parameters<typeof startChange>[1] = {},
): Promise<Instance> {
  const result = await store.commitInstanceChange(startChange(id, options));
  if (!result.ok) throw new Error(`start ${id}: ${result.reason}`);
  return mustGet(store, id);
}
