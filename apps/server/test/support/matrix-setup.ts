import { workflows } from '@portalflow/examples';
import type { User } from '@portalflow/store';
import { createApp } from '../../src/app.ts';
import { defaultConfig } from '../../src/config.ts';
import type { RouteDoc } from '../../src/http/openapi.ts';
import { LiveHub } from '../../src/live/hub.ts';
import { type AuthHeaders, makeApp, type TestApp } from './app.ts';

/**
 * Shared world for the authorization matrix, OpenAPI and access-log tests: the real app over a real
 * temp libSQL file (via `makeApp`, fixed clock, one scrypt hash for every user), the seven kinds of
 * caller, and fixtures that make fresh objects through the API so every cell acts on its own data.
 */

export const TRIAGE = 'portal-message-triage';
/** Patient data used in requests: it must never reach a log line or an access-log row. */
export const PATIENT = {
  name: 'Ada Testpatient',
  note: 'Ada reports dizziness after lisinopril',
  comment: 'Left voicemail for Ada Testpatient at 555-0142',
  phone: '555-0142',
};

/**
 * What a triage is started with: the example's start-form fields, the message carrying patient data
 * (Ada's name and number), which must never reach a log line or an access-log row either.
 */
export const TRIAGE_START = {
  patient: 'Patient/DEMO-5142',
  subject: 'Dizzy since the new pills',
  message: `${PATIENT.name} asks to be called back at ${PATIENT.phone}`,
};

export type Who =
  | 'anonymous'
  | 'admin'
  | 'designer'
  | 'auditor'
  | 'staffRole'
  | 'staffOther'
  | 'staffClaimed';
export const WHO: readonly Who[] = [
  'anonymous',
  'admin',
  'designer',
  'auditor',
  'staffRole',
  'staffOther',
  'staffClaimed',
];

/** The task under test is the triage nurse's `nurse-review` of a portal message. */
export const TASK_ROLE = 'triage-nurse';
export const OTHER_ROLE = 'billing-specialist';

export const USERNAME: Record<Exclude<Who, 'anonymous'>, string> = {
  admin: 'admin',
  designer: 'lead',
  auditor: 'auditor',
  staffRole: 'triage-nurse',
  staffOther: 'billing-specialist',
  staffClaimed: 'nurse-2',
};
/** The colleague who claimed the task before `staffClaimed` got to it. */
export const PEER = 'nurse-peer';
/** Sorts incoming messages (the step before the nurse's). */
export const SORTER = 'medical-assistant';

export interface Req {
  method: string;
  path: string;
  body?: unknown;
  /** A multipart form instead of a JSON body (uploads). */
  form?: () => FormData;
  /** Credentials for this one request instead of the caller's shared session (e.g. for logout). */
  as?: AuthHeaders;
}

export interface Sent {
  status: number;
  body: any;
  text: string;
}

