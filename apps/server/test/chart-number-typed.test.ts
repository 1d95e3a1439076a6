import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type HttpResult, type Listener, listen, postJson } from './support/listen.ts';

/**
 * One patient, one chart number, however staff type it: "demo-6301" said on a call, or the EHR's full
 * address pasted from the chart ("https://ehr.example/fhir/Patient/DEMO-6302/_history/2"). The request
 * is kept as DEMO-6301 (the clinic writes chart numbers in capitals), and Request status, the
 * "already open" check and the auditor's search find it from any of the other forms. A request kept
 * in lower case before this rule is found and named the same way, its events as they were.
 */

const APPOINTMENT = 'appointment-request';

let t: TestApp;
let listener: Listener;
let frontDesk: AuthHeaders;
let auditor: AuthHeaders;
/** Started as "demo-6301" typed in lower case. */
let typedLower: string;
/** Started with the EHR's full address of DEMO-6302 pasted. */
let pastedAddress: string;
/** Kept as "demo-6303" before chart numbers were written in capitals. */
let keptLower: string;

const post = (path: string, body: unknown, as: AuthHeaders): Promise<HttpResult> =>
  postJson(`${listener.base}${path}`, body, as);

async function start(patient: string): Promise<string> {
  const r = await post(
    '/api/requests',
    {
      definitionId: APPOINTMENT,
      data: { patient, visitType: 'follow-up', requested: 'Follow-up on blood pressure' },
    },
    frontDesk,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  t.clock.advance('PT1M');
  return r.body.instance.id;
}

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  frontDesk = await t.token('front-desk');
  auditor = await t.token('auditor');
  typedLower = await start('demo-6301');
  pastedAddress = await start('https://ehr.example/fhir/Patient/DEMO-6302/_history/2');
  keptLower = await start('DEMO-6303');
  // A request from before: its data kept the chart number as it was typed.
  const raw = createClient({ url: t.dbUrl });
  try {
    await raw.execute({
      sql: `UPDATE instances SET snapshot = json_set(snapshot, '$.context.data.patient', 'demo-6303') WHERE id = ?`,
      args: [keptLower],
    });
  } finally {
    raw.close();
  }
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

const ids = (items: { instanceId?: string; id?: string }[]) => items.map((i) => i.instanceId ?? i.id);

describe('a chart number typed in lower case or pasted as the EHR address', () => {
  it('is kept as the clinic writes it, and the request is named by it', async () => {
    expect((await t.store.getInstance(typedLower))?.snapshot.context.data.patient).toBe('DEMO-6301');
    expect((await t.store.getInstance(pastedAddress))?.snapshot.context.data.patient).toBe('DEMO-6302');
    const r = await post('/api/requests/status', { patient: 'DEMO-6301' }, frontDesk);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.requests.map((x: { subject: string }) => x.subject)).toEqual([
      'DEMO-6301 · Appointment: Follow up',
    ]);
  });
});

describe('New request', () => {
  it('is told which of its fields name the patient, so the form shows the chart number before sending', async () => {
    const res = await fetch(`${listener.base}/api/requests/startable`, { headers: frontDesk });
    expect(res.status).toBe(200);
    const { workflows } = (await res.json()) as {
      workflows: { definitionId: string; patientFields: string[] }[];
    };
    expect(workflows.find((w) => w.definitionId === APPOINTMENT)?.patientFields).toEqual(['patient']);
  });
});

describe('whichever other form is typed to find it', () => {
  const forms = [
    ['DEMO-6301', () => typedLower],
    ['https://ehr.example/fhir/Patient/DEMO-6301', () => typedLower],
    ['Patient/demo-6301', () => typedLower],
    ['demo-6302', () => pastedAddress],
    ['DEMO-6302', () => pastedAddress],
    ['https://ehr.example/fhir/Patient/demo-6302/_history/7', () => pastedAddress],
    ['DEMO-6303', () => keptLower],
    ['https://ehr.example/fhir/Patient/DEMO-6303', () => keptLower],
  ] as const;

  it.each(forms)('Request status for "%s" finds it', async (typed, id) => {
    const r = await post('/api/requests/status', { patient: typed }, frontDesk);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(ids(r.body.requests)).toEqual([id()]);
  });

  it.each(forms)(
    'the "already open" check for "%s" finds it, named by the chart number',
    async (typed, id) => {
      const r = await post(
        '/api/requests/open-matches',
        { definitionId: APPOINTMENT, data: { patient: typed, visitType: 'follow-up', requested: 'Again' } },
        frontDesk,
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(ids(r.body.matches)).toEqual([id()]);
      const chart = typed.match(/demo-630\d/i)![0].toUpperCase();
      expect(r.body.matches[0].subject).toBe(`${chart} · Appointment: Follow up`);
    },
  );

  it.each(forms)('the auditor’s search for "%s" finds it', async (typed, id) => {
    const r = await post('/api/instances/search', { patient: typed }, auditor);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(ids(r.body.items)).toEqual([id()]);
    expect(r.body.items[0].subject).toMatch(/^DEMO-630\d · Appointment: Follow up$/);
  });

  it('no lookup puts the reference in the operational log or the access log’s words', async () => {
    const logged = t.logs.join('\n');
    expect(logged).not.toMatch(/630[123]/);
    const access = await t.store.listAccess({ limit: 1000 });
    for (const row of access.items) expect(JSON.stringify(row.detail ?? '')).not.toMatch(/630[123]/);
  });
});
