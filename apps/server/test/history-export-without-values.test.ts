import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * An export for someone who needs who did what and when, not the patient's details: asked for without
 * values, it leaves out what the fields held, staff's words (a cancellation's reason) and the request's
 * subject, keeps the chart number it is filed under, says what was left out, and is logged as a read of
 * the history rather than of patient data. Asked for as before, it still carries every value.
 */

const REFILL = 'prescription-refill';
const MEDICATION = 'budesonide inhaler';
const REASON = 'Second call about the budesonide, already started';

let t: TestApp;
let listener: Listener;
let auditor: AuthHeaders;
let instanceId: string;

async function download(query: string) {
  const res = await fetch(`${listener.base}/api/instances/${instanceId}/export?${query}`, {
    headers: auditor,
  });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  const lead = await t.login('lead');
  auditor = await t.login('auditor');
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: {
      definitionId: REFILL,
      data: { ...exampleStart(REFILL), medication: MEDICATION, patient: 'DEMO-4243' },
    },
  });
  expect(started.status, started.text).toBe(201);
  instanceId = started.body.instance.id;
  t.clock.advance('PT5M');
  const cancelled = await t.call('POST', `/api/instances/${instanceId}/cancel`, {
    as: lead,
    body: { reason: REASON },
  });
  expect(cancelled.status, cancelled.text).toBe(200);
});
afterAll(async () => {
  await listener?.close();
  t?.close();
});

describe('an export without the patient’s details', () => {
  it('as CSV: who did what and when, the fields named but not their values, and says so', async () => {
    const r = await download('format=csv&values=false');
    expect(r.status, r.text).toBe(200);
    expect(r.text.toLowerCase()).not.toContain('budesonide');
    const lines = parseCsv(r.text.replace(/^\uFEFF/, ''));
    const blank = lines.findIndex((l) => l.every((c) => c === ''));
    const about = new Map(lines.slice(0, blank).map((l) => [l[0]!, l[1] ?? '']));
    expect(about.get('Patient reference')).toBe('DEMO-4243');
    expect(about.get('Patient details')).toMatch(/^Left out/);
    const [header, ...rows] = lines.slice(blank + 1) as [string[], ...string[][]];
    const col = (name: string) => header.indexOf(name);
    const started = rows.find((row) => row[col('event code')] === 'start')!;
    expect(started[col('changes')]).toContain('Medication: changed (value left out)');
    const cancel = rows.find((row) => row[col('event code')] === 'cancel')!;
    expect(cancel[col('what')]).toBe('Cancelled (a reason was given; left out)');
  });

  it('as JSON: the events, timeline and request without values, marked as such', async () => {
    const r = await download('format=json&values=false');
    expect(r.status, r.text).toBe(200);
    expect(r.text.toLowerCase()).not.toContain('budesonide');
    const body = JSON.parse(r.text);
    expect(body.values).toBe(false);
    expect(body.request.subject).toBeNull();
    expect(body.request.patientReference).toBe('DEMO-4243');
    expect(body.verify.ok).toBe(true);
  });

  it('is logged as a read of the history, not of patient data; with values, as before', async () => {
    const full = await download('format=csv');
    expect(full.text).toContain(MEDICATION);
    expect(full.text).toContain(REASON);
    const exports = (await t.store.listAccess({ limit: 1000 })).items.filter(
      (e) => e.instanceId === instanceId && e.detail?.startsWith('export'),
    );
    expect(exports.map((e) => [e.dataCategory, e.detail])).toEqual([
      ['history', 'export csv'],
      ['history', 'export json'],
      ['phi', 'export csv with values'],
    ]);
  });
});
