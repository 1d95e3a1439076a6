import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, signIn } from './support/browser.ts';
import { HEAVY_CHUNKS, LOAD_BUDGETS, measureLoad, ScriptMeter, settle } from './support/load.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Load budgets, in bytes (deterministic, unlike timings): the JavaScript a front-desk PC downloads
 * for the sign-in page and for My work, compressed as the server sends it. The exact figures and
 * the time to a usable My work are printed by `pnpm bench`; this test fails only when a budget is
 * overrun by half again, so that a regression (a heavy import slipping into the entry) is caught.
 */
const MARGIN = 1.5;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('what a front-desk PC downloads', () => {
  it('the sign-in page and My work stay within their byte budgets, without the editor or charts', async () => {
    const b = await openBrowser();
    try {
      const load = await measureLoad(b.page, server.url, 'front-desk', PASSWORD);
      const report = `sign-in ${load.signIn.bytes} B in ${load.signIn.files.length} files; My work ${load.myWork.bytes} B in ${load.myWork.files.length} files`;
      expect(load.signIn.bytes, report).toBeGreaterThan(0);
      expect(load.signIn.bytes, report).toBeLessThan(LOAD_BUDGETS.signInKb * 1000 * MARGIN);
      expect(load.myWork.bytes, report).toBeLessThan(LOAD_BUDGETS.myWorkKb * 1000 * MARGIN);
      // Screens are loaded when opened: no editor, canvas, ELK, charts or audit code on the way.
      expect(load.myWork.files.filter((f) => HEAVY_CHUNKS.test(f))).toEqual([]);
      // The sign-in page is not the staff app: no code behind sign-in yet.
      expect(load.signIn.files.filter((f) => /\/assets\/(?:SignedInApp|MyWorkPage)-/.test(f))).toEqual([]);
      expect(load.myWork.files.some((f) => /\/assets\/MyWorkPage-/.test(f))).toBe(true);
      // Nor zod (~30 kB): the sign-in page calls its routes by address (SIGN_IN_ROUTES).
      const withZod: string[] = [];
      for (const f of load.signIn.files)
        if ((await (await fetch(new URL(f, server.url))).text()).includes('ZodError')) withZod.push(f);
      expect(withZod, 'sign-in page files carrying zod').toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('a lead opening the editor the first time sees it load, and only then downloads its code', async () => {
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const meter = await ScriptMeter.attach(b.page);
      await signIn(b.page, server.url, 'lead', PASSWORD);
      const table = b.page.getByTestId('workflows-table');
      await table.waitFor();
      await settle(b.page);
      const editorCode = (files: string[]) => files.filter((f) => /\/assets\/(?:EditorPage|canvas)-/.test(f));
      expect(editorCode(meter.snapshot().files)).toEqual([]);

      // On a slow link the editor's code takes a while: the screen says so with a progress bar.
      await meter.cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 300,
        downloadThroughput: 250_000,
        uploadThroughput: 100_000,
      });
      await table.getByRole('link').first().click();
      await b.page.getByTestId('screen-loading-progress').waitFor();
      expect(await b.page.getByRole('status').filter({ hasText: 'Loading the editor' }).count()).toBe(1);
      await b.page.getByTestId('editor').waitFor({ timeout: 60_000 });
      expect(await b.page.getByTestId('screen-loading').count()).toBe(0);
      expect(editorCode(meter.snapshot().files).length).toBeGreaterThan(0);
    } finally {
      await b.close();
    }
  });

  it('the QR code library comes only when someone sets up two-factor', async () => {
    const b = await openBrowser();
    try {
      const meter = await ScriptMeter.attach(b.page);
      await b.page.goto(server.url);
      await b.page.getByRole('textbox', { name: /^Username/ }).fill('auditor');
      await b.page.locator('input[name="password"]').fill(PASSWORD);
      await settle(b.page);
      const qrCode = (files: string[]) => files.filter((f) => /\/assets\/qrCode-/.test(f));
      expect(qrCode(meter.snapshot().files)).toEqual([]);
      await b.page.getByRole('button', { name: 'Sign in' }).click();
      await b.page.getByTestId('totp-enroll-start').click();
      await b.page.getByTestId('totp-qr').waitFor();
      expect(qrCode(meter.snapshot().files)).toHaveLength(1);
    } finally {
      await b.close();
    }
  });

  it('the server sends the scripts compressed', async () => {
    const html = await (await fetch(server.url)).text();
    const entry = html.match(/src="(\/assets\/main-[^"]+\.js)"/)?.[1];
    expect(entry).toBeTruthy();
    const res = await fetch(`${server.url}${entry}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });
});
