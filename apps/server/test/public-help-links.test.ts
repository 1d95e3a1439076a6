import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Links patients were sent to one answer of the public help keep working: after the answer is renamed
 * (its earlier addresses still lead to it), and across languages (an answer names its translation).
 */
const CLINIC = 'riverside';

let t: TestApp;
let http: Listener;
let writer: AuthHeaders;

interface PublicEntry {
  id: string;
  title: string;
  language: string;
  earlierSlugs: string[];
  translations: Record<string, string>;
}

async function create(body: Record<string, unknown>) {
  const res = await t.call('POST', '/api/help/entries', {
    as: writer,
    body: {
      clinic: CLINIC,
      kind: 'faq',
      audience: 'patients',
      category: 'Prescriptions',
      body: 'An answer.',
      ...body,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.entry as { id: string; revision: number };
}

async function edit(id: string, body: Record<string, unknown>) {
  const entry = (await t.store.getHelpEntry(id))!;
  return t.call('PUT', `/api/help/entries/${id}`, {
    as: writer,
    body: { revision: entry.revision, ...body },
  });
}

async function publish(id: string) {
  const entry = (await t.store.getHelpEntry(id))!;
  const res = await t.call('POST', `/api/help/entries/${id}/publish`, {
    as: writer,
    body: { revision: entry.revision },
  });
  expect(res.status, res.text).toBe(200);
}

/** The public site as a patient's phone asks for it: over HTTP, without signing in. */
async function site(): Promise<PublicEntry[]> {
  const res = await fetch(`${http.base}/api/public/help/${CLINIC}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: PublicEntry[] }).entries;
}
const byId = async (id: string) => (await site()).find((e) => e.id === id);

beforeAll(async () => {
  t = await makeApp({ publish: false });
  writer = await t.session('portal-enrollment-specialist');
  await t.call('PUT', `/api/help/clinics/${CLINIC}`, { as: writer, body: { name: 'Riverside' } });
  http = await listen(t.app);
});
afterAll(async () => {
  await http?.close();
  await t?.close();
});

describe('a renamed answer', () => {
  it('lists the addresses of the titles it was published under, not its draft titles', async () => {
    const refill = await create({ title: 'Refill draft wording' });
    expect((await edit(refill.id, { title: 'How do I ask for a refill?' })).status).toBe(200);
    await publish(refill.id);
    expect((await byId(refill.id))?.earlierSlugs).toEqual([]);

    expect((await edit(refill.id, { title: 'How do I ask for a prescription refill?' })).status).toBe(200);
    expect((await edit(refill.id, { title: 'Asking for more of your medicine' })).status).toBe(200);
    const now = await byId(refill.id);
    expect(now?.title).toBe('Asking for more of your medicine');
    expect(now?.earlierSlugs.sort()).toEqual([
      'how-do-i-ask-for-a-prescription-refill',
      'how-do-i-ask-for-a-refill',
    ]);
    // Never public, never listed.
    expect(JSON.stringify(await site())).not.toContain('refill-draft-wording');
  });
});

describe('an answer linked to its translation', () => {
  it('names the other language’s answer both ways, once both are published', async () => {
    const en = await create({ title: 'How do I pay my bill?', language: 'en' });
    const es = await create({ title: '¿Cómo pago mi factura?', language: 'es', translationOf: en.id });
    expect((await t.store.getHelpEntry(es.id))?.translationOf).toBe(en.id);
    await publish(en.id);
    expect((await byId(en.id))?.translations).toEqual({});
    await publish(es.id);
    expect((await byId(en.id))?.translations).toEqual({ es: es.id });
    expect((await byId(es.id))?.translations).toEqual({ en: en.id });

    // The link is an edit like any other: in the history, and undone by setting it to null.
    const history = await t.call('GET', `/api/help/entries/${es.id}/changes`, { as: writer });
    expect(history.body.changes[0].changes.translationOf).toEqual({ from: null, to: en.id });
    expect((await edit(es.id, { translationOf: null })).status).toBe(200);
    expect((await byId(en.id))?.translations).toEqual({});
    expect((await edit(es.id, { translationOf: en.id })).status).toBe(200);
    expect((await byId(en.id))?.translations).toEqual({ es: es.id });
  });

  it('is refused to an answer in the same language, or one that does not exist', async () => {
    const one = await create({ title: 'Where do I park?', language: 'en' });
    const other = await create({ title: 'Is there parking?', language: 'en' });
    const same = await edit(one.id, { translationOf: other.id });
    expect(same.status).toBe(400);
    expect(same.body.error.code).toBe('VALIDATION_FAILED');
    expect(same.body.error.message).toContain('same language');
    expect((await edit(one.id, { translationOf: 'no-such-entry' })).status).toBe(400);
    expect((await edit(one.id, { translationOf: one.id })).status).toBe(400);
  });
});
