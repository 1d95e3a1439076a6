import type { CDPSession, Page } from 'playwright-core';

/**
 * Load budgets for a clinic's slow link and old PC (kB = 1,000 bytes of JavaScript on the wire:
 * compressed bodies plus response headers, as Chromium counts them, from an empty cache).
 */
export const LOAD_BUDGETS = {
  signInKb: 150,
  /** From opening the app to a usable My work, sign-in page included. */
  myWorkKb: 350,
  /** From pressing Sign in to My work usable, with the CPU slowed 4×. */
  myWorkUsableMs: 2000,
} as const;

/**
 * Code only some screens need: none of it may reach the sign-in page or My work (RE2, `field-pattern`,
 * comes with the first form that has a pattern; the queue has none).
 */
export const HEAVY_CHUNKS =
  /\/assets\/(?:EditorPage|canvas|elk|elk\.bundled|TrackingPage|AuditPage|editor|WorkflowsPage|qrCode|field-pattern|patternEngine)-/;

/** Counts the JavaScript a page downloads, per file, through the DevTools protocol. */
export class ScriptMeter {
  private readonly urls = new Map<string, string>();
  private readonly files = new Map<string, number>();
  private constructor(readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<ScriptMeter> {
    const cdp = await page.context().newCDPSession(page);
    const meter = new ScriptMeter(cdp);
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script' || /\.m?js(?:\?|$)/.test(new URL(e.response.url).pathname))
        meter.urls.set(e.requestId, new URL(e.response.url).pathname);
    });
    cdp.on('Network.loadingFinished', (e) => {
      const path = meter.urls.get(e.requestId);
      if (path) meter.files.set(path, (meter.files.get(path) ?? 0) + e.encodedDataLength);
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    return meter;
  }

  /** Slows the page's CPU `rate` times (4 stands for an old front-desk PC). */
  throttle(rate: number): Promise<unknown> {
    return this.cdp.send('Emulation.setCPUThrottlingRate', { rate });
  }

  /** Bytes and files so far. */
  snapshot(): { bytes: number; files: string[] } {
    return {
      bytes: [...this.files.values()].reduce((a, b) => a + b, 0),
      files: [...this.files.keys()].sort(),
    };
  }
}

/** Waits until nothing has been fetched for `quietMs` (the lazily loaded code has all arrived). */
export async function settle(page: Page, quietMs = 500): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(quietMs);
}

/** My work is usable: the queue (a task or the empty state) is on screen. */
const MY_WORK_READY = '[data-testid="task-list"] [data-testid^="task-row-"], [data-testid="work-empty"]';

/**
 * Installed in the page before signing in (as a string: nothing of the test runner's transforms
 * reaches the page): the times of the sign-in submit and of My work first showing its queue.
 */
const WATCH_SIGN_IN = `(() => {
  const w = window;
  w.__pfSubmitAt = 0;
  w.__pfReadyAt = 0;
  document.addEventListener('submit', () => { if (!w.__pfSubmitAt) w.__pfSubmitAt = performance.now(); }, true);
  const observer = new MutationObserver(() => {
    if (document.querySelector(${JSON.stringify(MY_WORK_READY)})) {
      w.__pfReadyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

export interface LoadFigures {
  signIn: { bytes: number; files: string[] };
  myWork: { bytes: number; files: string[] };
  /** Pressing Sign in → My work usable, in ms (with the page's CPU throttling, if any). */
  usableMs: number;
}

/**
 * Opens the app with an empty cache, signs in as a clinic role without two-factor sign-in and
 * waits for My work, counting the JavaScript on the wire at each stage.
 */
export async function measureLoad(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
  options: { cpuThrottling?: number } = {},
): Promise<LoadFigures> {
  const meter = await ScriptMeter.attach(page);
  if (options.cpuThrottling) await meter.throttle(options.cpuThrottling);
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await settle(page);
  const signIn = meter.snapshot();
  await page.getByRole('textbox', { name: /^Username/ }).fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.evaluate(WATCH_SIGN_IN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator(MY_WORK_READY).first().waitFor({ timeout: 30_000 });
  const usableMs = (await page.evaluate('window.__pfReadyAt - window.__pfSubmitAt')) as number;
  await settle(page);
  return { signIn, myWork: meter.snapshot(), usableMs };
}
