import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * One role, one name: the lead renames the front desk's lane in one workflow ("Front desk & check-in").
 * That relabels the diagram only: the export an auditor hands on names the role by the clinic's title,
 * "Front desk receptionist", as My work and the Roles page do.
 */
const WORKFLOW = 'proxy-access';

let t: TestApp;
let listener: Listener;
let auditor: AuthHeaders;
let instanceId = '';

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  const [lead, desk] = await Promise.all([t.login('lead'), t.login('front-desk')]);
  auditor = await t.login('auditor');
  const current = await t.call('GET', `/api/definitions/${WORKFLOW}`, { as: lead });
  expect(current.status, current.text).toBe(200);
  const definition = structuredClone(current.body.latest.definition);
  for (const role of definition.roles) if (role.id === 'front-desk') role.name = 'Front desk & check-in';
  const saved = await t.call('PUT', `/api/definitions/${WORKFLOW}`, {
    as: lead,
    body: { definition, revision: current.body.draft?.revision ?? current.body.latest.revision ?? 0 },
  });
  expect(saved.status, saved.text).toBe(200);
  const published = await t.call('POST', `/api/definitions/${WORKFLOW}/publish`, { as: lead, body: {} });
  expect(published.status, published.text).toBe(200);

  const started = await t.call('POST', '/api/instances', {
    as: desk,
    body: { definitionId: WORKFLOW, data: exampleStart(WORKFLOW) },
  });
  expect(started.status, started.text).toBe(201);
  instanceId = started.body.instance.id;
  const task = started.body.instance.active[0].taskId;
  expect((await t.call('POST', `/api/tasks/${task}/claim`, { as: desk })).status).toBe(200);
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('a renamed lane in the export', () => {
  it('names the role by the clinic’s title, not the lane’s label', async () => {
    const res = await fetch(`${listener.base}/api/instances/${instanceId}/export?format=csv`, {
      headers: auditor,
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const rows = parseCsv(text);
    const header = rows.findIndex((r) => r.includes('role') && r.includes('what'));
    const role = rows[header]!.indexOf('role');
    const roles = rows
      .slice(header + 1)
      .map((r) => r[role])
      .filter(Boolean);
    expect(roles).toContain('Front desk receptionist');
    expect(roles.join(' ')).not.toContain('Front desk & check-in');
  });
});
