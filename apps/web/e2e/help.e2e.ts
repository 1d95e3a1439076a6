import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** The demo seeds the Riverside help site (apps/server/src/seed/help-content.ts). */
const CLINIC = 'riverside';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('help for patients, on a phone, without signing in', () => {
  it('opens the public page, searches with a typo, reads an answer, switches to Spanish', async () => {
    const b = await openBrowser({ width: 375, height: 812 });
    const apiCalls: string[] = [];
    b.page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) apiCalls.push(url.pathname + url.search);
    });
    try {
      await b.page.goto(`${server.url}/help/${CLINIC}`);
      await b.page.getByRole('heading', { level: 1, name: 'portal help' }).waitFor();
      await b.page.getByText('Riverside Community Health').waitFor();
      // Grouped by topic before searching.
      await b.page.getByRole('heading', { level: 2, name: 'Signing in' }).waitFor();
      expect(await seriousViolations(b.page)).toEqual([]);
      await screenshot(b.page, 'help-public-phone');

      await b.page.getByLabel('Search for help').fill('activaton cod');
      const results = b.page.getByTestId('public-results');
      await results.waitFor();
      const first = results.locator('li').first();
      expect(await first.locator('button').textContent()).toContain('My activation code expired');
      // The matched words are marked, in the title and the snippet under it.
      const marked = await first.locator('mark').allInnerTexts();
      expect(marked.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['activation', 'code']));
      await first.getByRole('button').click();
      expect(await first.getByRole('button').getAttribute('aria-expanded')).toBe('true');
      const answer = first.getByTestId('public-answer');
      await answer.getByText('30 days', { exact: false }).waitFor();
      expect(await b.page.getByTestId('public-count').textContent()).toMatch(/answers? found/);
      expect(await seriousViolations(b.page)).toEqual([]);
      // Nothing is wider than the phone.
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(b.page, 'help-public-phone-answer');

      // A how-to is numbered steps; the demo works offline, so it links to no video elsewhere.
      await b.page.getByLabel('Search for help').fill('reset password in 2 minutes');
      const howto = b.page.getByTestId('public-results').locator('li').first();
      await howto.getByRole('button').click();
      await howto.getByTestId('public-answer').locator('ol li').first().waitFor();
      expect(await howto.getByTestId('help-video-link').count()).toBe(0);
      expect(await b.page.locator('iframe').count()).toBe(0);

      await b.page.getByTestId('public-lang-es').click();
      await b.page.getByLabel('Buscar ayuda').fill('contrasena');
      await b.page
        .getByTestId('public-results')
        .getByRole('button', { name: /Olvidé mi contraseña/ })
        .waitFor();
      expect(await b.page.evaluate(() => document.documentElement.lang)).toBe('es');
      expect(await seriousViolations(b.page)).toEqual([]);
      await screenshot(b.page, 'help-public-phone-es');

      // Only the public API was called (the help, and the hours asked fresh in the page's language):
      // no session check, no staff data. Search never reaches a URL.
      expect(apiCalls.length).toBeGreaterThan(0);
      const publicOnly = new RegExp(`^/api/public/help/${CLINIC}(/hours)?(\\?lang=(en|es))?$`);
      expect(apiCalls.filter((p) => !publicOnly.test(p))).toEqual([]);
      expect(await b.context.cookies()).toEqual([]);
      // The address says the language and the answer open (the how-to's Spanish counterpart, opened
      // by the switch), so the page can be shared as it is.
      expect(b.page.url()).toBe(`${server.url}/help/${CLINIC}/es/cambie-su-contrasena-en-2-minutos`);
    } finally {
      await b.close();
    }
  });

  it('says so when a clinic has no help page', async () => {
    const b = await openBrowser({ width: 375, height: 812 });
    try {
      await b.page.goto(`${server.url}/help/no-such-clinic`);
      await b.page.getByText('We could not find this help page').waitFor();
    } finally {
      await b.close();
    }
  });
});

