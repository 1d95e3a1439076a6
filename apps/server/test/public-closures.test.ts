import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * A closure is urgent news for patients: the public help page's hours and closed days are their own
 * answer, which browsers and shared caches may keep for a minute at most (then revalidate by ETag),
 * while the help entries around them stay cached for minutes.
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
  closures: Array<{ date: string; name?: string }>;
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

  it('leave the help entries cached for minutes, and need no sign-in', async () => {
    const site = await fetch(`${http.base}/api/public/help/riverside`);
    expect(site.status).toBe(200);
    expect(secondsStale(site.headers.get('cache-control'))).toBeGreaterThan(60);
    const hours = await fetch(`${http.base}/api/public/help/riverside/hours`, {
      headers: { authorization: 'Bearer pft_not-a-token' },
    });
    expect(hours.status).toBe(200);
    expect(hours.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${http.base}/api/public/help/nowhere/hours`)).status).toBe(404);
  });
});
