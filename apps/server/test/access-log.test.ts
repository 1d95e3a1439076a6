import type { AccessRecord } from '@portalflow/store';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataCategory } from '../src/http/access.ts';
import {
  documentedRoutes,
  type MatrixWorld,
  PATIENT,
  PEER,
  type Req,
  routeKey,
  SORTER,
  setupMatrix,
  TASK_ROLE,
  TRIAGE,
  TRIAGE_START,
  triageDefinition,
  type Who,
} from './support/matrix-setup.ts';

/**
 * Instance data is protected health information: every read of it, and every attempt that was
 * refused, leaves an access-log row saying who (user and roles), what (method and route), which
 * instance, what kind of data, and the outcome. The routes are taken from the app's own route list
 * (everything under /api/instances and /api/tasks, and the audit routes), so the list cannot shrink
 * without this test noticing.
 */

/** One request and the row it must leave. `instanceId: 'created'` is the instance the request started. */
interface Probe {
  /** `anonymous` for a request whose credential is not a user (a signed webhook): its rows name no one. */
  who: Who;
  /** The refusal's status, when not 403 (a bad webhook signature is 401). */
  status?: number;
  make: (w: MatrixWorld) => Promise<{ req: Req; instanceId: string | null | 'created' }>;
}
interface Expectation {
  category: DataCategory;
  allow: Probe;
  /** A refused attempt by a signed-in user, or null with the reason there is none. */
  deny: Probe | string;
}

const inst = (w: MatrixWorld, claimedBy?: string) => w.nurseTask(claimedBy);

/** A start form sent to `path` (a start, or the duplicate check before one) for a workflow nurses start. */
const startForm =
  (path: string, instanceId: 'created' | null) =>
  async (w: MatrixWorld): Promise<{ req: Req; instanceId: 'created' | null }> => ({
    req: {
      method: 'POST',
      path,
      body: { definitionId: await w.startableByNurses(), data: { patientName: PATIENT.name } },
    },
    instanceId,
  });

