import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';
import { testNow } from './support/time-shift.ts';
import { keeper } from './support/two-factor.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The words of an element's text that the browser laid out across two lines (a break at a hyphen). */
function wordsBrokenAcrossLines(element: Element): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  // A word may span text nodes (a span around part of it): measure each word over the whole element.
  const whole = texts.map((t) => t.data).join('');
  for (const match of whole.matchAll(/\S+/g)) {
    const range = document.createRange();
    let offset = 0;
    for (const text of texts) {
      const start = match.index - offset;
      const end = start + match[0].length;
      if (start >= 0 && start <= text.length) range.setStart(text, start);
      if (end >= 0 && end <= text.length) range.setEnd(text, end);
      offset += text.length;
    }
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    if (tops.size > 1) broken.push(match[0]);
  }
  return broken;
}

describe('two-factor sign-in in the browser', () => {
  it('an auditor enrolls at first sign-in, keeps recovery codes, and needs a code on another browser', async () => {
    const first = await openBrowser();
    let codes: string[] = [];
    try {
      await first.page.goto(server.url);
      await expect(first.page.getByTestId('two-factor-help').textContent()).resolves.toContain(
        'authenticator',
      );
      await first.page.getByRole('textbox', { name: /^Username/ }).fill('auditor');
      await first.page.locator('input[name="password"]').fill(PASSWORD);
      await first.page.getByRole('button', { name: 'Sign in' }).click();
      await first.page.getByTestId('totp-enroll').waitFor();
      // Spoken to the person at the screen, and the heading never breaks "sign-in" or "two-factor" at the hyphen.
      const intro = (await first.page.getByTestId('totp-enroll').textContent()) ?? '';
      expect(intro).toContain('so you sign in with a password and a code');
      expect(intro).not.toContain('auditor signs in');
      const heading = first.page.getByRole('heading', { name: 'Set up two-factor sign-in' });
      expect(await heading.evaluate(wordsBrokenAcrossLines)).toEqual([]);
      // Nothing else is reachable with a password alone.
      const blocked = await first.page.evaluate(async () => (await fetch('/api/instances')).status);
      expect(blocked).toBe(403);
      expect(await seriousViolations(first.page)).toEqual([]);
      await first.page.getByTestId('totp-enroll-start').click();
      const secret = await first.page.getByTestId('totp-secret').getAttribute('data-secret');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await first.page.getByTestId('totp-uri').getAttribute('href')).toContain(`secret=${secret}`);
      expect(await seriousViolations(first.page)).toEqual([]);
      await screenshot(first.page, 'sign-in-enroll');
      // A wrong code is refused without ending the sign-in.
      await first.page.getByTestId('totp-code').fill('000000');
      await first.page.getByTestId('totp-enroll-confirm').click();
      await expect(first.page.getByRole('alert').textContent()).resolves.toContain('not right');
      const k = keeper(server.url, 'auditor');
      k.secret = secret!;
      const { freshCode } = await import('./support/two-factor.ts');
      await first.page.getByTestId('totp-code').fill(await freshCode(k));
      await first.page.getByTestId('totp-enroll-confirm').click();
      await first.page.getByTestId('recovery-codes').waitFor();
      codes = await first.page.getByTestId('recovery-code').allTextContents();
      expect(codes).toHaveLength(10);
      // Each code on one line: one broken at a hyphen reads as two codes.
      for (const code of await first.page.getByTestId('recovery-code').all())
        expect(await code.evaluate(wordsBrokenAcrossLines)).toEqual([]);
      expect(await seriousViolations(first.page)).toEqual([]);
      await screenshot(first.page, 'sign-in-recovery-codes');
      await expect(first.page.getByTestId('recovery-codes-continue').isDisabled()).resolves.toBe(true);
      await first.page.getByTestId('recovery-codes-saved').check();
      await first.page.getByTestId('recovery-codes-continue').click();
      await first.page.getByRole('button', { name: 'Sign out' }).waitFor();
      await first.page.waitForURL('**/audit**');
    } finally {
      await first.close();
    }

    // Another browser: the password, then a code — here a recovery code, as when the phone is elsewhere.
    const second = await openBrowser();
    try {
      await second.page.goto(server.url);
      await second.page.getByRole('textbox', { name: /^Username/ }).fill('auditor');
      await second.page.locator('input[name="password"]').fill(PASSWORD);
      await second.page.getByRole('button', { name: 'Sign in' }).click();
      await second.page.getByTestId('totp-step').waitFor();
      expect(await seriousViolations(second.page)).toEqual([]);
      await screenshot(second.page, 'sign-in-code');
      // A reload keeps the half-finished sign-in at the code step.
      await second.page.reload();
      await second.page.getByTestId('totp-step').waitFor();
      await second.page.getByTestId('totp-use-recovery').click();
      await second.page.getByTestId('totp-code').fill(codes[0]!);
      await second.page.getByRole('button', { name: 'Verify' }).click();
      await second.page.getByRole('button', { name: 'Sign out' }).waitFor();
    } finally {
      await second.close();
    }
  });
});

