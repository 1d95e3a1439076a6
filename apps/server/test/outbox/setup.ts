import { type Definition, parseDefinition } from '@portalflow/engine';
import { openStore, type Store } from '@portalflow/store';
import { createApp } from '../../src/app.ts';
import { defaultConfig, type OutboxConfig, outboxConfig } from '../../src/config.ts';
import type { AppDeps } from '../../src/deps.ts';
import { LiveHub } from '../../src/live/hub.ts';
import { type Listener, listen } from '../support/listen.ts';
import { publish, tempDb, userWithToken } from '../support/prepare.ts';

/** Patient data started with every instance: none of it may reach an email or a webhook. */
export const PATIENT = {
  patient: 'Zebulon Quixote-Marchetti',
  dob: '1961-02-03',
  mrn: 'MRN-7741093',
  note: 'Allergic to penicillin; lisinopril 20 mg',
};

/** A start form that takes the patient data above (start data is held to the start form). */
export const PATIENT_FORM = [
  { id: 'patient', label: 'Patient', type: 'text' },
  { id: 'dob', label: 'Date of birth', type: 'date' },
  { id: 'mrn', label: 'Medical record number', type: 'text' },
  { id: 'note', label: 'Note', type: 'textarea' },
];

export const refill: Definition = parseDefinition({
  id: 'refill-outbox',
  title: 'Prescription refill',
  roles: [
    { id: 'nurse', name: 'Nurse' },
    { id: 'supervisor', name: 'Nursing supervisor' },
  ],
  start: 'triage',
  intake: { roles: ['nurse'], form: PATIENT_FORM },
  steps: {
    triage: {
      type: 'task',
      role: 'nurse',
      title: 'Triage the refill request',
      outcomes: { done: 'closed' },
      deadline: { after: 'PT1M', escalateTo: 'supervisor' },
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
});

export interface Person {
  id: string;
  token: string;
}

export interface Harness {
  store: Store;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  http: Listener;
  /** The clock every part of the server reads; tests move it. */
  clock: { now: number; advance(ms: number): void };
  people: Record<string, Person>;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies of every shape; tests read them as JSON
  call(method: string, path: string, as: Person, body?: unknown): Promise<{ status: number; body: any }>;
  /**
   * Where a person's email goes. People set it signed in, on the preferences screen; an API token may
   * not change it (a stolen token must not redirect the mail), so it is written here as that screen saves it.
   */
  setAddress(as: Person, address: string | null): Promise<void>;
  close(): Promise<void>;
}

/** A real libSQL file, the whole app on a real listener, a movable clock, and a clinic's people. */
export async function harness(outbox: Partial<OutboxConfig>): Promise<Harness> {
  const db = await tempDb('portalflow-outbox-');
  const store = await openStore({ url: db.url });
  await publish(store, refill);
  const clock = {
    now: Date.now(),
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const deps: AppDeps = {
    store,
    config: defaultConfig({
      processId: 'outbox-a',
      outbox: { ...outboxConfig({}), digestTime: null, ...outbox },
    }),
    live: new LiveHub(),
    clock: () => new Date(clock.now).toISOString(),
    clinicName: 'Riverside Clinic',
    log: () => {},
  };
  const app = createApp(deps);
  const http = await listen(app.app);
  const people: Record<string, Person> = {};
  for (const [name, roles] of [
    ['boss', ['admin']],
    ['nina', ['nurse']],
    ['ned', ['nurse']],
    ['sam', ['supervisor']],
    ['sue', ['supervisor']],
  ] as const) {
    people[name] = await userWithToken(store, name, [...roles]);
  }
  return {
    store,
    deps,
    app,
    http,
    clock,
    people,
    async call(method, path, as, body) {
      const res = await fetch(`${http.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${as.token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async setAddress(as, address) {
      const saved = await store.getEmailPreferences(as.id);
      const { updatedAt: _, ...kept } = saved;
      await store.saveEmailPreferences({ ...kept, address }, new Date(clock.now).toISOString());
    },
    async close() {
      await http.close();
      await store.close();
      await db.remove();
    },
  };
}

/** Every way a value could show up in a message: as is, lower-cased, and each word of it. */
export function patientNeedles(): string[] {
  const needles = new Set<string>();
  for (const value of Object.values(PATIENT)) {
    needles.add(value.toLowerCase());
    // Words too: a name split across a line still leaks. Short or all-digit pieces would match ids by chance.
    for (const word of value.split(/[\s;,-]+/))
      if (word.length >= 5 && /[a-z]/i.test(word)) needles.add(word.toLowerCase());
  }
  return [...needles];
}
