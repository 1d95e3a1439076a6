import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Browser as PwBrowser } from 'playwright-core';
import { signInOverHttp } from './api.ts';
import { lookFolder } from './look.ts';
import { settled } from './settled.ts';
import { shiftBrowserClock } from './time-shift.ts';
import { freshCode, keeper } from './two-factor.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Screenshots of every main view land here (and are shown in the README). A run at another hour of
 * the clinic's day (support/time-shift.ts) keeps its own apart, under PORTALFLOW_E2E_LOOK's folder
 * (support/look.ts), or writes none when that is unset.
 */
const shiftedLook = lookFolder();
export const SCREENSHOTS: string | undefined = !process.env.PORTALFLOW_E2E_AT
  ? new URL('../../../../docs/screenshots/', import.meta.url).pathname
  : shiftedLook
    ? join(shiftedLook, 'shifted/')
    : undefined;

/**
 * Chromium 156 gives every page's window the address bar's suggestion list as a web page of its own
 * (`chrome://omnibox-popup.top-chrome/`), loaded at once in a renderer of its own: ~1 s of CPU for each
 * person signed in, for a list no test opens. Chromium keeps only the last `--disable-features`, so this
 * one repeats the list playwright-core 1.65 passes (its `chromiumSwitches.ts`) and adds those two.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
];

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * One Chromium per test worker, launched when first asked for: starting a whole browser for every
 * person signed in cost ~0.3 s of wall time and more of CPU each, ~300 times a run on two cores. A
 * browser that has crashed or been closed is launched again.
 */
let shared: Promise<PwBrowser> | undefined;
async function chromiumForThisWorker(): Promise<PwBrowser> {
  const running = await shared?.catch(() => undefined);
  if (running?.isConnected()) return running;
  shared = chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return shared;
}

/**
 * Closes this process's Chromium, if one was launched. Test workers end with it anyway; a benchmark
 * run is one process, which its open browser kept alive after the last table was printed.
 */
export async function closeChromium(): Promise<void> {
  const running = await shared?.catch(() => undefined);
  shared = undefined;
  await running?.close();
}

/**
 * A fresh, isolated browser context (one per signed-in person): its own cookies, storage and cache,
 * as a separate computer would have, in the worker's one Chromium.
 */
export async function openBrowser(
  options: {
    width?: number;
    height?: number /** Keep the app's CSP in force (axe cannot be injected then). */;
    enforceCsp?: boolean;
    /** The zone the browser's own clock runs in, to show the app keeps to the clinic's. */
    timeZone?: string;
    /** The instant the browser's clock starts from (default: the suite's, support/time-shift.ts). */
    at?: number;
    /** A touch screen without a mouse, as a tablet (the page sees a coarse pointer). */
    touch?: boolean;
    /**
     * No help worker (sw.js): for a test that makes the page's own requests fail with `page.route`.
     * Requests the worker makes itself pass by the route, so once it controlled the page (it takes
     * over at once on a first visit) the page got its answer after all.
     */
    noServiceWorker?: boolean;
  } = {},
): Promise<Browser> {
  const browser = await chromiumForThisWorker();
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    // Lets the accessibility checker be injected despite the app's strict CSP.
    bypassCSP: options.enforceCsp !== true,
    ...(options.touch ? { hasTouch: true, isMobile: false } : {}),
    ...(options.timeZone ? { timezoneId: options.timeZone } : {}),
    ...(options.noServiceWorker ? { serviceWorkers: 'block' as const } : {}),
  });
  await shiftBrowserClock(context, options.at);
  const page = await context.newPage();
  return {
    context,
    page,
    async close() {
      await context.close();
    },
  };
}

/**
 * Signs `username` in on this browser and opens the app. The sign-in requests go over HTTP from the
 * test, as the sign-in page sends them, and the browser gets the session's cookie: the page itself
 * cost ~0.5 s of CPU per person signed in, several hundred times a run, for a screen that
 * sign-in.e2e.ts and the other sign-in tests cover. `onPage`: through the sign-in page instead, for
 * a test about signing in (or a whole day's story, told as people live it).
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
  options: { onPage?: boolean } = {},
): Promise<void> {
  if (options.onPage) return signInOnPage(page, baseUrl, username, password);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  const { cookie } = await signInOverHttp(baseUrl, username, password, userAgent);
  const cookies = [cookie, keeper(baseUrl, username).device].filter((c): c is string => Boolean(c));
  await page.context().addCookies(
    cookies.map((c) => {
      const [name, value] = c.split(/=(.*)/s) as [string, string];
      return { name, value, url: baseUrl, httpOnly: true, sameSite: 'Strict' as const };
    }),
  );
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Signs in through the sign-in page. Accounts that need two-factor sign-in get it done the way a
 * person would: enrolling an authenticator the first time (keeping its key and recovery codes),
 * typing a code after that — or not at all on a browser remembered by an earlier sign-in.
 */
async function signInOnPage(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  const k = keeper(baseUrl, username);
  if (k.device) {
    const [name, value] = k.device.split(/=(.*)/s) as [string, string];
    await page.context().addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
  }
  await page.goto(baseUrl);
  await page.getByRole('textbox', { name: /^Username/ }).fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const signedIn = page.getByRole('button', { name: 'Sign out' });
  const enroll = page.getByTestId('totp-enroll');
  const code = page.getByTestId('totp-step');
  await signedIn.or(enroll).or(code).first().waitFor();
  if (await enroll.isVisible()) {
    await page.getByTestId('totp-enroll-start').click();
    k.secret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) ?? undefined;
    await page.getByTestId('totp-code').fill(await freshCode(k));
    await page.getByTestId('totp-remember').check();
    await page.getByTestId('totp-enroll-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    k.recoveryCodes = await page.getByTestId('recovery-code').allTextContents();
    await page.getByTestId('recovery-codes-saved').check();
    await page.getByTestId('recovery-codes-continue').click();
  } else if (await code.isVisible()) {
    await page.getByTestId('totp-code').fill(await freshCode(k));
    await page.getByTestId('totp-remember').check();
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await signedIn.waitFor();
  const device = (await page.context().cookies(baseUrl)).find((c) => /^(__Host-)?pf_device$/.test(c.name));
  if (device) k.device = `${device.name}=${device.value}`;
}

/**
 * Closes the toasts (Saved, Claimed, Practice run started…) so they do not cover a screenshot. They
 * slide in and close themselves too: each is clicked without waiting for it to stand still. Every one
 * shown is clicked each round (a toast sliding out still counts until it has gone, and some stay a
 * while, as "Request started" does), and queued ones come up for the next round.
 */
export async function dismissToasts(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Close notification' });
  for (let round = 0; round < 10 && (await close.count()) > 0; round++) {
    for (const button of await close.all())
      await button.dispatchEvent('click', undefined, { timeout: 1000 }).catch(() => undefined);
    await page.waitForTimeout(200);
  }
  await close.first().waitFor({ state: 'detached', timeout: 15_000 });
}

/**
 * Saves a screenshot for the README; toasts are closed first unless the picture is about them. At
 * another hour with no folder to look in (SCREENSHOTS unset) the page is still made ready, as the
 * test would see it, but nothing is written.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { keepToasts?: boolean; fullPage?: boolean } = {},
): Promise<void> {
  if (!options.keepToasts) await dismissToasts(page);
  await settled(page);
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage === true });
}