describe('content security policy', () => {
  it('the built app runs under its strict CSP with no violations in Chromium', async () => {
    const b = await openBrowser({ enforceCsp: true });
    try {
      const violations: string[] = [];
      await b.page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
      await b.page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
            `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
          ),
        );
      });
      const consoleErrors: string[] = [];
      b.page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text());
      });
      const response = await b.page.goto(server.url);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      await signIn(b.page, server.url, 'lead', PASSWORD);
      for (const path of ['/work', '/team', '/workflows', '/workflows/portal-message-triage']) {
        await b.page.goto(`${server.url}${path}`);
        await b.page.getByRole('button', { name: 'Sign out' }).waitFor();
        await b.page.waitForLoadState('networkidle');
      }
      await b.page.locator('.react-flow__node').first().waitFor();
      expect(violations).toEqual([]);
      expect(consoleErrors).toEqual([]);
      // Framing is refused: the header says so, and inline script would not run.
      const inline = await b.page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.body.append(s);
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(inline).toBe(false);
    } finally {
      await b.close();
    }
  });
});

describe('break glass', () => {
  it('an on-call clinician breaks glass with a reason; the auditor sees those reads flagged', async () => {
    const admin = await apiSession(server.url, 'admin', PASSWORD);
    const created = await admin('POST', '/users', {
      username: 'on-call',
      password: PASSWORD,
      roles: ['front-desk', 'break-glass'],
    });
    expect(created.status).toBe(201);
    const ma = await apiSession(server.url, 'medical-assistant', PASSWORD);
    const started = await ma<{ instance: { id: string } }>('POST', '/instances', {
      definitionId: 'portal-message-triage',
      data: { patient: 'DEMO-5077', message: 'Grace Testpatient reports chest pain since this morning' },
    });
    expect(started.status).toBe(201);
    const instanceId = started.body.instance.id;

    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'on-call', PASSWORD);
      const before = await b.page.evaluate(
        async (id) => (await fetch(`/api/instances/${id}`)).status,
        instanceId,
      );
      expect(before).toBe(403);
      await b.page.getByTestId('emergency-open').click();
      await b.page
        .getByTestId('emergency-reason')
        .fill('Patient collapsed in the waiting room; chart needed now');
      expect(await seriousViolations(b.page)).toEqual([]);
      await b.page.getByTestId('emergency-request').click();
      await b.page.getByTestId('emergency-active').waitFor();
      // Until when, in the demo clinic's time zone (Denver) and on its 12-hour clock, as every time on screen.
      const denver = (ms: number) =>
        new Intl.DateTimeFormat('en-US', {
          timeZone: 'America/Denver',
          hour: 'numeric',
          minute: '2-digit',
          hourCycle: 'h12',
        })
          .format(new Date(ms))
          .replace(/\s+/, ' ');
      const inAnHour = [-1, 0, 1].map((m) => `until ${denver(testNow() + (60 + m) * 60_000)} —`);
      const banner = (await b.page.getByTestId('emergency-active').textContent()) ?? '';
      expect(
        inAnHour.some((text) => banner.includes(text)),
        banner,
      ).toBe(true);
      await screenshot(b.page, 'break-glass-active');
      await b.page.goto(`${server.url}/audit/instances/${instanceId}`);
      // The patient's message is behind the recorded reveal, like any auditor's.
      await b.page.getByTestId('instance-data-toggle').click();
      await b.page.getByText('Grace Testpatient').first().waitFor({ state: 'attached' });
    } finally {
      await b.close();
    }

    const auditor = await openBrowser({ width: 1440 });
    try {
      await signIn(auditor.page, server.url, 'auditor', PASSWORD);
      await auditor.page.goto(`${server.url}/audit/access-log?emergency=true`);
      await auditor.page.getByTestId('access-log-emergency-flag').first().waitFor();
      const reasons = await auditor.page.getByTestId('access-log-emergency-reason').allTextContents();
      expect(reasons.length).toBeGreaterThan(1);
      expect(reasons.every((r) => r.includes('Patient collapsed in the waiting room'))).toBe(true);
      await expect(auditor.page.getByTestId('access-log-emergency-count').textContent()).resolves.toMatch(
        /under break-glass access/,
      );
      expect(await seriousViolations(auditor.page)).toEqual([]);
      await screenshot(auditor.page, 'access-log-break-glass');
    } finally {
      await auditor.close();
    }
  });
});