/** `GET /api/tasks/{id}` from a RouteDoc: the key both tables use. */
export const routeKey = (r: Pick<RouteDoc, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;

/**
 * The routes as the app documents them (`createApp(deps).docs.routes`). Building the app touches no
 * dependency, so no store is needed: a route added later shows up here without any list to update.
 */
export function documentedRoutes(): RouteDoc[] {
  return createApp({
    store: {} as never,
    config: defaultConfig({ processId: 'docs-only' }),
    live: new LiveHub(),
    clock: () => '2026-03-02T16:00:00.000Z',
    log: () => {},
  }).docs.routes;
}

export interface MatrixWorld {
  t: TestApp;
  username(who: Who | string): string;
  userId(who: Who | string): string;
  headers(who: Who | string): Promise<AuthHeaders | undefined>;
  /** Sends as `who` (`anonymous`: no credentials). Streams (SSE) are cancelled after the headers. */
  send(who: Who | string, req: Req): Promise<Sent>;
  /** Like `send`, but fails unless the answer is 2xx; returns the body. */
  ok(who: Who | string, method: string, path: string, body?: unknown): Promise<any>;
  unique(prefix: string): string;
  /** An instance of the triage workflow started by the lead, with patient data; `sort-message` is open. */
  startInstance(): Promise<{ instanceId: string; sortTaskId: string }>;
  /** A message sorted by the medical assistant: the nurse's `nurse-review` is open, claimed by `claimedBy` if given. */
  nurseTask(claimedBy?: Who | string): Promise<{ instanceId: string; taskId: string }>;
  /** The nurse asked the patient for more information: the instance waits for `patient-replied`. */
  awaitingPatient(): Promise<{ instanceId: string }>;
  /** A copy of the triage workflow, published once, whose start form lets `TASK_ROLE` start it. */
  startableByNurses(): Promise<string>;
  /** A new draft workflow (a copy of the triage example under a new id), saved by the lead. */
  freshDraft(): Promise<string>;
  freshUser(roles: string[]): Promise<User>;
  /** A new API token of `who`, made through the API from their session; returns its id. */
  freshToken(who: Who | string): Promise<string>;
  /** A notification to the triage nurses' pool about a fresh task. */
  notificationForNurses(): Promise<string>;
  /** A fresh workflow published twice and a migration plan from version 1 to 2, made by the lead. */
  freshPlan(): Promise<string>;
  /** A finished run of a fresh plan (it had no instances to move). */
  freshRun(): Promise<{ planId: string; runId: string }>;
  close(): Promise<void>;
}

export const triageDefinition = (): Record<string, unknown> =>
  structuredClone(workflows.find((w) => w.id === TRIAGE)!.definition) as Record<string, unknown>;

export async function setupMatrix(): Promise<MatrixWorld> {
  const t = await makeApp({
    users: [
      { username: 'admin', roles: ['admin'] },
      { username: 'lead', roles: ['designer'] },
      { username: 'auditor', roles: ['auditor'] },
      { username: 'triage-nurse', roles: [TASK_ROLE] },
      { username: 'billing-specialist', roles: [OTHER_ROLE] },
      { username: 'nurse-2', roles: [TASK_ROLE] },
      { username: PEER, roles: [TASK_ROLE] },
      { username: SORTER, roles: ['medical-assistant'] },
    ],
  });
  let counter = 0;
  const username = (who: string) => (USERNAME as Record<string, string>)[who] ?? who;
  const headers = async (who: string) => (who === 'anonymous' ? undefined : t.session(username(who)));

  async function send(who: string, req: Req): Promise<Sent> {
    const h: Record<string, string> = { ...(req.as ?? (await headers(who))) };
    const init: RequestInit = { method: req.method, headers: h };
    if (req.body !== undefined) {
      h['content-type'] = 'application/json';
      init.body = JSON.stringify(req.body);
    }
    if (req.form) init.body = req.form();
    const res = await t.app.request(req.path, init);
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, body: null, text: '' };
    }
    const text = await res.text();
    let body: unknown = null;
    // application/json, and JSON with a suffix such as FHIR's application/fhir+json.
    if (/^application\/([\w.-]+\+)?json/.test(res.headers.get('content-type') ?? '') && text !== '')
      body = JSON.parse(text);
    return { status: res.status, body, text };
  }

  async function ok(who: string, method: string, path: string, body?: unknown) {
    const res = await send(who, { method, path, body });
    if (res.status < 200 || res.status > 299)
      throw new Error(`fixture ${method} ${path} as ${who}: ${res.status} ${res.text}`);
    return res.body;
  }

  async function startInstance() {
    const started = await ok('designer', 'POST', '/api/instances', {
      definitionId: TRIAGE,
      data: TRIAGE_START,
    });
    return {
      instanceId: started.instance.id as string,
      sortTaskId: started.instance.active[0].taskId as string,
    };
  }

  async function nurseTask(claimedBy?: string) {
    const { instanceId, sortTaskId } = await startInstance();
    const sorted = await ok(SORTER, 'POST', `/api/tasks/${sortTaskId}/complete`, {
      outcome: 'sorted',
      data: { topic: 'medical-question', redFlags: false },
    });
    const task = (sorted.instance.active as Array<{ step: string; taskId: string }>).find(
      (a) => a.step === 'nurse-review',
    );
    if (!task) throw new Error('fixture: nurse-review did not open');
    if (claimedBy) await ok(claimedBy, 'POST', `/api/tasks/${task.taskId}/claim`);
    return { instanceId, taskId: task.taskId };
  }

  async function freshPlan() {
    const id = `matrix-migrate-${++counter}`;
    const definition: Record<string, unknown> = { ...triageDefinition(), id };
    await ok('designer', 'POST', '/api/definitions', { definition });
    await ok('designer', 'POST', `/api/definitions/${id}/publish`, { revision: 1 });
    const steps = structuredClone(definition.steps) as Record<string, { title?: string }>;
    for (const step of Object.values(steps)) if (step.title) step.title = `${step.title} (v2)`;
    await ok('designer', 'PUT', `/api/definitions/${id}`, {
      definition: { ...definition, steps },
      revision: 1,
    });
    await ok('designer', 'POST', `/api/definitions/${id}/publish`, { revision: 2 });
    const created = await ok('designer', 'POST', '/api/migrations', {
      definitionId: id,
      fromVersion: 1,
      toVersion: 2,
    });
    return created.plan.id as string;
  }

  let startable: Promise<string> | undefined;
  function startableByNurses(): Promise<string> {
    startable ??= (async () => {
      const id = `matrix-intake-${++counter}`;
      const definition = {
        ...triageDefinition(),
        id,
        intake: { roles: [TASK_ROLE], form: [{ id: 'patientName', label: 'Patient name', type: 'text' }] },
        subject: '{patientName}',
      };
      await ok('designer', 'POST', '/api/definitions', { definition });
      await ok('designer', 'POST', `/api/definitions/${id}/publish`, { revision: 1 });
      return id;
    })();
    return startable;
  }

  return {
    t,
    username,
    startableByNurses,
    userId: (who) => t.user(username(who)).id,
    headers,
    send,
    ok,
    unique: (prefix) => `${prefix}-${++counter}`,
    startInstance,
    nurseTask,
    async awaitingPatient() {
      const { instanceId, taskId } = await nurseTask(PEER);
      await ok(PEER, 'POST', `/api/tasks/${taskId}/complete`, { outcome: 'needs-more-info' });
      return { instanceId };
    },
    async freshDraft() {
      const id = `matrix-draft-${++counter}`;
      await ok('designer', 'POST', '/api/definitions', { definition: { ...triageDefinition(), id } });
      return id;
    },
    freshUser: (roles) => t.addUser(`fresh-${++counter}`, roles),
    async freshToken(who) {
      const made = await ok(who, 'POST', '/api/tokens', { name: `matrix-${++counter}`, scope: 'read' });
      return made.token.id as string;
    },
    async notificationForNurses() {
      const { instanceId, taskId } = await nurseTask();
      const n = await t.store.addNotification({
        kind: 'escalated',
        role: TASK_ROLE,
        taskId,
        instanceId,
        createdAt: t.clock.now(),
      });
      return n.id;
    },
    freshPlan,
    async freshRun() {
      const planId = await freshPlan();
      const applied = await ok('designer', 'POST', `/api/migrations/${planId}/apply`);
      return { planId, runId: applied.run.id as string };
    },
    close: () => t.close(),
  };
}
