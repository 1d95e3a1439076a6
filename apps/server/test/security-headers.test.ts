import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleStart, makeApp, PASSWORD, type TestApp } from './support/app.ts';
import { documentedRoutes, routeKey } from './support/matrix-setup.ts';

/** Response headers: CSP, framing, sniffing, HSTS over TLS, and no-store on everything under /api. */

let t: TestApp;
let web: string;
beforeAll(async () => {
  web = await mkdtemp(join(tmpdir(), 'pf-web-'));
  await writeFile(join(web, 'index.html'), '<!doctype html><title>portalflow</title>');
  await mkdir(join(web, 'assets'));
  await writeFile(join(web, 'assets', 'Button-Cm5Pfd01.js'), 'export const b = 1;');
  await writeFile(join(web, 'assets', 'work-D4rT6x2A.css'), '.a{color:red}');
  await writeFile(join(web, 'assets', 'layoutWorker-JH5yr02V.js'), 'self.onmessage = () => {};');
  t = await makeApp({ config: { webRoot: web } });
});
afterAll(async () => {
  await t?.close();
  await rm(web, { recursive: true, force: true });
});

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')]),
  );
}

describe('security headers', () => {
  it('the web app and the API carry a strict CSP that forbids framing, plugins and foreign scripts', async () => {
    for (const path of ['/', '/work', '/api/health']) {
      const res = await t.call('GET', path);
      expect(res.status, path).toBe(200);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('base-uri')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('form-action')).toBe("'self'");
      expect(csp.get('connect-src')).toBe("'self'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
    expect((await t.call('GET', '/')).headers.get('cache-control')).toBe('no-cache');
  });

  it("a page's scripts and styles carry only what a script or style sheet obeys; a worker keeps the CSP", async () => {
    // A CSP, framing, referrer, opener or permissions policy on a script or style sheet is read by no
    // browser (it applies to documents and workers); sent with each of the ~40 files a screen loads,
    // it was ~450 bytes each, more than many of the files themselves.
    for (const path of ['/assets/Button-Cm5Pfd01.js', '/assets/work-D4rT6x2A.css']) {
      const res = await t.call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      for (const name of [
        'content-security-policy',
        'x-frame-options',
        'referrer-policy',
        'cross-origin-opener-policy',
        'permissions-policy',
      ])
        expect(res.headers.get(name), `${path} ${name}`).toBe(null);
    }
    // A worker's policy comes from its own script's answer (CSP 3): the layout worker stays as strict
    // as the page that starts it.
    const worker = await t.call('GET', '/assets/layoutWorker-JH5yr02V.js');
    expect(worker.status).toBe(200);
    expect(directives(worker.headers.get('content-security-policy')).get('script-src')).toBe("'self'");
  });

  it('images may be data: URLs (the 2FA enrolment QR code) while scripts stay same-origin only', async () => {
    const csp = directives((await t.call('GET', '/')).headers.get('content-security-policy'));
    expect(csp.get('img-src')?.split(' ')).toContain('data:');
    expect(csp.get('script-src')).not.toMatch(/data:|unsafe-inline|unsafe-eval/);
  });

  it('sends HSTS only over TLS (secure cookies or an https request), never on plain HTTP', async () => {
    expect((await t.call('GET', '/api/health')).headers.get('strict-transport-security')).toBe(null);
    const https = await t.app.request('https://portal.example.org/api/health');
    expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const secure = await makeApp({
      config: { secureCookies: true },
      users: [{ username: 'fd', roles: ['front-desk'] }],
    });
    try {
      expect((await secure.call('GET', '/api/health')).headers.get('strict-transport-security')).toMatch(
        /max-age=/,
      );
      const login = await secure.call('POST', '/api/auth/login', {
        body: { username: 'fd', password: PASSWORD },
      });
      const cookies = login.headers.getSetCookie();
      expect(cookies.find((c) => c.startsWith('__Host-pf_session='))).toMatch(/Secure/);
      expect(cookies.find((c) => c.startsWith('__Host-pf_device='))).toMatch(/Secure/);
    } finally {
      await secure.close();
    }
  });

  it('every API answer is no-store: instance-data routes allowed or refused, errors, and the rest', async () => {
    const as = await t.session('lead');
    const staff = await t.session('triage-nurse');
    for (const r of documentedRoutes()) {
      if (r.path === '/api/events') continue; // a stream: checked below
      // The patients' public help site carries no PHI and is cacheable by design (help.test.ts).
      if (r.path.startsWith('/api/public/')) continue;
      const path = r.path.replace(/\{\w+\}/g, 'no-such-id');
      for (const who of [as, staff, undefined]) {
        const res = await t.call(r.method.toUpperCase(), path, {
          ...(who ? { as: who } : {}),
          ...(r.method === 'get' ? {} : { body: {} }),
        });
        expect(res.headers.get('cache-control'), `${routeKey(r)} → ${res.status}`).toBe('no-store');
      }
    }
    const lead = await t.login('lead'); // the loop signed the other session out
    const started = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: 'portal-message-triage', data: exampleStart('portal-message-triage') },
    });
    const read = await t.call('GET', `/api/instances/${started.body.instance.id}`, { as: lead });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    const csv = await t.call('GET', `/api/instances/${started.body.instance.id}/export?format=csv`, {
      as: lead,
    });
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const controller = new AbortController();
    const stream = await t.app.request('/api/events', { headers: lead, signal: controller.signal });
    expect(stream.headers.get('cache-control')).toBe('no-store');
    controller.abort();
    await stream.body?.cancel().catch(() => {});
  });
});
