import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed/demo.ts';
import { type ApiResponse, type AuthHeaders, makeApp, type TestApp } from './support/app.ts';

/**
 * The help center over the real app and a real libSQL file: writing, publishing and auditing entries,
 * ranked search, and the public surface as an anonymous client sees it.
 */

const CLINIC = 'riverside';
const WRITER = 'portal-enrollment-specialist';
const INTERNAL = 'INTERNAL-ONLY staff workaround: unlock in the admin console';

let t: TestApp;
let writer: AuthHeaders;
let nurse: AuthHeaders;
let ids: Record<string, string> = {};

async function create(as: AuthHeaders, body: Record<string, unknown>) {
  const res = await t.call('POST', '/api/help/entries', {
    as,
    body: { clinic: CLINIC, kind: 'faq', audience: 'patients', category: 'Signing in', ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.entry as { id: string; revision: number };
}

async function publish(id: string) {
  const entry = (await t.store.getHelpEntry(id))!;
  const res = await t.call('POST', `/api/help/entries/${id}/publish`, {
    as: writer,
    body: { revision: entry.revision },
  });
  expect(res.status, res.text).toBe(200);
}

beforeAll(async () => {
  t = await makeApp({ publish: false, config: { publicRateLimit: { limit: 40, windowMs: 60_000 } } });
  writer = await t.session(WRITER);
  nurse = await t.session('triage-nurse');
  const clinic = await t.call('PUT', `/api/help/clinics/${CLINIC}`, {
    as: writer,
    body: { name: 'Riverside Family Clinic' },
  });
  expect(clinic.status, clinic.text).toBe(200);
  const reset = await create(writer, {
    title: 'How do I reset my password?',
    tags: ['password', 'login'],
    body: 'On the sign-in page choose **Forgot password**. The account locks after 5 failed tries; call the front desk to unlock it.',
  });
  const code = await create(writer, {
    title: 'My activation code expired',
    category: 'Getting started',
    tags: ['activation', 'enrollment'],
    body: 'Activation codes work for 30 days. Ask the front desk or call us for a new code.',
    videoUrl: 'https://videos.example.org/activation',
  });
  const labs = await create(writer, {
    title: 'When will I see my lab results?',
    category: 'Results',
    tags: ['labs'],
    body: 'Results appear in the portal as soon as they are final — sometimes before your provider has reviewed them. A password is not needed for this.',
  });
  const es = await create(writer, {
    title: '¿Cómo cambio mi contraseña?',
    language: 'es',
    tags: ['contraseña'],
    body: 'Elija **Olvidé mi contraseña** en la página de inicio de sesión.',
  });
  const staff = await create(writer, {
    title: 'Unlocking a locked patient account',
    audience: 'staff',
    category: 'Account help',
    tags: ['lockout', 'password'],
    body: `Verify identity first (name, date of birth, address). ${INTERNAL}`,
  });
  const draft = await create(writer, {
    title: 'Draft: password rules are changing',
    tags: ['password'],
    body: 'Not ready yet: new password rules start next month.',
  });
  for (const e of [reset, code, labs, es, staff]) await publish(e.id);
  ids = { reset: reset.id, code: code.id, labs: labs.id, es: es.id, staff: staff.id, draft: draft.id };
}, 60_000);
afterAll(() => t?.close());

describe('writing entries', () => {
  it('lets admins, designers and the portal support role write, and nobody else', async () => {
    for (const [username, status] of [
      ['admin', 201],
      ['lead', 201],
      ['auditor', 403],
      ['front-desk', 403],
      ['triage-nurse', 403],
    ] as const) {
      const res = await t.call('POST', '/api/help/entries', {
        as: await t.session(username),
        body: {
          clinic: CLINIC,
          kind: 'howto',
          audience: 'staff',
          category: 'X',
          title: 'Written by someone',
          body: 'x',
        },
      });
      expect(res.status, username).toBe(status);
      if (res.status === 201)
        await t.call('DELETE', `/api/help/entries/${res.body.entry.id}?revision=1`, { as: writer });
    }
  });

  it('starts as a draft that only writers see', async () => {
    const asNurse = await t.call('GET', `/api/help/entries/${ids.draft}`, { as: nurse });
    expect(asNurse.status).toBe(404);
    const asWriter = await t.call('GET', `/api/help/entries/${ids.draft}`, { as: writer });
    expect(asWriter.body.entry).toMatchObject({ status: 'draft', revision: 1 });
    const list = await t.call('GET', `/api/help/entries?clinic=${CLINIC}`, { as: nurse });
    expect(list.body.entries.map((e: { id: string }) => e.id)).not.toContain(ids.draft);
    expect(list.body.entries.every((e: { status: string }) => e.status === 'published')).toBe(true);
    const drafts = await t.call('GET', `/api/help/entries?clinic=${CLINIC}&status=draft`, { as: writer });
    expect(drafts.body.entries.map((e: { id: string }) => e.id)).toEqual([ids.draft]);
  });

  it('refuses bad input, unknown clinics and unsafe video links with 4xx', async () => {
    for (const [body, status] of [
      [{ title: 'x' }, 400],
      [{ title: 'A fine title', body: 'ok', videoUrl: 'javascript:alert(1)' }, 400],
      [{ title: 'A fine title', body: 'ok', videoUrl: 'http://insecure.example/v' }, 400],
      [{ title: 'A fine title', body: 'ok', clinic: 'nowhere' }, 404],
      [{ title: 'A fine title', body: 'ok', clinic: 'Bad Slug!' }, 400],
    ] as const) {
      const res = await t.call('POST', '/api/help/entries', {
        as: writer,
        body: { clinic: CLINIC, kind: 'faq', audience: 'patients', category: 'X', ...body },
      });
      expect(res.status, JSON.stringify(body)).toBe(status);
    }
  });

  it('edits at the revision read, refuses a stale edit, and audits old → new with who and when', async () => {
    const e = await create(writer, { title: 'Message response times', body: 'We answer within 3 days.' });
    t.clock.advance('PT5M');
    const edited = await t.call('PUT', `/api/help/entries/${e.id}`, {
      as: await t.session('lead'),
      body: { revision: 1, body: 'We answer within 2 business days.', tags: ['messages'] },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.entry).toMatchObject({ revision: 2, body: 'We answer within 2 business days.' });
    const stale = await t.call('PUT', `/api/help/entries/${e.id}`, {
      as: writer,
      body: { revision: 1, title: 'Lost update' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_REVISION');
    expect(stale.body.error.details.current.revision).toBe(2);
    await publish(e.id);
    const again = await t.call('POST', `/api/help/entries/${e.id}/publish`, {
      as: writer,
      body: { revision: 2 },
    });
    expect(again.status, 'publishing twice is a no-op').toBe(200);
    const unpublished = await t.call('POST', `/api/help/entries/${e.id}/unpublish`, {
      as: writer,
      body: { revision: 3 },
    });
    expect(unpublished.body.entry.status).toBe('draft');
    const deleted = await t.call('DELETE', `/api/help/entries/${e.id}?revision=4`, { as: writer });
    expect(deleted.status, deleted.text).toBe(200);
    expect((await t.call('GET', `/api/help/entries/${e.id}`, { as: writer })).status).toBe(404);

    const history = await t.call('GET', `/api/help/entries/${e.id}/changes`, {
      as: await t.session('auditor'),
    });
    expect(history.status).toBe(200);
    const lead = t.user('lead').id;
    const spec = t.user(WRITER).id;
    expect(history.body.changes.map((c: { action: string; userId: string }) => [c.action, c.userId])).toEqual(
      [
        ['created', spec],
        ['edited', lead],
        ['published', spec],
        ['unpublished', spec],
        ['deleted', spec],
      ],
    );
    expect(history.body.changes[1].changes).toEqual({
      tags: { from: [], to: ['messages'] },
      body: { from: 'We answer within 3 days.', to: 'We answer within 2 business days.' },
    });
    expect(history.body.changes[1].at).toBe(t.clock.now());
    expect((await t.call('GET', `/api/help/entries/${e.id}/changes`, { as: nurse })).status).toBe(403);
  });

  it('replays an edit retried with the same Idempotency-Key instead of answering 409', async () => {
    const e = await create(writer, { title: 'Retried edit', body: 'v1' });
    const send = () =>
      t.call('PUT', `/api/help/entries/${e.id}`, {
        as: writer,
        headers: { 'idempotency-key': 'help-edit-1' },
        body: { revision: 1, body: 'v2' },
      });
    const [a, b] = [await send(), await send()];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body).toEqual(a.body);
    expect((await t.store.getHelpEntry(e.id))!.revision).toBe(2);
    expect((await t.store.listHelpEntryChanges(e.id)).length).toBe(2);
    const other = await t.call('POST', `/api/help/entries/${e.id}/publish`, {
      as: writer,
      headers: { 'idempotency-key': 'help-edit-1' },
      body: { revision: 2 },
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('replays a create retried with the same Idempotency-Key instead of writing twice', async () => {
    const send = () =>
      t.call('POST', '/api/help/entries', {
        as: writer,
        headers: { 'idempotency-key': 'help-create-1' },
        body: {
          clinic: CLINIC,
          kind: 'faq',
          audience: 'staff',
          category: 'X',
          title: 'Only once',
          body: 'x',
        },
      });
    const [a, b] = [await send(), await send()];
    expect(b.body.entry.id).toBe(a.body.entry.id);
    const all = await t.store.listHelpEntries({ clinic: CLINIC });
    expect(all.filter((e) => e.title === 'Only once').length).toBe(1);
  });
});

describe('staff search', () => {
  it('ranks the entry that answers the question first, across audiences, with highlights', async () => {
    const res = await t.call(
      'GET',
      `/api/help/entries?clinic=${CLINIC}&q=${encodeURIComponent('reset password')}`,
      {
        as: nurse,
      },
    );
    expect(res.status).toBe(200);
    const order = res.body.entries.map((e: { id: string }) => e.id);
    expect(order[0]).toBe(ids.reset);
    expect(order).toContain(ids.staff);
    expect(order).not.toContain(ids.draft);
    // The labs entry mentions "password" once in its body: found, but below the entries about passwords.
    expect(order.indexOf(ids.labs)).toBeGreaterThan(order.indexOf(ids.staff));
    const top = res.body.matches[0];
    expect(top.score).toBeGreaterThan(res.body.matches[1].score);
    const title = res.body.entries[0].title as string;
    expect(top.title.map(([s, e]: [number, number]) => title.slice(s, e))).toEqual(['reset', 'password']);
  });

  it('tolerates word forms and typos', async () => {
    for (const [q, first] of [
      ['pasword', 'reset'],
      ['activating codes', 'code'],
      ['expird activaton', 'code'],
      ['lab result', 'labs'],
      ['locked out', 'staff'],
    ] as const) {
      const res = await t.call('GET', `/api/help/entries?clinic=${CLINIC}&q=${encodeURIComponent(q)}`, {
        as: nurse,
      });
      expect(res.body.entries[0]?.id, q).toBe(ids[first]);
    }
  });
});

describe('the public help site, as an anonymous client', () => {
  const ENTRY_KEYS = [
    'body',
    'category',
    'earlierSlugs',
    'id',
    'kind',
    'language',
    'tags',
    'title',
    'translations',
    'updatedAt',
    'video',
    'videoUrl',
  ];

  it('lists only published patient entries, with exactly the public keys', async () => {
    const res = await t.call('GET', `/api/public/help/${CLINIC}`);
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['clinic', 'entries', 'hours', 'languages']);
    // The clinic's hours: the week, the closed days ahead and its clock, nothing about who set them.
    expect(Object.keys(res.body.hours).sort()).toEqual(['clock', 'closures', 'timeZone', 'week']);
    expect(res.body.hours.week.map((d: { day: string }) => d.day)).toEqual([
      'mon',
      'tue',
      'wed',
      'thu',
      'fri',
      'sat',
      'sun',
    ]);
    expect(Object.keys(res.body.clinic).sort()).toEqual(['name', 'slug']);
    expect(res.body.languages).toEqual(['en', 'es']);
    for (const entry of res.body.entries) expect(Object.keys(entry).sort()).toEqual(ENTRY_KEYS);
    expect(res.body.entries.map((e: { id: string }) => e.id).sort()).toEqual(
      [ids.reset, ids.code, ids.labs, ids.es].sort(),
    );
  });

  it('leaks no drafts, staff entries, authors, usernames or internal roles anywhere in the text', async () => {
    const bodies = [
      await t.call('GET', `/api/public/help/${CLINIC}`),
      await t.call('GET', `/api/public/help/${CLINIC}/search?q=password`),
      await t.call('GET', `/api/public/help/${CLINIC}/search?q=unlock`),
      await t.call('GET', `/api/public/help/${CLINIC}/search?q=draft`),
    ].map((r) => r.text);
    const secrets = [
      ids.draft,
      ids.staff,
      INTERNAL,
      'Draft: password rules',
      'status',
      'audience',
      'revision',
      'createdBy',
      'updatedBy',
      WRITER,
      t.user(WRITER).id,
      t.user('admin').id,
    ];
    for (const text of bodies) for (const s of secrets) expect(text, s).not.toContain(s);
  });

  it('searches with ranking, highlights and the public keys only', async () => {
    const res = await t.call(
      'GET',
      `/api/public/help/${CLINIC}/search?q=${encodeURIComponent('expired code')}`,
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['query', 'results']);
    const [first] = res.body.results;
    expect(Object.keys(first).sort()).toEqual(['entry', 'score', 'snippet', 'title']);
    expect(Object.keys(first.entry).sort()).toEqual(ENTRY_KEYS);
    expect(first.entry.id).toBe(ids.code);
    expect(first.title.map(([s, e]: [number, number]) => first.entry.title.slice(s, e))).toEqual([
      'code',
      'expired',
    ]);
    const es = await t.call('GET', `/api/public/help/${CLINIC}/search?q=contrasena&lang=es`);
    expect(es.body.results.map((r: { entry: { id: string } }) => r.entry.id)).toEqual([ids.es]);
  });

  it('ignores credentials and answers the same, cacheable, with an ETag that revalidates', async () => {
    const anon = await t.call('GET', `/api/public/help/${CLINIC}`);
    const signedIn = await t.call('GET', `/api/public/help/${CLINIC}`, { as: writer });
    const badToken = await t.call('GET', `/api/public/help/${CLINIC}`, {
      headers: { authorization: 'Bearer pft_not-a-token' },
    });
    expect(signedIn.text).toBe(anon.text);
    expect(badToken.status).toBe(200);
    expect(anon.headers.get('cache-control')).toMatch(/^public\b/);
    const etag = anon.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await t.call('GET', `/api/public/help/${CLINIC}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(anon.headers.get('set-cookie')).toBeNull();
  });

  it('lets no phone or shared cache keep an answer after it is unpublished: every look asks again', async () => {
    // A wrong answer taken off (a wrong number, wrong advice) must be gone at a patient's next reload,
    // not minutes later; the ETag keeps asking again cheap (a 304 when nothing changed).
    for (const path of [`/api/public/help/${CLINIC}`, `/api/public/help/${CLINIC}/search?q=password`]) {
      const res = await t.call('GET', path);
      expect(res.status, path).toBe(200);
      const cacheControl = res.headers.get('cache-control') ?? '';
      expect(cacheControl, path).toMatch(/\bno-cache\b/);
      expect(cacheControl, path).not.toMatch(/max-age=[1-9]|stale-while-revalidate/);
      const again = await t.call('GET', path, { headers: { 'if-none-match': res.headers.get('etag')! } });
      expect(again.status, path).toBe(304);
    }
  });

  it('is 404 for an unknown clinic and keeps every staff route behind sign-in', async () => {
    expect((await t.call('GET', '/api/public/help/nowhere')).status).toBe(404);
    expect((await t.call('GET', '/api/public/help/..%2Fentries')).status).toBe(404);
    for (const path of [
      '/api/help/clinics',
      `/api/help/entries?clinic=${CLINIC}`,
      `/api/help/entries/${ids.reset}`,
    ]) {
      expect((await t.call('GET', path)).status, path).toBe(401);
    }
  });

  it('rate-limits each client and says when to come back', async () => {
    const limited = await makeApp({
      publish: false,
      users: [],
      config: { publicRateLimit: { limit: 3, windowMs: 60_000 } },
    });
    await limited.store.putHelpClinic({ slug: CLINIC, name: 'Riverside' });
    const statuses: number[] = [];
    let last: ApiResponse | undefined;
    for (let i = 0; i < 5; i++) {
      last = await limited.call('GET', `/api/public/help/${CLINIC}`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Staff routes are not counted against the public limit.
    expect((await limited.call('GET', '/api/health')).status).toBe(200);
    await limited.close();
  });

  it('behind a proxy, each patient is a client of their own: one busy phone does not stop the others', async () => {
    const proxied = await makeApp({
      publish: false,
      users: [],
      config: { publicRateLimit: { limit: 3, windowMs: 60_000 }, trustProxy: true },
    });
    await proxied.store.putHelpClinic({ slug: CLINIC, name: 'Riverside' });
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    const busy: number[] = [];
    for (let i = 0; i < 4; i++)
      busy.push((await proxied.call('GET', `/api/public/help/${CLINIC}`, from('203.0.113.5'))).status);
    expect(busy).toEqual([200, 200, 200, 429]);
    expect((await proxied.call('GET', `/api/public/help/${CLINIC}`, from('203.0.113.6'))).status).toBe(200);
    await proxied.close();
  });
});

describe('the demo seed', () => {
  it('publishes a bilingual patient help site and staff job aids, keeping drafts private', async () => {
    const demo = await makeApp({ publish: false });
    const seeded = await seedDemo(demo.store, demo.instances, demo.clock.now, 'demo password for tests');
    expect(seeded.helpEntries).toBeGreaterThan(20);
    expect(
      (await seedDemo(demo.store, demo.instances, demo.clock.now, 'demo password for tests')).helpEntries,
    ).toBe(0);
    const site = await demo.call('GET', '/api/public/help/riverside');
    expect(site.status).toBe(200);
    expect(site.body.languages).toEqual(['en', 'es']);
    const titles = site.body.entries.map((e: { title: string }) => e.title);
    for (const topic of [/password/i, /activation code/i, /proxy/i, /answer to my message/i, /lab results/i])
      expect(
        titles.some((t: string) => topic.test(t)),
        String(topic),
      ).toBe(true);
    expect(site.text).not.toContain('coming in spring');
    expect(site.text).not.toContain('identity check first');
    const author = demo.user('portal-enrollment-specialist').id;
    const staffView = await demo.call('GET', '/api/help/entries?clinic=riverside&audience=staff&q=unlock', {
      as: await demo.session('front-desk'),
    });
    expect(staffView.body.entries[0].title).toMatch(/Unlocking a patient account/);
    expect(staffView.body.entries[0].createdBy).toBe(author);
    await demo.close();
  });

  it('works offline: no answer links to a video elsewhere, and a “Video:” answer plays its own clip', async () => {
    const demo = await makeApp({ publish: false });
    const mediaDir = await mkdtemp(join(tmpdir(), 'pf-demo-media-'));
    try {
      await seedDemo(
        demo.store,
        demo.instances,
        demo.clock.now,
        'demo password for tests',
        undefined,
        mediaDir,
      );
      const entries = await demo.store.listHelpEntries({ clinic: 'riverside' });
      expect(entries.length).toBeGreaterThan(20);
      expect(entries.filter((e) => e.videoUrl !== null).map((e) => `${e.title}: ${e.videoUrl}`)).toEqual([]);
      const promised = entries.filter((e) => /^video\b/i.test(e.title) && !e.video);
      expect(promised.map((e) => e.title)).toEqual([]);
      expect(entries.some((e) => e.video !== null)).toBe(true);
    } finally {
      await demo.close();
      await rm(mediaDir, { recursive: true, force: true });
    }
  });
});