describe('help for staff', () => {
  it('shows the step help beside the task, with a way into the FAQ', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'medical-assistant', PASSWORD);
      await b.page.getByTestId('work-folder-pool-medical-assistant').click();
      await b.page
        .locator('[data-testid^="task-row-"]', { hasText: 'Sort the portal message' })
        .first()
        .click();
      const help = b.page.getByTestId('step-help');
      await help.waitFor();
      expect((await help.textContent())?.length).toBeGreaterThan(60);
      await help.getByTestId('step-help-faq-link').click();
      await b.page.getByTestId('faq-page').waitFor();
      expect(new URL(b.page.url()).searchParams.get('q')).toBe('Sort the portal message');
      await b.page.getByTestId('faq-results').waitFor();
    } finally {
      await b.close();
    }
  });

  it('renders a step help written with links, bold and steps as such in the task panel', async () => {
    const lead = await apiSession(server.url, 'lead', PASSWORD);
    const definition = {
      id: 'lockout-call',
      title: 'Portal lockout call',
      roles: [{ id: 'front-desk', name: 'Front desk receptionist', department: 'Front office' }],
      start: 'verify',
      steps: {
        verify: {
          type: 'task',
          role: 'front-desk',
          title: 'Verify the caller and unlock',
          outcomes: { unlocked: 'done', 'not-verified': 'done' },
          help: 'Check **name, date of birth and address** against the chart.\n\n1. Unlock in the portal admin screen.\n2. Ask the patient to reset the password.\n\nScript: [lockout FAQ](/faq?q=lockout) · vendor guide https://vendor.example.org/unlock',
        },
        done: { type: 'end', outcome: 'resolved' },
      },
    };
    expect((await lead('POST', '/definitions', { definition })).status).toBe(201);
    expect((await lead('POST', '/definitions/lockout-call/publish', { revision: 1 })).status).toBe(200);
    expect((await lead('POST', '/instances', { definitionId: 'lockout-call', data: {} })).status).toBe(201);

    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'front-desk', PASSWORD);
      await b.page.getByTestId('work-folder-pool-front-desk').click();
      await b.page
        .locator('[data-testid^="task-row-"]', { hasText: 'Verify the caller and unlock' })
        .first()
        .click();
      const help = b.page.getByTestId('step-help');
      await help.waitFor();
      expect(await help.locator('strong').textContent()).toBe('name, date of birth and address');
      expect(await help.locator('ol > li').count()).toBe(2);
      const internal = help.getByRole('link', { name: 'lockout FAQ' });
      expect(await internal.getAttribute('href')).toBe('/faq?q=lockout');
      const external = help.getByRole('link', { name: /vendor\.example\.org/ });
      expect(await external.getAttribute('target')).toBe('_blank');
      expect(await external.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await seriousViolations(b.page)).toEqual([]);
      await help.scrollIntoViewIfNeeded();
      await screenshot(b.page, 'my-work-step-help');
      await internal.click();
      await b.page.getByTestId('faq-page').waitFor();
      await b.page
        .locator('[data-testid^="faq-entry-"]')
        .first()
        .getByText(/locked/i)
        .first()
        .waitFor();
    } finally {
      await b.close();
    }
  });

  it('a writer drafts, publishes and audits an entry that patients then see', async () => {
    const writer = await openBrowser();
    try {
      await signIn(writer.page, server.url, 'portal-enrollment-specialist', PASSWORD);
      await writer.page.goto(`${server.url}/faq`);
      await writer.page.getByTestId('help-manage-tab').click();
      await writer.page.getByTestId('help-manage-table').waitFor();
      await writer.page.getByTestId('help-new-entry').click();
      const editor = writer.page.getByRole('dialog', { name: 'New help entry' });
      await editor.getByTestId('help-title-input').fill('Can I use the portal on my phone?');
      await editor.getByTestId('help-category-input').fill('Getting started');
      await editor
        .getByTestId('help-body-input')
        .fill(
          'Yes. Use the **MyRiverside** app, or open the portal in your phone browser.\n\n- iPhone\n- Android',
        );
      // The preview renders the markup as readers will see it.
      await editor
        .getByRole('region', { name: 'Preview' })
        .locator('strong', { hasText: 'MyRiverside' })
        .waitFor();
      expect(await seriousViolations(writer.page)).toEqual([]);
      await screenshot(writer.page, 'help-editor');
      await editor.getByTestId('help-save').click();
      await editor.waitFor({ state: 'detached' });
      const row = writer.page.locator('[data-testid^="help-row-"]', {
        hasText: 'Can I use the portal on my phone?',
      });
      await row.getByText('Draft').waitFor();
      const id = (await row.getAttribute('data-testid'))!.replace('help-row-', '');

      // A draft is not public.
      const before = await (await fetch(`${server.url}/api/public/help/${CLINIC}`)).json();
      expect(before.entries.map((e: { id: string }) => e.id)).not.toContain(id);

      await writer.page.getByTestId(`help-publish-${id}`).click();
      await row.getByText('Published').waitFor();
      await row.getByRole('button', { name: /^More for/ }).click();
      await writer.page.getByRole('menuitem', { name: 'History' }).click();
      const history = writer.page.getByTestId('help-history');
      await history.getByText(/^Published by You/).waitFor();
      await history.getByText(/^Created by You/).waitFor();
      expect(await history.textContent()).toContain('by You');
      // Let the dialog finish opening before the picture.
      await writer.page.waitForTimeout(400);
      await screenshot(writer.page, 'help-history');
      await writer.page.keyboard.press('Escape');

      const patient = await openBrowser({ width: 375, height: 812 });
      try {
        // The public answer may be cached for a few minutes; a fresh browser has no copy yet.
        await patient.page.goto(`${server.url}/help/${CLINIC}`);
        await patient.page.getByLabel('Search for help').fill('phone app');
        await patient.page
          .getByTestId('public-results')
          .getByText('Can I use the portal on my phone?')
          .waitFor();
      } finally {
        await patient.close();
      }
    } finally {
      await writer.close();
    }
  });

  it('searches the FAQ offline after one visit, including a reload', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'front-desk', PASSWORD);
      await b.page.getByRole('link', { name: 'Help & FAQ' }).click();
      await b.page.getByTestId('faq-results').waitFor();
      // The service worker has taken over and kept the shell and the help data (captions of the
      // entries' videos too, when they were fetched after it took over) — and nothing else from /api.
      const cachedData = () =>
        b.page.evaluate(async () => {
          if (!navigator.serviceWorker.controller) return [];
          const data = await caches.open('pf-help-data-v1');
          return (await data.keys()).map((r) => new URL(r.url).pathname).sort();
        });
      await expect
        .poll(cachedData, { timeout: 20_000, interval: 250 })
        .toEqual(
          expect.arrayContaining(['/api/config', '/api/help/clinics', '/api/help/entries', '/api/session']),
        );
      for (const path of await cachedData())
        expect(path).toMatch(
          /^\/api\/(?:session|config|help\/(?:clinics|entries(?:\/[\w-]+\/captions\/[\w-]+)?))$/,
        );
      // The app's code is split by screen: the worker keeps what the help needs, and only that.
      const kept = await b.page.evaluate(async () =>
        (await (await caches.open('pf-shell-v2')).keys()).map((r) => new URL(r.url).pathname),
      );
      expect(kept.some((p) => /^\/assets\/FaqPage-[\w-]+\.js$/.test(p))).toBe(true);
      expect(kept.some((p) => /^\/assets\/SignedInApp-[\w-]+\.js$/.test(p))).toBe(true);
      expect(kept.some((p) => /^\/assets\/main-[\w-]+\.js$/.test(p))).toBe(true);
      // My work was opened first, but its code (and the editor's, never opened) is not kept.
      expect(
        kept.filter((p) => /^\/assets\/(?:MyWorkPage|EditorPage|elk|canvas|TrackingPage|AuditPage)-/.test(p)),
      ).toEqual([]);
      const count = async () =>
        Number(((await b.page.getByTestId('faq-count').textContent()) ?? '').split(' ')[0]);
      const online = await count();
      expect(online).toBeGreaterThan(15);
      // Staff reading English meet English answers, not the Spanish ones sorted first by category.
      expect(await b.page.getByTestId('faq-language').inputValue()).toBe('English');
      expect(await b.page.locator('[data-testid^="faq-entry-"] [lang="es"]').count()).toBe(0);

      await b.context.setOffline(true);
      // Really offline: a request the worker does not answer from its cache fails.
      expect(
        await b.page.evaluate(() =>
          fetch('/api/health').then(
            () => 'reached',
            () => 'failed',
          ),
        ),
      ).toBe('failed');
      await b.page.reload();
      await b.page.getByTestId('faq-page').waitFor();
      await b.page.getByTestId('faq-offline').waitFor();
      await b.page.getByTestId('faq-results').waitFor();
      expect(await count()).toBe(online);

      await b.page.getByTestId('faq-audience').getByText('For staff').click();
      await b.page.getByTestId('faq-search').fill('unlok acount pasword');
      // Ranked results carry a snippet; the browse list does not.
      const first = b.page.locator('[data-testid^="faq-entry-"]').first();
      await first.getByTestId('faq-snippet').waitFor();
      await first.getByText('Unlocking a patient account').waitFor();
      const marked = (await first.locator('mark').allInnerTexts()).map((m) => m.toLowerCase());
      expect(marked).toEqual(expect.arrayContaining(['account']));
      await first.getByRole('button').first().click();
      await first.getByText('IT can fix technical errors').waitFor();
      expect(await seriousViolations(b.page)).toEqual([]);
      await screenshot(b.page, 'help-faq-offline');

      // A second reload while still offline works the same.
      await b.page.reload();
      await b.page.getByTestId('faq-search').fill('proxy');
      await b.page.locator('[data-testid^="faq-entry-"]').first().waitFor();
      // The Spanish answers are one choice away.
      await b.page.getByTestId('faq-search').fill('');
      await b.page.getByTestId('faq-language').click();
      await b.page.getByRole('option', { name: 'español' }).click();
      await expect.poll(count).toBeGreaterThan(0);
      expect(await count()).toBeLessThan(online);
      await b.page.locator('[data-testid^="faq-entry-"] [lang="es"]').first().waitFor();

      // Signing out leaves no one's data behind on the device.
      await b.context.setOffline(false);
      await b.page.getByRole('button', { name: 'Sign out' }).click();
      await b.page.getByRole('button', { name: 'Sign in' }).waitFor();
      await expect
        .poll(() => b.page.evaluate(async () => (await (await caches.open('pf-help-data-v1')).keys()).length))
        .toBe(0);
    } finally {
      await b.close();
    }
  });
});
