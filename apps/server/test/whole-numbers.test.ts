import { parseDefinition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { publish } from './support/prepare.ts';

/** A count (an age) takes whole numbers only, whoever sends it: the proxy form once kept an age of 12.5. */

const PROXY = parseDefinition({
  id: 'proxy-check',
  title: 'Proxy access',
  roles: [{ id: 'front-desk', name: 'Front desk' }],
  start: 'check',
  intake: { roles: ['front-desk'], form: [{ id: 'patient', label: 'Patient reference', type: 'text' }] },
  steps: {
    check: {
      type: 'task',
      role: 'front-desk',
      title: 'Check the proxy request',
      help: 'Check the patient’s age and the requester’s ID.',
      outcomes: { checked: 'done' },
      form: [
        { id: 'patientAge', label: "Patient's age today", type: 'number', min: 0, max: 120, whole: true },
      ],
    },
    done: { type: 'end' },
  },
});

let t: TestApp;
let desk: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  await publish(t.store, PROXY);
  desk = await t.login('front-desk');
});
afterAll(async () => {
  await t?.close();
});

describe('a whole-number field', () => {
  it('refuses an age of 12.5 with 422 naming the field, and takes 12', async () => {
    const started = await t.call('POST', '/api/instances', {
      as: desk,
      body: { definitionId: PROXY.id, data: { patient: 'DEMO-7101' } },
    });
    expect(started.status).toBe(201);
    const task = (
      await t.call('GET', `/api/tasks?scope=pool&definitionId=${PROXY.id}`, { as: desk })
    ).body.items.find((x: { instanceId: string }) => x.instanceId === started.body.instance.id);
    expect(
      (await t.call('POST', `/api/tasks/${encodeURIComponent(task.id)}/claim`, { as: desk })).status,
    ).toBe(200);
    const complete = (patientAge: number) =>
      t.call('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, {
        as: desk,
        body: { outcome: 'checked', data: { patientAge } },
      });
    const fraction = await complete(12.5);
    expect(fraction.status).toBe(422);
    expect(fraction.body.error.details.fields).toEqual([
      { field: 'patientAge', message: "Patient's age today must be a whole number, such as 12" },
    ]);
    expect((await complete(12)).status).toBe(200);
  });
});
