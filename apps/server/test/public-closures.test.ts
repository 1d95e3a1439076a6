import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedOf } from '../src/clinic/hours.ts';
import { clinicSettings } from '../src/clinic/settings.ts';
import { makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * A closure is urgent news for patients: the public help page's hours and closed days are their own
 * answer, which browsers and shared caches may keep for a minute at most (then revalidate by ETag),
 * while the help entries around them are asked for again on every look (an unchanged answer costs a 304).
 */

let t: TestApp;
let http: Listener;
beforeAll(async () => {
  // Monday 14 December 2026 at the Denver clinic.
  t = await makeApp({ publish: false, start: '2026-12-14T16:00:00.000Z' });
  const writer = await t.session('portal-enrollment-specialist');
  await t.call('PUT', '/api/help/clinics/riverside', { as: writer, body: { name: 'Riverside' } });
  http = await listen(t.app);
});
afterAll(async () => {
  await http?.close();
  await t?.close();
});

interface Hours {
  timeZone: string;
  closures: Array<{ date: string; name?: string; lang?: string }>;
}

/** Seconds a cache may serve this answer without asking the server (max-age plus any stale period). */
function secondsStale(cacheControl: string | null): number {
  const seconds = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(cacheControl ?? '')?.[1] ?? 0);
  return seconds('max-age') + seconds('stale-while-revalidate');
}

describe('the clinic hours and closed days patients see', () => {
  it('are fresh within a minute: an added snow day shows on the next revalidation', async () => {
    const url = `${http.base}/api/public/help/riverside/hours`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const cacheControl = first.headers.get('cache-control');
    expect(cacheControl).toMatch(/^public, /);
    expect(secondsStale(cacheControl)).toBeGreaterThan(0);
    expect(secondsStale(cacheControl)).toBeLessThanOrEqual(60);
    const before = (await first.json()) as Hours;
    expect(before.timeZone).toBe('America/Denver');
    expect(before.closures).not.toContainEqual({ date: '2026-12-16', name: 'Snow day' });
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);

    const admin = await t.token('admin');
    const current = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    const saved = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: current.hours,
        closures: [...current.closures, { date: '2026-12-16', name: 'Snow day' }],
        expectedRevision: current.revision,
      },
    });
    expect(saved.status).toBe(200);

    const after = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as Hours).closures[0]).toEqual({ date: '2026-12-16', name: 'Snow day' });
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('leave the help entries asked for again on every look, and need no sign-in', async () => {
    const site = await fetch(`${http.base}/api/public/help/riverside`);
    expect(site.status).toBe(200);
    // An answer unpublished because it was wrong must not stay on a phone: no cache serves it unasked.
    expect(site.headers.get('cache-control')).toMatch(/no-cache/);
    expect(secondsStale(site.headers.get('cache-control'))).toBe(0);
    const etag = site.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${http.base}/api/public/help/riverside`, {
      headers: { 'if-none-match': etag! },
    });
    expect(again.status).toBe(304);
    const hours = await fetch(`${http.base}/api/public/help/riverside/hours`, {
      headers: { authorization: 'Bearer pft_not-a-token' },
    });
    expect(hours.status).toBe(200);
    expect(hours.headers.get('set-cookie')).toBeNull();
    // The clinic's clock, for the page to write its hours as staff read them.
    expect(((await hours.json()) as { clock?: string }).clock).toBe('12-hour');
    expect((await fetch(`${http.base}/api/public/help/nowhere/hours`)).status).toBe(404);
  });

  it('in Spanish: the name an admin gave a closure in Spanish, else its one name, marked as English', async () => {
    const admin = await t.token('admin');
    const current = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    const others = current.closures.filter(
      (c: { date: string }) => !['2026-12-17', '2026-12-18'].includes(c.date),
    );
    const saved = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: current.hours,
        closures: [
          ...others,
          { date: '2026-12-17', name: 'Staff training', names: { es: 'Capacitación del personal' } },
          { date: '2026-12-18', name: 'Holiday party' },
        ],
        expectedRevision: current.revision,
      },
    });
    expect(saved.status, saved.text).toBe(200);
    // Kept with the closure, for the next admin to see and change.
    const reread = (await t.call('GET', '/api/clinic/hours', { as: admin })).body;
    expect(reread.closures).toContainEqual({
      date: '2026-12-17',
      name: 'Staff training',
      names: { es: 'Capacitación del personal' },
    });

    const spanish = (await (
      await fetch(`${http.base}/api/public/help/riverside/hours?lang=es`)
    ).json()) as Hours;
    expect(spanish.closures).toContainEqual({
      date: '2026-12-17',
      name: 'Capacitación del personal',
      lang: 'es',
    });
    expect(spanish.closures).toContainEqual({ date: '2026-12-18', name: 'Holiday party', lang: 'en' });
    const english = (await (
      await fetch(`${http.base}/api/public/help/riverside/hours?lang=en`)
    ).json()) as Hours;
    expect(english.closures).toContainEqual({ date: '2026-12-17', name: 'Staff training', lang: 'en' });
    // The help site's own copy of the hours is in the page's language too.
    const site = (await (await fetch(`${http.base}/api/public/help/riverside?lang=es`)).json()) as {
      hours: Hours;
    };
    expect(site.hours.closures).toContainEqual({
      date: '2026-12-17',
      name: 'Capacitación del personal',
      lang: 'es',
    });

    // Naming it in Spanish later is in the hours' trail, in words.
    const renamed = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: reread.hours,
        closures: reread.closures.map((c: { date: string }) =>
          c.date === '2026-12-18' ? { ...c, names: { es: 'Fiesta del personal' } } : c,
        ),
        expectedRevision: reread.revision,
      },
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.changes[0].summary).toEqual([
      'Fri, Dec 18 in Spanish: no name → Fiesta del personal',
    ]);

    // A name in a language that is not a language tag is refused, with a code and a message.
    const refused = await t.call('PUT', '/api/clinic/hours', {
      as: admin,
      body: {
        hours: current.hours,
        closures: [{ date: '2026-12-17', name: 'Staff training', names: { Spanish: 'Capacitación' } }],
        expectedRevision: renamed.body.revision,
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error.message).toBeTruthy();
  });

  it('the bundled US holidays carry their Spanish names', async () => {
    const settings = await clinicSettings({ demo: true, env: {} });
    const saved = savedOf(settings.calendar, settings.holidayNames, settings.holidayNamesIn);
    expect(saved.closures).toContainEqual({
      date: '2026-11-26',
      name: 'Thanksgiving',
      names: { es: 'Día de Acción de Gracias' },
    });
    // Every bundled holiday has one.
    expect(saved.closures.filter((c) => !c.names?.es).map((c) => c.date)).toEqual([]);
  });
});
