import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * "Who looked at this patient?": an auditor narrows the access log by the patient's chart number,
 * typed as staff know it (any case, or the EHR's full address), to every read of any request of that
 * patient. The chart number goes in a POST body, never the address; the narrowing is itself an access
 * and is logged, naming the requests it found and never the chart number.
 */
const TRIAGE = 'portal-message-triage';
const EHR = 'https://ehr.example.org/fhir/Patient/DEMO-5016';

let t: TestApp;
let auditor: AuthHeaders;
let lead: AuthHeaders;
const ids: string[] = [];
let other = '';

interface Row {
  id: number;
  action: string;
  instanceId: string | null;
  dataCategory: string;
  detail: string | null;
  reference: string | null;
}

async function start(patient: string) {
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: 'Question', patient } },
  });
  expect(started.status, started.text).toBe(201);
  t.clock.advance('PT1M');
  return started.body.instance.id as string;
}

beforeAll(async () => {
  t = await makeApp();
  [auditor, lead] = await Promise.all([t.login('auditor'), t.login('lead')]);
  // Two requests of one patient, one sent by the EHR as its FHIR reference; one of another patient.
  ids.push(await start('DEMO-5016'), await start('Patient/DEMO-5016'));
  other = await start('DEMO-5017');
  for (const id of [...ids, other])
    expect((await t.call('GET', `/api/instances/${id}`, { as: lead })).status).toBe(200);
});
afterAll(() => t?.close());

async function byPatient(patient: string, extra: Record<string, unknown> = {}): Promise<Row[]> {
  const res = await t.call('POST', '/api/audit/access-log/search', {
    as: auditor,
    body: { patient, limit: 1000, ...extra },
  });
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

describe('the access log narrowed to one patient', () => {
  it.each([
    ['its chart number', 'DEMO-5016'],
    ['in lower case', 'demo-5016'],
    ['the full EHR address', EHR],
  ])('finds every read of each of the patient’s requests by %s, and none of another’s', async (_, typed) => {
    const rows = await byPatient(typed);
    const read = new Set(rows.filter((r) => r.action === 'GET /api/instances/:id').map((r) => r.instanceId));
    expect(read).toEqual(new Set(ids));
    expect(rows.some((r) => r.instanceId === other)).toBe(false);
    expect(rows.every((r) => r.instanceId === null || ids.includes(r.instanceId))).toBe(true);
    expect(rows.filter((r) => r.instanceId !== null).every((r) => r.reference === 'DEMO-5016')).toBe(true);
  });

  it('logs the narrowing as an access naming the requests found, never the chart number', async () => {
    await byPatient('demo-5016');
    const all = await t.call('GET', '/api/audit/access-log?limit=1000&order=newest', { as: auditor });
    const narrowing = (all.body.items as Row[]).find((r) => r.action === 'POST /api/audit/access-log/search');
    expect(narrowing).toBeDefined();
    expect(narrowing!.dataCategory).toBe('access-log');
    for (const id of ids) expect(narrowing!.detail).toContain(id);
    expect(narrowing!.detail).not.toContain(other);
    expect(narrowing!.detail!.toUpperCase()).not.toContain('5016');
    // Looking into one of the requests shows the auditor's narrowing among those who saw it.
    const aboutOne = await t.call('GET', `/api/audit/access-log?limit=1000&instanceId=${ids[0]}`, {
      as: auditor,
    });
    expect((aboutOne.body.items as Row[]).some((r) => r.action === 'POST /api/audit/access-log/search')).toBe(
      true,
    );
  });

  it('logs a narrowing to one request as an access about that request', async () => {
    const res = await t.call('GET', `/api/audit/access-log?limit=1000&order=newest&instanceId=${other}`, {
      as: auditor,
    });
    expect(res.status, res.text).toBe(200);
    const own = (res.body.items as Row[]).find((r) => r.action === 'GET /api/audit/access-log');
    expect(own?.instanceId).toBe(other);
  });

  it('a reference no request has finds no reads (the narrowing itself is still logged)', async () => {
    const rows = await byPatient('DEMO-9999');
    expect(rows.filter((r) => r.instanceId !== null)).toEqual([]);
    expect(rows.every((r) => r.action === 'POST /api/audit/access-log/search' || r.instanceId === null)).toBe(
      true,
    );
  });

  it('is for auditors and admins only, and needs a reference', async () => {
    const staff = await t.login('medical-assistant');
    const refused = await t.call('POST', '/api/audit/access-log/search', {
      as: staff,
      body: { patient: 'DEMO-5016' },
    });
    expect(refused.status).toBe(403);
    const empty = await t.call('POST', '/api/audit/access-log/search', {
      as: auditor,
      body: { patient: ' ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
  });
});
