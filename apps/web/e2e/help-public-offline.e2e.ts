import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** The demo's refill answer carries a clinic-made clip with English and Spanish captions. */
const CLINIC = 'riverside';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The clinic's time zone, as the public page reads it. */
async function clinicZone(): Promise<string> {
  const res = await fetch(`${server.url}/api/public/help/${CLINIC}/hours`);
  return ((await res.json()) as { timeZone: string }).timeZone;
}

/** Plays the clip on the page (muted, as a test may) until it shows a picture past its start. */
function plays(page: Page) {
  return page.waitForFunction(
    () => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="help-video"]');
      if (!v) return false;
      v.muted = true;
      if (v.paused) void v.play().catch(() => undefined);
      return v.readyState >= 2 && v.currentTime > 0;
    },
    undefined,
    { timeout: 15_000, polling: 250 },
  );
}

/** The addresses this browser keeps answers of, in any of its caches. */
function kept(page: Page) {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys())
      for (const r of await (await caches.open(name)).keys()) paths.push(new URL(r.url).pathname);
    return paths;
  });
}

describe('the public help page on a phone with poor signal', () => {
  it('plays a clip again offline once the patient has played it, and a staff sign-out leaves it', async () => {
    const b = await openBrowser({ width: 375, height: 812 });
    try {
      // The patient's first visit: an answer opened from search, its clip played.
      await b.page.goto(`${server.url}/help/${CLINIC}/es`);
      await b.page.getByLabel('Buscar ayuda').fill('toque');
      const hit = b.page.getByTestId('public-results').locator('li').first();
      await hit.getByRole('button').click();
      const address = b.page.url();
      const video = b.page.getByTestId('help-video');
      await video.waitFor();
      const src = await video.locator('source').getAttribute('src');
      expect(src).toMatch(/^\/api\/public\/help\/riverside\/videos\/[\w-]+\/[0-9a-f]{64}$/);
      await plays(b.page);
      await b.page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, {
        timeout: 20_000,
      });
      await expect.poll(() => kept(b.page), { timeout: 20_000, interval: 250 }).toContain(src);
      // Online, the answers are the clinic's own: nothing to say.
      expect(await b.page.getByTestId('public-saved-copy').count()).toBe(0);

      // The signal drops; the patient reloads the answer and plays the clip again.
      await b.context.setOffline(true);
      await b.page.reload();
      await b.page.getByRole('heading', { level: 1, name: 'Ayuda con el portal' }).waitFor();
      expect(b.page.url()).toBe(address);
      // The patient is told the answers are the copy this phone saved, and from when.
      // The day in the clinic's calendar, written out ("7 de diciembre de 2026").
      const today = await b.page.evaluate(
        (timeZone) => new Intl.DateTimeFormat('es', { dateStyle: 'long', timeZone }).format(new Date()),
        await clinicZone(),
      );
      expect(await b.page.getByTestId('public-saved-copy').textContent()).toBe(
        `Está sin conexión: se muestran las respuestas guardadas en este teléfono el ${today}.`,
      );
      await b.page.getByTestId('help-video').waitFor();
      await plays(b.page);
      // Jumping ahead works too: the player's part-of-the-file requests are answered from the kept copy.
      await b.page.evaluate(() => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="help-video"]')!;
        v.pause();
        v.currentTime = 2.5;
      });
      await b.page.waitForFunction(
        () => (document.querySelector<HTMLVideoElement>('[data-testid="help-video"]')?.readyState ?? 0) >= 2,
      );
      await screenshot(b.page, 'help-public-phone-video-offline');
      // The same in English.
      await b.page.goto(`${server.url}/help/${CLINIC}`);
      const day = await b.page.evaluate(
        (timeZone) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone }).format(new Date()),
        await clinicZone(),
      );
      expect(await b.page.getByTestId('public-saved-copy').textContent()).toBe(
        `You are offline: showing the answers saved on this phone on ${day}.`,
      );
      await screenshot(b.page, 'help-public-phone-offline');

      // Someone on staff signs in and out on the same device: the public clip is no one's own data
      // and stays; what staff kept behind the sign-in goes.
      await b.context.setOffline(false);
      await signIn(b.page, server.url, 'front-desk', PASSWORD);
      // The staff help's worker is in charge of the page, so it sees the sign-out.
      await b.page.goto(`${server.url}/faq`);
      await b.page.getByTestId('faq-page').waitFor();
      await b.page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, {
        timeout: 20_000,
      });
      await b.page.getByRole('button', { name: 'Sign out' }).click();
      await b.page.getByRole('button', { name: 'Sign in' }).waitFor();
      const after = await kept(b.page);
      expect(after).toContain(src);
      expect(after).not.toContain('/api/session');
    } finally {
      await b.close();
    }
  });
  it('says in words why a clip never played before cannot play offline, and where its words are', async () => {
    const b = await openBrowser({ width: 360, height: 640 });
    try {
      // A first visit, online: the answers are kept, the clip is not played.
      await b.page.goto(`${server.url}/help/${CLINIC}/es`);
      await b.page.getByLabel('Buscar ayuda').waitFor();
      await b.page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, {
        timeout: 20_000,
      });
      await expect
        .poll(() => kept(b.page), { timeout: 20_000, interval: 250 })
        .toContain(`/api/public/help/${CLINIC}`);
      await b.context.setOffline(true);
      await b.page.goto(`${server.url}/help/${CLINIC}/es/como-pido-mas-de-mi-medicina-resurtido`);
      await b.page.getByTestId('public-saved-copy').waitFor();
      const note = b.page.getByTestId('help-video-unavailable');
      await note.waitFor();
      expect(await note.textContent()).toBe(
        'El video no se puede ver ahora. Revise su internet. Lo que dice está en «Transcripción».',
      );
      // The transcript is right there, with what the clip says.
      await b.page.getByTestId('help-transcript').getByText('Transcripción').click();
      expect(await b.page.getByTestId('help-transcript').textContent()).toContain('resurtido');
    } finally {
      await b.close();
    }
  });
});