const EXPECTED: Record<string, Expectation> = {
  'POST /api/instances': {
    category: 'phi',
    allow: {
      who: 'staffRole',
      make: async () => ({
        req: {
          method: 'POST',
          path: '/api/instances',
          body: { definitionId: TRIAGE, data: TRIAGE_START },
        },
        instanceId: 'created',
      }),
    },
    deny: {
      who: 'staffOther',
      make: async () => ({
        req: {
          method: 'POST',
          path: '/api/instances',
          body: { definitionId: TRIAGE, data: TRIAGE_START },
        },
        instanceId: null,
      }),
    },
  },
  'POST /api/requests': {
    category: 'phi',
    allow: { who: 'staffRole', make: startForm('/api/requests', 'created') },
    deny: { who: 'staffOther', make: startForm('/api/requests', null) },
  },
  'POST /api/requests/open-matches': {
    category: 'phi',
    allow: { who: 'staffRole', make: startForm('/api/requests/open-matches', null) },
    deny: { who: 'staffOther', make: startForm('/api/requests/open-matches', null) },
  },
  'POST /api/requests/status': {
    category: 'instance-list',
    allow: {
      who: 'staffRole',
      make: async () => ({
        req: { method: 'POST', path: '/api/requests/status', body: { patient: TRIAGE_START.patient } },
        instanceId: null,
      }),
    },
    deny: 'anyone with a clinic role, a lead or an auditor may look up; the matrix has no signed-in caller without one (request-status.test.ts covers the refusal)',
  },
  'POST /api/intake/{workflowId}': {
    category: 'phi',
    allow: {
      who: 'anonymous',
      make: async (w) => ({ req: await signedIntake(w, true), instanceId: 'created' }),
    },
    deny: {
      who: 'anonymous',
      status: 401,
      make: async (w) => ({ req: await signedIntake(w, false), instanceId: null }),
    },
  },
  'POST /fhir/Communication': {
    category: 'phi',
    allow: {
      who: 'anonymous',
      make: async (w) => ({ req: await signedCommunication(w, true), instanceId: 'created' }),
    },
    deny: {
      who: 'anonymous',
      status: 401,
      make: async (w) => ({ req: await signedCommunication(w, false), instanceId: null }),
    },
  },
  'GET /fhir/Task/{id}': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => fhirTaskRequest(w) },
    deny: { who: 'staffOther', make: (w) => fhirTaskRequest(w) },
  },
  'GET /api/notifications': {
    category: 'task-list',
    allow: {
      who: 'staffRole',
      make: async (w) => {
        await w.notificationForNurses();
        return { req: { method: 'GET', path: '/api/notifications' }, instanceId: null };
      },
    },
    deny: 'every signed-in user reads only their own notifications',
  },
  'GET /api/instances': {
    category: 'instance-list',
    allow: {
      who: 'staffRole',
      make: async () => ({ req: { method: 'GET', path: '/api/instances' }, instanceId: null }),
    },
    deny: 'every signed-in user may list; staff get only instances they took part in',
  },
  'POST /api/instances/search': {
    category: 'instance-list',
    allow: {
      who: 'staffRole',
      make: async () => ({
        req: { method: 'POST', path: '/api/instances/search', body: { patient: 'DEMO-0000' } },
        instanceId: null,
      }),
    },
    deny: 'every signed-in user may search; staff find only instances they took part in',
  },
  'GET /api/instances/{id}': {
    category: 'phi',
    allow: { who: 'staffRole', make: async (w) => readInstance(w, '') },
    deny: { who: 'staffOther', make: async (w) => readInstance(w, '') },
  },
  'POST /api/instances/{id}/signal': {
    category: 'phi',
    allow: { who: 'staffRole', make: signal },
    deny: { who: 'staffOther', make: signal },
  },
  'POST /api/instances/{id}/practice-play': {
    category: 'phi',
    allow: { who: 'staffRole', make: playWait },
    deny: { who: 'staffOther', make: playWait },
  },
  'POST /api/instances/{id}/end-wait': {
    category: 'phi',
    allow: { who: 'staffRole', make: endWaitEarly },
    deny: { who: 'staffOther', make: endWaitEarly },
  },
  'POST /api/instances/{id}/cancel': {
    category: 'phi',
    allow: { who: 'designer', make: cancel },
    deny: { who: 'staffRole', make: cancel },
  },
  'GET /api/tasks': {
    category: 'task-list',
    allow: {
      who: 'staffRole',
      make: async () => ({ req: { method: 'GET', path: '/api/tasks?scope=pool' }, instanceId: null }),
    },
    deny: {
      who: 'staffRole',
      make: async () => ({ req: { method: 'GET', path: '/api/tasks?scope=all' }, instanceId: null }),
    },
  },
  'GET /api/tasks/{id}': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => taskRequest(w, 'GET', '') },
    deny: { who: 'staffOther', make: (w) => taskRequest(w, 'GET', '') },
  },
  'POST /api/tasks/{id}/claim': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => taskRequest(w, 'POST', '/claim') },
    deny: { who: 'staffOther', make: (w) => taskRequest(w, 'POST', '/claim') },
  },
  'POST /api/tasks/{id}/release': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => taskRequest(w, 'POST', '/release', undefined, 'staffRole') },
    deny: { who: 'staffOther', make: (w) => taskRequest(w, 'POST', '/release', undefined, PEER) },
  },
  'POST /api/tasks/{id}/complete': {
    category: 'phi',
    allow: {
      who: 'staffRole',
      make: (w) =>
        // The nurse's review has no form: the patient text rides in the note, not in undeclared data.
        taskRequest(w, 'POST', '/complete', { outcome: 'answered', note: PATIENT.note }),
    },
    deny: {
      who: 'staffOther',
      make: (w) => taskRequest(w, 'POST', '/complete', { outcome: 'answered', note: PATIENT.note }),
    },
  },
  'GET /api/tasks/{id}/colleagues': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => taskRequest(w, 'GET', '/colleagues') },
    deny: { who: 'staffOther', make: (w) => taskRequest(w, 'GET', '/colleagues') },
  },
  'POST /api/tasks/{id}/hand-off': {
    category: 'phi',
    allow: {
      who: 'staffRole',
      make: async (w) =>
        taskRequest(w, 'POST', '/hand-off', { to: w.userId(PEER), note: PATIENT.note }, 'staffRole'),
    },
    deny: {
      who: 'staffOther',
      make: async (w) =>
        taskRequest(w, 'POST', '/hand-off', { to: w.userId(PEER), note: PATIENT.note }, 'staffRole'),
    },
  },
  'GET /api/tasks/{id}/draft': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => taskRequest(w, 'GET', '/draft', undefined, 'staffRole') },
    deny: { who: 'staffOther', make: (w) => taskRequest(w, 'GET', '/draft', undefined, 'staffRole') },
  },
  'PUT /api/tasks/{id}/draft': {
    category: 'phi',
    allow: {
      who: 'staffRole',
      make: (w) =>
        taskRequest(w, 'PUT', '/draft', { baseRevision: 0, values: {}, note: PATIENT.note }, 'staffRole'),
    },
    deny: {
      who: 'staffOther',
      make: (w) =>
        taskRequest(w, 'PUT', '/draft', { baseRevision: 0, values: {}, note: PATIENT.note }, 'staffRole'),
    },
  },
  'POST /api/tasks/{id}/reassign': {
    category: 'phi',
    allow: { who: 'designer', make: (w) => taskRequest(w, 'POST', '/reassign', { priority: 'urgent' }) },
    deny: { who: 'staffRole', make: (w) => taskRequest(w, 'POST', '/reassign', { priority: 'urgent' }) },
  },
  'POST /api/tasks/reassign': {
    category: 'phi',
    allow: { who: 'designer', make: bulkReassign },
    deny: {
      who: 'staffRole',
      make: async (w) => ({ ...(await bulkReassign(w)), instanceId: null }),
    },
  },
  'GET /api/tasks/{id}/comments': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => taskRequest(w, 'GET', '/comments') },
    deny: { who: 'staffOther', make: (w) => taskRequest(w, 'GET', '/comments') },
  },
  'POST /api/tasks/{id}/comments': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => taskRequest(w, 'POST', '/comments', { body: PATIENT.comment }) },
    deny: { who: 'staffOther', make: (w) => taskRequest(w, 'POST', '/comments', { body: PATIENT.comment }) },
  },
  'GET /api/instances/{id}/notes': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => readInstance(w, '/notes') },
    deny: { who: 'staffOther', make: (w) => readInstance(w, '/notes') },
  },
  'POST /api/instances/{id}/notes': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => noteRequest(w, 'POST', '/notes', { body: PATIENT.comment }) },
    deny: { who: 'staffOther', make: (w) => noteRequest(w, 'POST', '/notes', { body: PATIENT.comment }) },
  },
  'PATCH /api/instances/{id}/notes/{noteId}': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => editNote(w) },
    deny: { who: 'staffOther', make: (w) => editNote(w) },
  },
  'GET /api/instances/{id}/attachments': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => readInstance(w, '/attachments') },
    deny: { who: 'staffOther', make: (w) => readInstance(w, '/attachments') },
  },
  'POST /api/instances/{id}/attachments': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => attachRequest(w) },
    deny: { who: 'staffOther', make: (w) => attachRequest(w) },
  },
  'GET /api/instances/{id}/attachments/{attachmentId}': {
    category: 'phi',
    allow: { who: 'staffRole', make: (w) => attachmentRequest(w, 'GET', '') },
    deny: { who: 'staffOther', make: (w) => attachmentRequest(w, 'GET', '') },
  },
  'POST /api/instances/{id}/attachments/{attachmentId}/remove': {
    category: 'phi',
    allow: {
      who: 'staffRole',
      make: (w) => attachmentRequest(w, 'POST', '/remove', { reason: 'wrong request' }),
    },
    deny: {
      who: 'staffOther',
      make: (w) => attachmentRequest(w, 'POST', '/remove', { reason: 'wrong request' }),
    },
  },
  'GET /api/instances/{id}/history': {
    category: 'history',
    allow: { who: 'staffRole', make: (w) => readInstance(w, '/history') },
    deny: { who: 'staffOther', make: (w) => readInstance(w, '/history') },
  },
  'GET /api/instances/{id}/replay': {
    category: 'history',
    allow: { who: 'staffRole', make: (w) => readInstance(w, '/replay?at=1') },
    deny: { who: 'staffOther', make: (w) => readInstance(w, '/replay?at=1') },
  },
  'GET /api/instances/{id}/states': {
    category: 'history',
    allow: { who: 'staffRole', make: (w) => readInstance(w, '/states') },
    deny: { who: 'staffOther', make: (w) => readInstance(w, '/states') },
  },
  // An export carries every field's values: a read of patient data, like the history with values.
  'GET /api/instances/{id}/export': {
    category: 'phi',
    allow: { who: 'auditor', make: (w) => readInstance(w, '/export?format=csv') },
    deny: { who: 'staffOther', make: (w) => readInstance(w, '/export') },
  },
  'GET /api/audit/verify': {
    category: 'history',
    allow: { who: 'staffRole', make: verifyOne },
    deny: { who: 'staffOther', make: verifyOne },
  },
  'GET /api/audit/access-log': {
    category: 'access-log',
    allow: {
      who: 'auditor',
      make: async () => ({ req: { method: 'GET', path: '/api/audit/access-log?limit=1' }, instanceId: null }),
    },
    deny: {
      who: 'staffRole',
      make: async () => ({ req: { method: 'GET', path: '/api/audit/access-log' }, instanceId: null }),
    },
  },
  'POST /api/audit/access-log/search': {
    category: 'access-log',
    allow: {
      who: 'auditor',
      make: async () => ({
        req: {
          method: 'POST',
          path: '/api/audit/access-log/search',
          body: { patient: 'DEMO-0000', limit: 1 },
        },
        instanceId: null,
      }),
    },
    deny: {
      who: 'staffRole',
      make: async () => ({
        req: { method: 'POST', path: '/api/audit/access-log/search', body: { patient: 'DEMO-0000' } },
        instanceId: null,
      }),
    },
  },
  'POST /api/audit/access-log/export': {
    category: 'access-log',
    allow: {
      who: 'auditor',
      make: async () => ({
        req: { method: 'POST', path: '/api/audit/access-log/export', body: { patient: 'DEMO-0000' } },
        instanceId: null,
      }),
    },
    deny: {
      who: 'staffRole',
      make: async () => ({
        req: { method: 'POST', path: '/api/audit/access-log/export', body: {} },
        instanceId: null,
      }),
    },
  },
  'POST /api/audit/checkpoints': {
    category: 'history',
    allow: {
      who: 'auditor',
      make: async () => ({ req: { method: 'POST', path: '/api/audit/checkpoints' }, instanceId: null }),
    },
    deny: {
      who: 'staffRole',
      make: async () => ({ req: { method: 'POST', path: '/api/audit/checkpoints' }, instanceId: null }),
    },
  },
  'GET /api/audit/checkpoints': {
    category: 'history',
    allow: {
      who: 'admin',
      make: async () => ({ req: { method: 'GET', path: '/api/audit/checkpoints' }, instanceId: null }),
    },
    deny: {
      who: 'designer',
      make: async () => ({ req: { method: 'GET', path: '/api/audit/checkpoints' }, instanceId: null }),
    },
  },
};

