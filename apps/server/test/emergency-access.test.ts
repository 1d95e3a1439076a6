import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixWorld, PATIENT, setupMatrix } from './support/matrix-setup.ts';

/**
 * Break glass: a holder of the break-glass role asks, with a reason, for time-limited read access to
 * instances outside their roles. Every read it allows is in the access log naming the grant and its
 * reason; it never allows acting on an instance; it ends by itself.
 */

let w: MatrixWorld;
let instanceId: string;
let taskId: string;
beforeAll(async () => {
  w = await setupMatrix();
  await w.t.addUser('on-call', ['billing-specialist', 'break-glass']);
  ({ instanceId, taskId } = await w.nurseTask());
}, 60_000);
afterAll(() => w?.close());

const read = (who: string) => w.send(who, { method: 'GET', path: `/api/instances/${instanceId}` });

describe('break-glass emergency access', () => {
  it('needs the break-glass role and a real reason; a refusal is logged', async () => {
    const refused = await w.send('staffOther', {
      method: 'POST',
      path: '/api/emergency-access',
      body: { reason: 'I would like to look at this patient please' },
    });
    expect(refused.status).toBe(403);
    const rows = await w.t.store.listAccess({ userId: w.userId('staffOther'), limit: 1000 });
    expect(rows.items.some((r) => r.dataCategory === 'emergency-access' && r.outcome === 'deny')).toBe(true);
    const vague = await w.send('on-call', {
      method: 'POST',
      path: '/api/emergency-access',
      body: { reason: 'x' },
    });
    expect(vague.status).toBe(400);
    const tooLong = await w.send('on-call', {
      method: 'POST',
      path: '/api/emergency-access',
      body: { reason: 'Unconscious patient in the ED', minutes: 24 * 60 },
    });
    expect(tooLong.status).toBe(400);
  });

  it('grants reads outside the holder’s roles for a limited time, each one flagged with the grant', async () => {
    expect((await read('on-call')).status).toBe(403);
    const granted = await w.send('on-call', {
      method: 'POST',
      path: '/api/emergency-access',
      body: { reason: 'Unconscious patient in the ED, no chart access', minutes: 30 },
    });
    expect(granted.status, granted.text).toBe(201);
    const grant = granted.body.grant;
    expect(Date.parse(grant.expiresAt) - Date.parse(grant.grantedAt)).toBe(30 * 60_000);
    const again = await w.send('on-call', {
      method: 'POST',
      path: '/api/emergency-access',
      body: { reason: 'Unconscious patient in the ED, no chart access' },
    });
    expect(again.status).toBe(409);

    const mark = Math.max(0, ...(await w.t.store.listAccess({ limit: 1000 })).items.map((r) => r.id));
    const instance = await read('on-call');
    expect(instance.status).toBe(200);
    expect(instance.text).toContain(PATIENT.name);
    for (const suffix of ['/history', '/replay?at=1', '/export?format=json'])
      expect(
        (await w.send('on-call', { method: 'GET', path: `/api/instances/${instanceId}${suffix}` })).status,
      ).toBe(200);
    expect((await w.send('on-call', { method: 'GET', path: `/api/tasks/${taskId}` })).status).toBe(200);
    const listed = await w.send('on-call', { method: 'GET', path: '/api/instances?limit=500' });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(instanceId);

    const rows = (await w.t.store.listAccess({ limit: 1000 })).items.filter((r) => r.id > mark);
    expect(rows.length).toBe(6);
    for (const row of rows)
      expect(row).toMatchObject({
        userId: w.userId('on-call'),
        outcome: 'allow',
        emergencyAccessId: grant.id,
        emergencyReason: 'Unconscious patient in the ED, no chart access',
      });

    // Auditors see them flagged through the API; ordinary reads by leads are not flagged.
    await read('designer');
    const report = await w.send('auditor', {
      method: 'GET',
      path: '/api/audit/access-log?emergency=true&limit=1000',
    });
    expect(report.status).toBe(200);
    expect(report.body.items.length).toBeGreaterThanOrEqual(7); // the grant itself and the six reads
    expect(
      report.body.items.every((r: { emergencyAccessId: string }) => r.emergencyAccessId === grant.id),
    ).toBe(true);
    const all = await w.send('auditor', { method: 'GET', path: '/api/emergency-access?scope=all' });
    expect(all.body.grants).toMatchObject([{ id: grant.id, reason: grant.reason }]);
    expect(
      (await w.send('staffRole', { method: 'GET', path: '/api/emergency-access?scope=all' })).status,
    ).toBe(403);
  });

  it('never lets the holder act: no claim, complete, signal, comment or cancel', async () => {
    const revision = (await w.t.store.getInstance(instanceId))!.revision;
    for (const [path, body] of [
      [`/api/tasks/${taskId}/claim`, undefined],
      [`/api/tasks/${taskId}/complete`, { outcome: 'answered' }],
      [`/api/tasks/${taskId}/comments`, { body: 'looked in' }],
      [`/api/instances/${instanceId}/signal`, { name: 'patient-replied' }],
      [`/api/instances/${instanceId}/cancel`, {}],
    ] as const) {
      const res = await w.send('on-call', { method: 'POST', path, body });
      expect(res.status, `${path}: ${res.text}`).toBe(403);
    }
    expect((await w.t.store.getInstance(instanceId))!.revision).toBe(revision);
    expect(await w.t.store.listComments(taskId)).toEqual([]);
  });

  it('ends by itself when the time is up, and can be ended early', async () => {
    w.t.clock.advance(20 * 60_000);
    expect((await read('on-call')).status).toBe(200);
    w.t.clock.advance(11 * 60_000);
    expect((await read('on-call')).status).toBe(403);
    const second = await w.send('on-call', {
      method: 'POST',
      path: '/api/emergency-access',
      body: { reason: 'Second emergency: transfer from the ward' },
    });
    expect(second.status).toBe(201);
    expect(Date.parse(second.body.grant.expiresAt) - Date.parse(second.body.grant.grantedAt)).toBe(
      w.t.deps.config.emergencyAccessDefaultMs,
    );
    expect((await read('on-call')).status).toBe(200);
    // Only its holder ends it.
    const other = await w.send('designer', {
      method: 'POST',
      path: `/api/emergency-access/${second.body.grant.id}/end`,
      as: await w.t.login('lead'),
    });
    expect(other.status).toBe(404);
    const ended = await w.send('on-call', {
      method: 'POST',
      path: `/api/emergency-access/${second.body.grant.id}/end`,
    });
    expect(ended.status).toBe(200);
    expect((await read('on-call')).status).toBe(403);
  });
});
