import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/** A body a route may go without (cancel's reason) may be left out however the client leaves it out. */

let t: TestApp;
let lead: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  lead = await t.login('lead');
});
afterAll(() => t?.close());

async function started(): Promise<string> {
  const res = await t.call('POST', '/api/instances', {
    as: lead,
    body: {
      definitionId: 'portal-message-triage',
      data: { ...exampleStart('portal-message-triage'), subject: 'A question' },
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.instance.id as string;
}

describe('POST /api/instances/{id}/cancel with no reason', () => {
  for (const [name, headers, body] of [
    ['no body, no content type', {}, undefined],
    ['an empty JSON body', { 'content-type': 'application/json', 'content-length': '0' }, ''],
  ] as const) {
    it(`${name}: cancelled`, async () => {
      const id = await started();
      const res = await t.call('POST', `/api/instances/${id}/cancel`, { as: lead, headers, body });
      expect(res.status, res.text).toBe(200);
      expect(res.body.instance.status).toBe('cancelled');
    });
  }

  it('a reason in a JSON body is recorded', async () => {
    const id = await started();
    const res = await t.call('POST', `/api/instances/${id}/cancel`, {
      as: lead,
      body: { reason: 'duplicate' },
    });
    expect(res.status, res.text).toBe(200);
    const events = await t.store.listEvents(id);
    expect(events.at(-1)?.payload).toMatchObject({ type: 'cancel', reason: 'duplicate' });
  });
});
