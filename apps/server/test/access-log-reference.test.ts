import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestReference } from '../src/audit/request-reference.ts';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * An auditor asked "who read this patient's request?" reads the access log by the request's reference
 * (the chart number the clinic files it under, e.g. DEMO-6101), not by an id: each row about a request
 * names it. The subject, the message and anything else the patient wrote stay out.
 */
const TRIAGE = 'portal-message-triage';

let t: TestApp;
let auditor: AuthHeaders;
let id: string;

beforeAll(async () => {
  t = await makeApp();
  auditor = await t.login('auditor');
  const lead = await t.login('lead');
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: {
      definitionId: TRIAGE,
      data: { ...exampleStart(TRIAGE), subject: 'Rash on my arm', patient: 'Patient/DEMO-6101' },
    },
  });
  expect(started.status, started.text).toBe(201);
  id = started.body.instance.id;
  expect((await t.call('GET', `/api/instances/${id}`, { as: lead })).status).toBe(200);
});
afterAll(() => t?.close());

describe('the access log names the request by its reference', () => {
  it('gives each row about a request its reference; rows about no request have none', async () => {
    const res = await t.call('GET', `/api/audit/access-log?limit=1000&instanceId=${id}`, { as: auditor });
    expect(res.status, res.text).toBe(200);
    const own = (res.body.items as { instanceId: string | null; reference: string | null }[]).filter(
      (r) => r.instanceId === id,
    );
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.reference === 'DEMO-6101')).toBe(true);
    const all = await t.call('GET', '/api/audit/access-log?limit=1000', { as: auditor });
    const none = (all.body.items as { instanceId: string | null; reference: string | null }[]).filter(
      (r) => r.instanceId === null,
    );
    expect(none.length).toBeGreaterThan(0);
    expect(none.every((r) => r.reference === null)).toBe(true);
    expect(res.text).not.toContain('Rash');
  });

  it('is only ever a chart number: a name or free text in the field is not shown', () => {
    expect(requestReference({ patient: 'DEMO-6101' })).toBe('DEMO-6101');
    expect(requestReference({ patient: 'Patient/DEMO-6101' })).toBe('DEMO-6101');
    expect(requestReference({ patient: ' demo-6101 ' })).toBe('DEMO-6101');
    expect(requestReference({ patient: 'Ada Lovelace' })).toBeNull();
    expect(requestReference({ patient: 'Lovelace-1815 said hi' })).toBeNull();
    expect(requestReference({ patient: 42 })).toBeNull();
    expect(requestReference({})).toBeNull();
  });
});
