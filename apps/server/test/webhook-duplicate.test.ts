// The same receiver subscribed twice to the same events would get each of them twice: the second
// subscription is refused in words; other events to it, or after the first is removed, are allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxConfig } from '../src/config.ts';
import { makeApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ config: { outbox: { ...outboxConfig({}), allowPrivateWebhooks: true } } });
});
afterAll(async () => {
  await t?.close();
});

describe('subscribing a receiver twice', { timeout: 60_000 }, () => {
  it('to the same events is refused (409) while the first stands, and allowed once it is removed', async () => {
    const admin = await t.login('admin');
    const first = await t.call('POST', '/api/webhooks', {
      as: admin,
      body: { url: 'https://ehr.example/hooks/portalflow', events: ['task.closed'] },
    });
    expect(first.status, first.text).toBe(201);
    // The same address, written a little differently (host case), the same events.
    const again = await t.call('POST', '/api/webhooks', {
      as: admin,
      body: { url: 'https://EHR.example/hooks/portalflow', events: ['task.closed', 'task.closed'] },
    });
    expect(again.status, again.text).toBe(409);
    expect(again.body.error.code).toBe('WEBHOOK_ALREADY_SUBSCRIBED');
    expect(again.body.error.message).toMatch(/already subscribed/);
    const listed = await t.call('GET', '/api/webhooks', { as: admin });
    expect(listed.body.subscriptions).toHaveLength(1);
    // Other events to the same receiver: its own choice (one endpoint per kind of work).
    const other = await t.call('POST', '/api/webhooks', {
      as: admin,
      body: { url: 'https://ehr.example/hooks/portalflow', events: ['instance.started'] },
    });
    expect(other.status, other.text).toBe(201);

    expect(
      (await t.call('DELETE', `/api/webhooks/${first.body.subscription.id}`, { as: admin })).status,
    ).toBe(200);
    const after = await t.call('POST', '/api/webhooks', {
      as: admin,
      body: { url: 'https://ehr.example/hooks/portalflow', events: ['task.closed'] },
    });
    expect(after.status, after.text).toBe(201);
  });
});