async function readInstance(w: MatrixWorld, suffix: string) {
  const { instanceId } = await inst(w);
  const [sub, search] = suffix.split('?');
  return {
    req: { method: 'GET', path: `/api/instances/${instanceId}${sub}${search ? `?${search}` : ''}` },
    instanceId,
  };
}
async function signal(w: MatrixWorld) {
  const { instanceId } = await w.awaitingPatient();
  return {
    req: {
      method: 'POST',
      path: `/api/instances/${instanceId}/signal`,
      // The wait declares no fields, so an accepted signal carries none.
      body: { name: 'patient-replied' },
    },
    instanceId,
  };
}
/**
 * A triage message waiting for the patient's answer, in a copy of the triage workflow whose wait the
 * triage nurse may end early (the patient called instead): the request ends it, with a reason.
 */
let endable: Promise<string> | undefined;
function endableTriage(w: MatrixWorld): Promise<string> {
  endable ??= (async () => {
    const triage = triageDefinition() as { steps: Record<string, Record<string, unknown>> };
    const id = w.unique('matrix-end-early');
    const steps = {
      ...triage.steps,
      'await-patient': { ...triage.steps['await-patient'], endEarlyBy: TASK_ROLE },
    };
    await w.ok('designer', 'POST', '/api/definitions', { definition: { ...triage, id, steps } });
    await w.ok('designer', 'POST', `/api/definitions/${id}/publish`, { revision: 1 });
    return id;
  })();
  return endable;
}
async function endWaitEarly(w: MatrixWorld) {
  const started = await w.ok('designer', 'POST', '/api/instances', {
    definitionId: await endableTriage(w),
    data: TRIAGE_START,
  });
  const instanceId: string = started.instance.id;
  const sorted = await w.ok(SORTER, 'POST', `/api/tasks/${started.instance.active[0].taskId}/complete`, {
    outcome: 'sorted',
    data: { topic: 'medical-question', redFlags: false },
  });
  const review = sorted.instance.active.find((a: { step: string }) => a.step === 'nurse-review');
  await w.ok(PEER, 'POST', `/api/tasks/${review.taskId}/claim`);
  const asked = await w.ok(PEER, 'POST', `/api/tasks/${review.taskId}/complete`, {
    outcome: 'needs-more-info',
  });
  const wait = asked.instance.active.find((a: { kind: string }) => a.kind === 'wait');
  return {
    req: {
      method: 'POST',
      path: `/api/instances/${instanceId}/end-wait`,
      body: { token: wait.token, reason: `The patient called: ${PATIENT.note}` },
    },
    instanceId,
  };
}
/** The patient's answer to a practice run's wait, played by the triage nurse who started the run. */
async function playWait(w: MatrixWorld) {
  const started = await w.ok('staffRole', 'POST', '/api/instances', {
    definitionId: TRIAGE,
    data: TRIAGE_START,
    practice: true,
  });
  const play = async (taskId: string, body: unknown) => {
    await w.ok('staffRole', 'POST', `/api/tasks/${taskId}/claim`);
    const done = await w.ok('staffRole', 'POST', `/api/tasks/${taskId}/complete`, body);
    return done.instance.active as Array<{ step: string; kind: string; taskId: string; token: string }>;
  };
  const sorted = await play(started.instance.active[0].taskId, {
    outcome: 'sorted',
    data: { topic: 'medical-question', redFlags: false },
  });
  const asked = await play(sorted.find((a) => a.step === 'nurse-review')!.taskId, {
    outcome: 'needs-more-info',
  });
  const instanceId = started.instance.id as string;
  const token = asked.find((a) => a.kind === 'wait')!.token;
  return {
    req: {
      method: 'POST',
      path: `/api/instances/${instanceId}/practice-play`,
      body: { token, answer: 'signal' },
    },
    instanceId,
  };
}
async function cancel(w: MatrixWorld) {
  const { instanceId } = await inst(w);
  return {
    req: { method: 'POST', path: `/api/instances/${instanceId}/cancel`, body: { reason: 'duplicate' } },
    instanceId,
  };
}
async function noteRequest(w: MatrixWorld, method: string, suffix: string, body?: unknown) {
  const { instanceId } = await inst(w);
  return { req: { method, path: `/api/instances/${instanceId}${suffix}`, body }, instanceId };
}
/** A PDF whose file name names the patient: the name must reach no access-log row or log line. */
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const pdfForm = () => {
  const f = new FormData();
  f.append('file', new Blob([PDF]), `${PATIENT.name} referral.pdf`);
  return f;
};
async function attachRequest(w: MatrixWorld) {
  const { instanceId } = await inst(w);
  return {
    req: { method: 'POST', path: `/api/instances/${instanceId}/attachments`, form: pdfForm },
    instanceId,
  };
}
/** The nurse's own file, downloaded or removed (or, refused, tried by someone else). */
async function attachmentRequest(w: MatrixWorld, method: string, suffix: string, body?: unknown) {
  const { instanceId } = await inst(w);
  const added = await w.send('staffRole', {
    method: 'POST',
    path: `/api/instances/${instanceId}/attachments`,
    form: pdfForm,
  });
  return {
    req: {
      method,
      path: `/api/instances/${instanceId}/attachments/${added.body.attachment.id}${suffix}`,
      body,
    },
    instanceId,
  };
}
/** The nurse's own note, edited (or, refused, tried by someone else). */
async function editNote(w: MatrixWorld) {
  const { instanceId } = await inst(w);
  const added = await w.ok('staffRole', 'POST', `/api/instances/${instanceId}/notes`, {
    body: PATIENT.comment,
  });
  return {
    req: {
      method: 'PATCH',
      path: `/api/instances/${instanceId}/notes/${added.note.id}`,
      body: { body: `${PATIENT.comment} (again)`, revision: 1 },
    },
    instanceId,
  };
}
async function taskRequest(
  w: MatrixWorld,
  method: string,
  suffix: string,
  body?: unknown,
  claimedBy?: string,
) {
  const { instanceId, taskId } = await inst(w, claimedBy);
  return { req: { method, path: `/api/tasks/${taskId}${suffix}`, body }, instanceId };
}
async function bulkReassign(w: MatrixWorld) {
  const { instanceId, taskId } = await inst(w);
  return {
    req: {
      method: 'POST',
      path: '/api/tasks/reassign',
      body: { taskIds: [taskId], assignee: w.userId(PEER) },
    },
    instanceId,
  };
}
async function verifyOne(w: MatrixWorld) {
  const { instanceId } = await inst(w);
  return { req: { method: 'GET', path: `/api/audit/verify?instanceId=${instanceId}` }, instanceId };
}

