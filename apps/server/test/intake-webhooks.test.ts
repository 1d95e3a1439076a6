import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Signed webhooks from the patient portal start a workflow, over a real socket, signed by the Standard
 * Webhooks reference library (`standardwebhooks`). A bad signature, a stale timestamp, a wrong or revoked
 * key changes nothing; the same webhook-id, even in a burst, starts one instance.
 */

const REFILL = 'prescription-refill';
const PATH = `/api/intake/${REFILL}`;

let t: TestApp;
let listener: Listener;
let admin: AuthHeaders;
let secret: string;
let keyId: string;

const refill = (chart: string) => ({
  patient: { chartNumber: chart, name: 'never stored' },
  medication: { name: 'Lisinopril 10 mg' },
  pharmacy: { name: 'Main St Pharmacy' },
});

/** Signs with the reference library at the server's clock (or `at`), as the portal would. */
function signed(body: string, options: { id?: string; key?: string; at?: Date } = {}) {
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  const at = options.at ?? new Date(t.clock.now());
  const signature = new Webhook(options.key ?? secret).sign(id, at, body);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

async function deliver(body: string, headers: Record<string, string>) {
  const res = await fetch(`${listener.base}${PATH}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const instanceCount = async () => (await t.store.listInstances({ definitionId: REFILL })).items.length;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  admin = await t.login('admin');
  const created = await t.call('POST', '/api/intake/keys', { as: admin, body: { workflowId: REFILL } });
  expect(created.status, created.text).toBe(201);
  secret = created.body.secret;
  keyId = created.body.id;
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('POST /api/intake/{workflowId}', () => {
  it('starts the workflow from a signed webhook; its first task lands in the refill pool with the mapped data', async () => {
    const body = JSON.stringify(refill('DEMO-7001'));
    const res = await deliver(body, signed(body));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.duplicate).toBe(false);
    // The answer carries ids and status only: nothing the portal sent comes back.
    expect(JSON.stringify(res.body)).not.toContain('DEMO-7001');
    const instance = await t.store.getInstance(res.body.instance.id);
    expect(instance?.snapshot.context.data).toEqual({
      patient: 'DEMO-7001',
      medication: 'Lisinopril 10 mg',
      pharmacy: 'Main St Pharmacy',
    });
    const coordinator = await t.login('refill-coordinator');
    const pool = await t.call('GET', `/api/tasks?scope=pool&definitionId=${REFILL}`, { as: coordinator });
    expect(pool.status).toBe(200);
    const task = pool.body.items.find((x: { instanceId: string }) => x.instanceId === res.body.instance.id);
    expect(task).toMatchObject({ role: 'refill-coordinator', assignee: null, status: 'open' });
    // Logged as an access with the key that signed it, and the key shows when it was last used.
    const log = await t.store.listAccess({ instanceId: res.body.instance.id });
    expect(log.items.map((e) => [e.outcome, e.detail])).toContainEqual([
      'allow',
      `intake webhook with key ${keyId}`,
    ]);
    expect((await t.store.getIntakeKey(keyId))?.lastUsedAt).toBe(t.clock.now());
  });

  it('answers a payload that does not fit the start form with 422 naming the field, and starts nothing', async () => {
    const before = await instanceCount();
    const body = JSON.stringify({ patient: { chartNumber: 'DEMO-7002' }, medication: { name: 42 } });
    const res = await deliver(body, signed(body));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INTAKE_INVALID');
    expect(res.body.error.details.fields).toEqual([
      expect.objectContaining({ field: 'medication', pointer: '/medication/name' }),
    ]);
    // A name where the chart number belongs: refused with what a chart number looks like.
    const named = JSON.stringify(refill('Maria Lopez'));
    const res1 = await deliver(named, signed(named));
    expect(res1.status).toBe(422);
    expect(res1.body.error.details.fields).toEqual([
      expect.objectContaining({
        field: 'patient',
        pointer: '/patient/chartNumber',
        message: expect.stringContaining('must be a chart number such as DEMO-5001'),
      }),
    ]);
    expect(JSON.stringify(res1.body)).not.toContain('Maria');
    const missing = JSON.stringify({ medication: { name: 'Metformin' } });
    const res2 = await deliver(missing, signed(missing));
    expect(res2.status).toBe(422);
    expect(res2.body.error.details.fields[0].field).toBe('patient');
    expect(await instanceCount()).toBe(before);
    // Refusals are in the access log too, naming the key and the code, never what was sent.
    const refused = (await t.store.listAccess({ limit: 1000 })).items.filter(
      (e) => e.detail === `intake webhook with key ${keyId} refused: INTAKE_INVALID`,
    );
    expect(refused.length).toBe(3);
    expect(refused.every((e) => e.outcome === 'deny' && e.userId === null)).toBe(true);
    expect(JSON.stringify(refused)).not.toContain('DEMO-7002');
  });

  it.each([
    ['a tampered body', (body: string) => ({ body: body.replace('7003', '7004'), headers: signed(body) })],
    [
      'a wrong key',
      (body: string) => ({
        body,
        headers: signed(body, { key: `whsec_${Buffer.alloc(32, 7).toString('base64')}` }),
      }),
    ],
    [
      'a timestamp 6 minutes old',
      (body: string) => ({
        body,
        headers: signed(body, { at: new Date(Date.parse(t.clock.now()) - 6 * 60_000) }),
      }),
    ],
    [
      'a timestamp 6 minutes ahead',
      (body: string) => ({
        body,
        headers: signed(body, { at: new Date(Date.parse(t.clock.now()) + 6 * 60_000) }),
      }),
    ],
    [
      'no signature',
      (body: string) => {
        const { 'webhook-signature': _, ...headers } = signed(body);
        return { body, headers };
      },
    ],
  ])('refuses %s with 401 and changes nothing', async (_name, make) => {
    const before = await instanceCount();
    const { body, headers } = make(JSON.stringify(refill('DEMO-7003')));
    const res = await deliver(body, headers);
    expect(res.status).toBe(401);
    expect(['WEBHOOK_SIGNATURE_INVALID', 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE']).toContain(res.body.error.code);
    expect(await instanceCount()).toBe(before);
  });

  it('accepts a timestamp 4 minutes off, and any matching signature of several (key rotation)', async () => {
    const body = JSON.stringify(refill('DEMO-7005'));
    const headers = signed(body, { at: new Date(Date.parse(t.clock.now()) - 4 * 60_000) });
    const other = new Webhook(`whsec_${Buffer.alloc(32, 9).toString('base64')}`).sign(
      headers['webhook-id'],
      new Date(Number(headers['webhook-timestamp']) * 1000),
      body,
    );
    headers['webhook-signature'] = `${other} ${headers['webhook-signature']}`;
    expect((await deliver(body, headers)).status).toBe(201);
  });

  it('answers a replay of the same webhook-id with the instance it started', async () => {
    const body = JSON.stringify(refill('DEMO-7006'));
    const headers = signed(body);
    const first = await deliver(body, headers);
    expect(first.status).toBe(201);
    const before = await instanceCount();
    const again = await deliver(body, headers);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, instance: { id: first.body.instance.id } });
    expect(await instanceCount()).toBe(before);
  });

  it('starts one instance for a burst of the same webhook-id released together', async () => {
    const before = await instanceCount();
    const body = JSON.stringify(refill('DEMO-7007'));
    const headers = signed(body);
    const answers = await Promise.all(Array.from({ length: 12 }, () => deliver(body, headers)));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(11).fill(200), 201]);
    expect(new Set(answers.map((a) => a.body.instance.id)).size).toBe(1);
    expect(await instanceCount()).toBe(before + 1);
    const tasks = await t.store.listInstanceTasks(answers[0]!.body.instance.id);
    expect(tasks).toHaveLength(1);
  });

  it('refuses webhooks signed with a revoked key, from the moment it is revoked', async () => {
    const second = await t.call('POST', '/api/intake/keys', { as: admin, body: { workflowId: REFILL } });
    const revoke = await t.call('DELETE', `/api/intake/keys/${second.body.id}`, { as: admin });
    expect(revoke.status).toBe(200);
    expect(revoke.body.key.status).toBe('revoked');
    const before = await instanceCount();
    const body = JSON.stringify(refill('DEMO-7008'));
    const res = await deliver(body, signed(body, { key: second.body.secret }));
    expect(res.status).toBe(401);
    expect(await instanceCount()).toBe(before);
    // The key still in force keeps working.
    expect((await deliver(body, signed(body))).status).toBe(201);
  });
});

describe('intake keys', () => {
  it('are made, listed and revoked by admins and leads only, secrets shown once and kept sealed', async () => {
    const lead = await t.login('lead');
    const nurse = await t.login('triage-nurse');
    const made = await t.call('POST', '/api/intake/keys', { as: lead, body: { workflowId: REFILL } });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(made.body.secret.slice(6), 'base64')).toHaveLength(32);
    const listed = await t.call('GET', `/api/intake/keys?workflowId=${REFILL}`, { as: lead });
    expect(listed.body.keys.map((k: { id: string }) => k.id)).toContain(made.body.id);
    expect(listed.text).not.toContain(made.body.secret);
    // Sealed at rest: the database does not hold the secret in any form the sender uses.
    const raw = await t.store.activeIntakeSecrets(REFILL);
    const sealed = raw.find((r) => r.id === made.body.id)!.sealedSecret;
    expect(sealed).not.toContain(made.body.secret.slice(6, 20));

    expect(
      (await t.call('POST', '/api/intake/keys', { as: nurse, body: { workflowId: REFILL } })).status,
    ).toBe(403);
    expect((await t.call('GET', '/api/intake/keys', { as: nurse })).status).toBe(403);
    expect((await t.call('DELETE', `/api/intake/keys/${made.body.id}`, { as: nurse })).status).toBe(403);
    expect((await t.call('POST', '/api/intake/keys', { body: { workflowId: REFILL } })).status).toBe(401);

    // A workflow that maps no outside message gets no key.
    const none = await t.call('POST', '/api/intake/keys', {
      as: lead,
      body: { workflowId: 'billing-question' },
    });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('INTAKE_NOT_DECLARED');

    const revoked = await t.call('DELETE', `/api/intake/keys/${made.body.id}`, { as: lead });
    expect(revoked.body.key).toMatchObject({ status: 'revoked', revokedBy: t.user('lead').id });
    const trail = await t.store.listIntakeKeyChanges({ keyId: made.body.id });
    expect(trail.map((c) => [c.what, c.actorId])).toEqual([
      ['revoked', t.user('lead').id],
      ['created', t.user('lead').id],
    ]);
  });
});
