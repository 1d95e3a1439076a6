import { type Definition, parseDefinition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';
import { publish } from './support/prepare.ts';

/**
 * A date in a request's subject says its year when it is not the clinic's current year: a visit on
 * Jan 4 booked on New Year's Eve reads "Jan 4, 2027", and the clinic's year is the one on its own
 * calendar (Denver), not the server's UTC one.
 */

const visit: Definition = parseDefinition({
  id: 'visit-request',
  title: 'Visit request',
  roles: [{ id: 'front-desk', name: 'Front desk' }],
  start: 'book',
  intake: {
    roles: ['front-desk'],
    form: [
      { id: 'patient', label: 'Patient reference', type: 'text', required: true },
      { id: 'visitDate', label: 'Visit date', type: 'date', required: true },
    ],
  },
  subject: '{patient} · Visit {visitDate}',
  steps: {
    book: {
      type: 'task',
      role: 'front-desk',
      title: 'Book the visit',
      help: 'Call the patient back with a time.',
      outcomes: { booked: 'done' },
    },
    done: { type: 'end' },
  },
});

let t: TestApp;
let listener: Listener;
beforeAll(async () => {
  // 8 PM on Dec 31 in Denver: already Jan 1, 2027 in UTC.
  t = await makeApp({ publish: false, start: '2027-01-01T03:00:00.000Z' });
  await publish(t.store, visit);
  listener = await listen(t.app);
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer read field by field
async function get(path: string, headers: Record<string, string>): Promise<any> {
  const res = await fetch(`${listener.base}${path}`, { headers });
  expect(res.status, path).toBe(200);
  return res.json();
}

describe('a date in a subject', () => {
  it('names the year outside the clinic’s current year, in the reply, the lists and the task read', async () => {
    const desk = await t.login('front-desk');
    const subjects = new Map<string, string>();
    for (const [patient, visitDate] of [
      ['DEMO-5001', '2026-12-31'],
      ['DEMO-5002', '2027-01-04'],
    ] as const) {
      const started = await t.call('POST', '/api/requests', {
        as: desk,
        body: { definitionId: visit.id, data: { patient, visitDate } },
      });
      expect(started.status, started.text).toBe(201);
      subjects.set(visitDate, started.body.subject);
    }
    expect(subjects.get('2026-12-31')).toBe('DEMO-5001 · Visit Dec 31');
    expect(subjects.get('2027-01-04')).toBe('DEMO-5002 · Visit Jan 4, 2027');

    const pool = await get(`/api/tasks?scope=pool&definitionId=${visit.id}`, desk);
    const rows = pool.items.map((r: { subject: string }) => r.subject).sort();
    expect(rows).toEqual(['DEMO-5001 · Visit Dec 31', 'DEMO-5002 · Visit Jan 4, 2027']);

    // Once it is 2027 at the clinic, the new year goes unsaid and the old one is said.
    t.clock.set('2027-01-01T08:00:00.000Z');
    const morning = await t.login('front-desk');
    const later = await get(`/api/tasks?scope=pool&definitionId=${visit.id}`, morning);
    const byPatient = new Map<string, { id: string; subject: string }>(
      later.items.map((r: { id: string; subject: string }) => [r.subject.slice(0, 9), r]),
    );
    expect(byPatient.get('DEMO-5001')?.subject).toBe('DEMO-5001 · Visit Dec 31, 2026');
    expect(byPatient.get('DEMO-5002')?.subject).toBe('DEMO-5002 · Visit Jan 4');
    const read = await get(`/api/tasks/${encodeURIComponent(byPatient.get('DEMO-5001')!.id)}`, morning);
    expect(read.subject).toBe('DEMO-5001 · Visit Dec 31, 2026');
  });
});
