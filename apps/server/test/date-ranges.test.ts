import { parseDefinition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { publish } from './support/prepare.ts';

/**
 * Date answers limited to the past or the future are checked against the clinic's date, in the
 * time zone of its calendar (America/Denver for the example clinic), not the server's or UTC's:
 * at 03:30 UTC it is still the evening before in Denver.
 */

const VISIT = parseDefinition({
  id: 'visit-booking',
  title: 'Book a follow-up visit',
  roles: [{ id: 'front-desk', name: 'Front desk' }],
  start: 'book',
  intake: {
    roles: ['front-desk'],
    form: [
      { id: 'lastSeen', label: 'Last seen', type: 'date', dateRange: 'past' },
      { id: 'wanted', label: 'Date the patient wants', type: 'date', dateRange: 'future' },
    ],
  },
  steps: {
    book: {
      type: 'task',
      role: 'front-desk',
      title: 'Book the visit',
      help: 'Book the date the patient wants, or the nearest open one.',
      outcomes: { booked: 'done' },
      form: [{ id: 'bookedFor', label: 'Booked for', type: 'date', dateRange: 'future', required: true }],
    },
    done: { type: 'end' },
  },
});

let t: TestApp;
let desk: AuthHeaders;

beforeAll(async () => {
  // 03:30 UTC on 3 March 2026: 20:30 on 2 March at a Denver clinic.
  t = await makeApp({ start: '2026-03-03T03:30:00.000Z' });
  await publish(t.store, VISIT);
  desk = await t.login('front-desk');
});
afterAll(async () => {
  await t?.close();
});

const start = (data: Record<string, unknown>) =>
  t.call('POST', '/api/instances', { as: desk, body: { definitionId: VISIT.id, data } });

describe('date ranges', () => {
  it('a start form takes the clinic’s today, and refuses the day after for a date in the past', async () => {
    const tomorrow = await start({ lastSeen: '2026-03-03' });
    expect(tomorrow.status).toBe(400);
    expect(tomorrow.body.error.details.fields).toEqual([
      { field: 'lastSeen', message: 'Last seen cannot be after today' },
    ]);
    expect((await start({ lastSeen: '2026-03-02', wanted: '2026-03-02' })).status).toBe(201);
    const before = await start({ wanted: '2026-03-01' });
    expect(before.body.error.details.fields).toEqual([
      { field: 'wanted', message: 'Date the patient wants cannot be before today' },
    ]);
  });

  it('a completion is checked against the clinic’s date too, with 422 naming the field', async () => {
    const started = await start({});
    expect(started.status).toBe(201);
    const task = (
      await t.call('GET', `/api/tasks?scope=pool&definitionId=${VISIT.id}`, { as: desk })
    ).body.items.find((x: { instanceId: string }) => x.instanceId === started.body.instance.id);
    expect(
      (await t.call('POST', `/api/tasks/${encodeURIComponent(task.id)}/claim`, { as: desk })).status,
    ).toBe(200);
    const complete = (bookedFor: string) =>
      t.call('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, {
        as: desk,
        body: { outcome: 'booked', data: { bookedFor } },
      });
    const past = await complete('2026-03-01');
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('FORM_INVALID');
    expect(past.body.error.details.fields).toEqual([
      { field: 'bookedFor', message: 'Booked for cannot be before today' },
    ]);
    expect((await complete('2026-03-02')).status).toBe(200);
  });
});