/** A webhook to the refill workflow signed with a fresh key an admin made, or (`valid` false) with another secret. */
async function signedIntake(w: MatrixWorld, valid: boolean): Promise<Req> {
  const key = await w.send('admin', {
    method: 'POST',
    path: '/api/intake/keys',
    body: { workflowId: 'prescription-refill' },
  });
  const secret = valid ? key.body.secret : `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
  const body = { patient: { chartNumber: 'DEMO-9002' }, medication: { name: 'Metformin 500 mg' } };
  const id = `msg_${crypto.randomUUID()}`;
  const at = new Date(w.t.clock.now());
  return {
    method: 'POST',
    path: '/api/intake/prescription-refill',
    body,
    as: {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, JSON.stringify(body)),
    },
  };
}

/** A FHIR Communication to the triage workflow, signed with a fresh key of it (or, `valid` false, another secret). */
async function signedCommunication(w: MatrixWorld, valid: boolean): Promise<Req> {
  const key = await w.send('admin', {
    method: 'POST',
    path: '/api/intake/keys',
    body: { workflowId: TRIAGE },
  });
  const secret = valid ? key.body.secret : `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
  const body = {
    resourceType: 'Communication',
    status: 'completed',
    category: [
      {
        coding: [
          { system: 'https://clinic.example/fhir/CodeSystem/communication-kind', code: 'portal-message' },
        ],
      },
    ],
    subject: { reference: 'Patient/DEMO-9004' },
    payload: [{ contentString: 'A question for the nurse' }],
  };
  const id = `msg_${crypto.randomUUID()}`;
  const at = new Date(w.t.clock.now());
  return {
    method: 'POST',
    path: '/fhir/Communication',
    body,
    as: {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, JSON.stringify(body)),
    },
  };
}

