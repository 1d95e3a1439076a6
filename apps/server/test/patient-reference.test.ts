import { createClient } from '@libsql/client';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * One patient, one reference: a portal message the EHR sends over FHIR names its patient
 * "Patient/DEMO-5001"; the front desk types "DEMO-5001". The request is kept under the chart number,
 * so the status lookup, the "already open" check and the auditor's search find it whichever way the
 * reference is typed, and a request kept with the FHIR reference before (an existing database) too.
 */

const TRIAGE = 'portal-message-triage';
const KIND = { system: 'https://clinic.example/fhir/CodeSystem/communication-kind', code: 'portal-message' };
const PORTAL = 'https://clinic.example/fhir/CodeSystem/portal-category';

let t: TestApp;
let listener: Listener;
let secret: string;
let frontDesk: AuthHeaders;
let assistant: AuthHeaders;
let auditor: AuthHeaders;
/** The portal message the EHR sent for DEMO-5001, about test results. */
let fromEhr: string;
/** A message for DEMO-5002 kept, as before, with the reference as the EHR sent it. */
let keptAsSent: string;

const communication = (patient: string) => ({
  resourceType: 'Communication',
  status: 'completed',
  category: [{ coding: [KIND] }, { coding: [{ system: PORTAL, code: 'test-results' }] }],
  subject: { reference: `Patient/${patient}` },
  sender: { reference: `Patient/${patient}` },
  sent: '2026-03-02T09:00:00-07:00',
  payload: [{ contentString: 'Are my lab results in?' }],
});

async function postCommunication(resource: unknown): Promise<string> {
  const body = JSON.stringify(resource);
  const id = `msg_${crypto.randomUUID()}`;
  const at = new Date(t.clock.now());
  const res = await fetch(`${listener.base}/fhir/Communication`, {
    method: 'POST',
    headers: {
      'content-type': 'application/fhir+json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
    },
    body,
  });
  const answer = (await res.json()) as { id: string };
  expect(res.status, JSON.stringify(answer)).toBe(201);
  t.clock.advance('PT1M');
  return answer.id;
}

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  const admin = await t.login('admin');
  const key = await t.call('POST', '/api/intake/keys', { as: admin, body: { workflowId: TRIAGE } });
  expect(key.status, key.text).toBe(201);
  secret = key.body.secret;
  frontDesk = await t.token('front-desk');
  assistant = await t.token('medical-assistant');
  auditor = await t.token('auditor');
  fromEhr = await postCommunication(communication('DEMO-5001'));
  // A request from before: its data kept "Patient/DEMO-5002" as the EHR sent it.
  keptAsSent = await postCommunication(communication('DEMO-5002'));
  const raw = createClient({ url: t.dbUrl });
  try {
    await raw.execute({
      sql: `UPDATE instances SET snapshot = json_set(snapshot, '$.context.data.patient', 'Patient/DEMO-5002') WHERE id = ?`,
      args: [keptAsSent],
    });
  } finally {
    raw.close();
  }
  expect((await t.store.getInstance(keptAsSent))?.snapshot.context.data.patient).toBe('Patient/DEMO-5002');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

const ids = (items: { instanceId?: string; id?: string }[]) => items.map((i) => i.instanceId ?? i.id);

describe('a portal message from the EHR', () => {
  it('is kept under the chart number and reads like every other request of the patient', async () => {
    const data = (await t.store.getInstance(fromEhr))?.snapshot.context.data;
    // Only the patient reference: who sent it stays the FHIR reference the EHR gave.
    expect(data).toMatchObject({ patient: 'DEMO-5001', sender: 'Patient/DEMO-5001' });
    const pool = await t.call('GET', `/api/tasks?scope=pool&definitionId=${TRIAGE}`, { as: assistant });
    const row = pool.body.items.find((x: { instanceId: string }) => x.instanceId === fromEhr);
    expect(row?.subject).toBe('DEMO-5001 · Message: Test results');
  });

  it('naming the patient by the EHR’s full address is kept under the chart number too', async () => {
    const absolute = 'https://ehr.example.org/fhir/Patient/DEMO-5004';
    const id = await postCommunication({
      ...communication('DEMO-5004'),
      subject: { reference: `${absolute}/_history/2` },
      sender: { reference: absolute },
    });
    const data = (await t.store.getInstance(id))?.snapshot.context.data;
    expect(data).toMatchObject({ patient: 'DEMO-5004', sender: absolute });
    const r = await t.call('POST', '/api/requests/status', { as: frontDesk, body: { patient: 'DEMO-5004' } });
    expect(r.status, r.text).toBe(200);
    expect(ids(r.body.requests)).toEqual([id]);
  });

  it('started on the start form as "Patient/DEMO-5003" is kept as DEMO-5003', async () => {
    const r = await t.call('POST', '/api/requests', {
      as: assistant,
      body: {
        definitionId: TRIAGE,
        data: { patient: 'Patient/DEMO-5003', category: 'billing', message: 'Is my bill paid?' },
      },
    });
    expect(r.status, r.text).toBe(201);
    const data = (await t.store.getInstance(r.body.instance.id))?.snapshot.context.data;
    expect(data?.patient).toBe('DEMO-5003');
  });
});

describe('whichever way the reference is typed', () => {
  it.each([
    ['DEMO-5001', () => fromEhr],
    ['Patient/DEMO-5001', () => fromEhr],
    ['DEMO-5002', () => keptAsSent],
    ['patient/demo 5002', () => keptAsSent],
  ])('the front desk’s Request status for "%s" finds it', async (typed, id) => {
    const r = await t.call('POST', '/api/requests/status', { as: frontDesk, body: { patient: typed } });
    expect(r.status, r.text).toBe(200);
    expect(ids(r.body.requests)).toEqual([id()]);
  });

  it.each([
    ['DEMO-5001', () => fromEhr],
    ['Patient/DEMO-5001', () => fromEhr],
    ['DEMO-5002', () => keptAsSent],
  ])('the "already open" check for "%s" finds it', async (typed, id) => {
    const r = await t.call('POST', '/api/requests/open-matches', {
      as: assistant,
      body: { definitionId: TRIAGE, data: { patient: typed, category: 'test-results' } },
    });
    expect(r.status, r.text).toBe(200);
    expect(ids(r.body.matches)).toEqual([id()]);
    expect(r.body.matches[0].subject).toBe(`${typed.replace('Patient/', '')} · Message: Test results`);
  });

  it.each([
    ['DEMO-5001', () => fromEhr],
    ['Patient/DEMO-5001', () => fromEhr],
    ['DEMO-5002', () => keptAsSent],
    ['Patient/DEMO-5002', () => keptAsSent],
  ])('the auditor’s search for "%s" finds it', async (typed, id) => {
    const r = await t.call('POST', '/api/instances/search', { as: auditor, body: { patient: typed } });
    expect(r.status, r.text).toBe(200);
    expect(ids(r.body.items)).toEqual([id()]);
  });

  it('another patient’s reference still finds nothing of these', async () => {
    const r = await t.call('POST', '/api/instances/search', { as: auditor, body: { patient: 'DEMO-500' } });
    expect(ids(r.body.items)).toEqual([]);
  });
});