async function fhirTaskRequest(w: MatrixWorld) {
  const { instanceId, taskId } = await inst(w);
  return { req: { method: 'GET', path: `/fhir/Task/${taskId.replace(':', '.')}` }, instanceId };
}

/** Routes that return or change instance data, as each route declares it (`instanceData` in docs.add). */
const PHI_ROUTES = documentedRoutes()
  .filter((r) => r.instanceData === true)
  .map((r) => ({
    key: routeKey(r),
    pattern: `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`,
  }));

let w: MatrixWorld;
beforeAll(async () => {
  w = await setupMatrix();
  // Published once up front: a publish takes longer than one probe may.
  await endableTriage(w);
}, 60_000);
afterAll(() => w?.close());

async function allAccess(): Promise<AccessRecord[]> {
  const rows: AccessRecord[] = [];
  // Rows about practice runs are listed apart (only when asked for): a practice run's waits are played.
  for (const practice of [false, true]) {
    let cursor: string | null = null;
    do {
      const page = await w.t.store.listAccess({ limit: 1000, practice, ...(cursor ? { cursor } : {}) });
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return rows.sort((a, b) => a.id - b.id);
}

/** Sends the probe's request and returns it with the access-log rows it wrote. */
async function run(probe: Probe) {
  const { req, instanceId } = await probe.make(w);
  const mark = Math.max(0, ...(await allAccess()).map((r) => r.id));
  const res = await w.send(probe.who, req);
  const rows = (await allAccess()).filter((r) => r.id > mark);
  return {
    res,
    rows,
    // A started instance: `instance.id` in API answers, the resource id of a FHIR Communication.
    instanceId: instanceId === 'created' ? (res.body?.instance?.id ?? res.body?.id ?? '?') : instanceId,
  };
}

describe('access log', () => {
  it('every documented route declares whether it returns instance data; instance and task routes do', () => {
    const routes = documentedRoutes();
    expect(
      routes.filter((r) => r.instanceData === undefined).map(routeKey),
      'routes that do not say (add instanceData to their docs.add)',
    ).toEqual([]);
    expect(
      routes
        .filter((r) => /^\/api\/(instances|tasks|audit)(\/|$)/.test(r.path) && r.instanceData !== true)
        .map(routeKey),
      'instance, task and audit routes declared as not returning instance data',
    ).toEqual([]);
  });

  it('routes that say they return no instance data do not: no patient data in any answer', async () => {
    await w.nurseTask('staffRole'); // patient data exists, and a notification about it
    const plain = documentedRoutes().filter(
      (r) =>
        r.instanceData === false && r.method === 'get' && !r.path.includes('{') && r.path !== '/api/events',
    );
    expect(plain.length).toBeGreaterThan(6);
    for (const r of plain)
      for (const who of ['admin', 'designer', 'auditor', 'staffRole'] as const) {
        const res = await w.send(who, { method: 'GET', path: r.path });
        expect(res.status, `${routeKey(r)} as ${who}`).toBeLessThan(500);
        for (const value of [PATIENT.name, PATIENT.phone])
          expect(res.text, `${routeKey(r)} as ${who}`).not.toContain(value);
      }
    // Every plain route four times over: long on a busy machine.
  }, 60_000);

  it('covers every route that declares instance data', () => {
    const keys = PHI_ROUTES.map((r) => r.key);
    expect(keys.length).toBeGreaterThanOrEqual(19);
    expect(
      keys.filter((k) => !EXPECTED[k]),
      'routes with no access-log expectation',
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((k) => !keys.includes(k)),
      'stale expectations',
    ).toEqual([]);
  });

  describe.each(PHI_ROUTES)('$key', ({ key, pattern }) => {
    const expectation = () => EXPECTED[key]!;

    it('an allowed request writes an allow row: who, roles, instance, category', async () => {
      const { who } = expectation().allow;
      const { res, rows, instanceId } = await run(expectation().allow);
      expect(res.status, res.text).toBeGreaterThanOrEqual(200);
      expect(res.status, res.text).toBeLessThan(300);
      const user = who === 'anonymous' ? null : (await w.t.store.getUser(w.userId(who)))!;
      const mine = rows.filter((r) => r.action === pattern);
      expect(mine.length, `rows for ${pattern}: ${JSON.stringify(rows)}`).toBeGreaterThan(0);
      for (const row of mine) {
        expect(row).toMatchObject({
          userId: user?.id ?? null,
          role: user ? user.roles.join(',') : null,
          instanceId,
          dataCategory: expectation().category,
          outcome: 'allow',
          at: w.t.clock.now(),
        });
      }
    });

    it('a refused request writes a deny row', async () => {
      const deny = expectation().deny;
      if (typeof deny === 'string') return; // documented in the table: no refusal exists
      const { res, rows, instanceId } = await run(deny);
      expect(res.status, res.text).toBe(deny.status ?? 403);
      const user = deny.who === 'anonymous' ? null : (await w.t.store.getUser(w.userId(deny.who)))!;
      const mine = rows.filter((r) => r.action === pattern);
      expect(mine.length, `rows for ${pattern}: ${JSON.stringify(rows)}`).toBeGreaterThan(0);
      for (const row of mine) {
        expect(row).toMatchObject({
          userId: user?.id ?? null,
          role: user ? user.roles.join(',') : null,
          instanceId,
          dataCategory: expectation().category,
          outcome: 'deny',
        });
      }
    });
  });

  // A history's field values are patient data: asked for (`values=true`), the read is logged as one.
  it.each([
    ['history', '/history?values=true', 'history with values'],
    ['replay', '/replay?at=1&values=true', 'replay 1 with values'],
  ])('a %s read with its values is a read of patient data, allowed or refused', async (_, suffix, detail) => {
    for (const [who, outcome] of [
      ['staffRole', 'allow'],
      ['staffOther', 'deny'],
    ] as const) {
      const { res, rows, instanceId } = await run({ who, make: (w) => readInstance(w, suffix) });
      expect(res.status, res.text).toBe(outcome === 'allow' ? 200 : 403);
      expect(rows.map((r) => [r.instanceId, r.dataCategory, r.outcome, r.detail])).toContainEqual([
        instanceId,
        'phi',
        outcome,
        detail,
      ]);
    }
  });

  it('never records patient data: not in access-log rows, not in log lines', async () => {
    // Requests that fail carry patient data too: they must not leak it through error logging.
    const { taskId, instanceId } = await w.nurseTask('staffRole');
    await w.send('staffRole', {
      method: 'POST',
      path: `/api/tasks/${taskId}/complete`,
      body: { outcome: 'no-such-outcome', note: PATIENT.note, data: { phone: PATIENT.phone } },
    });
    // Free-text fields of a refused request (here the outcome) are unchecked input: not logged either.
    await w.send('staffOther', {
      method: 'POST',
      path: `/api/tasks/${taskId}/complete`,
      body: { outcome: PATIENT.name, note: PATIENT.note },
    });
    await w.send('staffRole', {
      method: 'POST',
      path: '/api/instances',
      body: { definitionId: 'no-such-workflow', data: { patientName: PATIENT.name } },
    });
    await w.send('staffRole', {
      method: 'POST',
      path: `/api/instances/${instanceId}/signal`,
      body: { name: 'not-awaited', data: { patientName: PATIENT.name } },
    });
    await w.send('anonymous', {
      method: 'POST',
      path: '/api/auth/login',
      body: { username: PATIENT.name, password: PATIENT.phone },
    });
    await w.send('designer', { method: 'GET', path: `/api/instances/${instanceId}/export?format=csv` });
    // The patient data really is stored and served…
    const read = await w.send('designer', { method: 'GET', path: `/api/instances/${instanceId}` });
    expect(read.text).toContain(PATIENT.name);

    // …but never logged.
    const rows = await allAccess();
    const logs = w.t.logs;
    expect(rows.length).toBeGreaterThan(40);
    expect(logs.length).toBeGreaterThan(40);
    const values = [PATIENT.name, PATIENT.note, PATIENT.comment, PATIENT.phone, 'Testpatient'];
    for (const value of values) {
      expect(
        rows.filter((r) => JSON.stringify(r).includes(value)),
        `access rows with "${value}"`,
      ).toEqual([]);
      expect(
        logs.filter((l) => l.includes(value)),
        `log lines with "${value}"`,
      ).toEqual([]);
    }
    // Log lines name route patterns, never the ids in the URL.
    expect(
      logs.filter((l) => l.includes(instanceId)),
      'log lines with an instance id',
    ).toEqual([]);
  });
});
