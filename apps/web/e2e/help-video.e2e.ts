import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
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

describe('a clinic-made help video, on a phone, in Spanish', () => {
  it('opens /help/riverside/es, plays the refill video with Spanish captions, and shares the answer', async () => {
    const b = await openBrowser({ width: 375, height: 812 });
    try {
      await b.page.goto(`${server.url}/help/${CLINIC}/es`);
      await b.page.getByRole('heading', { level: 1, name: 'Ayuda con el portal' }).waitFor();
      expect(await b.page.evaluate(() => document.documentElement.lang)).toBe('es');
      // Each language is an alternate address of the page.
      const alternates = await b.page
        .locator('link[rel="alternate"][hreflang]')
        .evaluateAll((links) =>
          links.map((l) => `${l.getAttribute('hreflang')} ${new URL((l as HTMLLinkElement).href).pathname}`),
        );
      expect(alternates.sort()).toEqual([`en /help/${CLINIC}/en`, `es /help/${CLINIC}/es`]);

      // Search finds the answer by what its video says ("toque" is only in the captions).
      await b.page.getByLabel('Buscar ayuda').fill('toque');
      const hit = b.page.getByTestId('public-results').locator('li').first();
      expect(await hit.getByRole('button').textContent()).toContain('resurtido');
      await hit.getByRole('button').click();
      expect(new URL(b.page.url()).pathname).toMatch(
        new RegExp(`^/help/${CLINIC}/es/como-pido-mas-de-mi-medicina`),
      );

      const video = hit.getByTestId('help-video');
      await video.waitFor();
      expect(await video.getAttribute('playsinline')).not.toBeNull();
      expect(await video.getAttribute('preload')).toBe('metadata');
      await video.evaluate((v: HTMLVideoElement) => {
        v.muted = true;
        return v.play();
      });
      await b.page.waitForFunction(
        () => {
          const v = document.querySelector<HTMLVideoElement>('[data-testid="help-video"]');
          return !!v && v.readyState >= 2 && v.currentTime > 0;
        },
        undefined,
        { timeout: 15_000 },
      );
      // The Spanish captions are the track shown, loaded, with the spoken words.
      await b.page.waitForFunction(() => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="help-video"]');
        const track = v && [...v.textTracks].find((t) => t.mode === 'showing');
        return !!track && track.language === 'es' && (track.cues?.length ?? 0) > 0;
      });
      const words = await video.evaluate((v: HTMLVideoElement) => {
        const track = [...v.textTracks].find((t) => t.mode === 'showing')!;
        return [...(track.cues ?? [])].map((c) => (c as VTTCue).text).join(' ');
      });
      expect(words).toContain('Pedir resurtido');
      const trackEl = await hit
        .locator('track[srclang="es"]')
        .evaluate((t: HTMLTrackElement) => t.readyState);
      expect(trackEl).toBe(2); // HTMLTrackElement.LOADED
      await video.evaluate((v: HTMLVideoElement) => {
        v.pause();
        v.currentTime = 2.5;
      });
      await b.page.waitForFunction(
        () => (document.querySelector<HTMLVideoElement>('[data-testid="help-video"]')?.readyState ?? 0) >= 2,
      );
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await seriousViolations(b.page)).toEqual([]);
      await hit.scrollIntoViewIfNeeded();
      await screenshot(b.page, 'help-public-phone-video-es');

      // The shared address opens the same answer in a new browser; the old address still works.
      const shared = b.page.url();
      const other = await openBrowser({ width: 375, height: 812 });
      try {
        await other.page.goto(shared);
        await other.page.getByTestId('help-video').waitFor();
        await other.page.goto(`${server.url}/help/${CLINIC}`);
        await other.page.getByRole('heading', { level: 1 }).waitFor();
        // A language switch puts the language in the address.
        await other.page.getByTestId('public-lang-es').click();
        await other.page.getByRole('heading', { level: 1, name: 'Ayuda con el portal' }).waitFor();
        expect(new URL(other.page.url()).pathname).toBe(`/help/${CLINIC}/es`);
      } finally {
        await other.close();
      }
    } finally {
      await b.close();
    }
  });
});

describe('a help video for staff', () => {
  it('the FAQ finds the answer by what its video says and plays it with the session', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'medical-assistant', PASSWORD);
      await b.page.goto(`${server.url}/faq?q=${encodeURIComponent('tap')}`);
      const results = b.page.getByTestId('faq-results');
      await results.waitFor();
      const first = results.locator('[data-testid^="faq-entry-"]').first();
      expect(await first.textContent()).toContain('refill');
      await first.getByRole('button').first().click();
      const video = first.getByTestId('help-video');
      await video.waitFor();
      await b.page.waitForFunction(
        () => (document.querySelector<HTMLVideoElement>('[data-testid="help-video"]')?.readyState ?? 0) >= 1,
      );
      expect(await first.locator('track[kind="captions"]').count()).toBe(2);
    } finally {
      await b.close();
    }
  });

  it('plays again after a reload, with the offline-help worker in charge of the page', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'front-desk', PASSWORD);
      const openRefill = async () => {
        await b.page.goto(`${server.url}/faq?q=${encodeURIComponent('tap')}`);
        const first = b.page.getByTestId('faq-results').locator('[data-testid^="faq-entry-"]').first();
        await first.getByRole('button').first().click();
        await first.getByTestId('help-video').waitFor();
      };
      const plays = () =>
        b.page.waitForFunction(
          () => {
            const v = document.querySelector<HTMLVideoElement>('[data-testid="help-video"]');
            if (!v) return false;
            v.muted = true;
            if (v.paused) void v.play().catch(() => undefined);
            return v.readyState >= 1 && v.currentTime > 0;
          },
          undefined,
          { timeout: 15_000, polling: 250 },
        );
      await openRefill();
      await plays();
      // The worker keeps the staff help for offline use; it must not get in the way of the video.
      await b.page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, {
        timeout: 20_000,
      });
      await b.page.reload();
      await openRefill();
      await plays();
      await b.page.reload();
      await openRefill();
      await plays();
    } finally {
      await b.close();
    }
  });

  it('plays offline at the front desk once it has been opened: the worker keeps the whole clip', async () => {
    const b = await openBrowser();
    try {
      await signIn(b.page, server.url, 'front-desk', PASSWORD);
      // Opened on the very first visit, before the worker is in charge of the page.
      await b.page.goto(`${server.url}/faq?q=${encodeURIComponent('tap')}`);
      const first = () => b.page.getByTestId('faq-results').locator('[data-testid^="faq-entry-"]').first();
      await first().getByRole('button').first().click();
      const video = first().getByTestId('help-video');
      await video.waitFor();
      const src = await video.locator('source').getAttribute('src');
      expect(src).toMatch(/^\/api\/help\/entries\/[\w-]+\/video\/[0-9a-f]{64}$/);
      await video.evaluate((v: HTMLVideoElement) => {
        v.muted = true;
        return v.play();
      });
      await b.page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, {
        timeout: 20_000,
      });
      // The clip is kept whole, once (7 KB: far inside the worker's budget for videos).
      const keptVideos = () =>
        b.page.evaluate(async () => {
          const names = (await caches.keys()).filter((n) => n.startsWith('pf-help-videos-'));
          const paths: string[] = [];
          for (const name of names)
            for (const r of await (await caches.open(name)).keys()) paths.push(new URL(r.url).pathname);
          return paths;
        });
      await expect.poll(keptVideos, { timeout: 20_000, interval: 250 }).toEqual([src]);

      // The network goes down at the front desk; the help page is reloaded.
      await b.context.setOffline(true);
      await b.page.reload();
      await b.page.getByTestId('faq-offline').waitFor();
      await first().getByRole('button').first().click();
      await first().getByTestId('help-video').waitFor();
      await b.page.waitForFunction(
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
      // Jumping ahead works too: the player's part-of-the-file requests are cut from the kept copy.
      await b.page.evaluate(() => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="help-video"]')!;
        v.pause();
        v.currentTime = 2.5;
      });
      await b.page.waitForFunction(
        () => (document.querySelector<HTMLVideoElement>('[data-testid="help-video"]')?.readyState ?? 0) >= 2,
      );
      const part = await b.page.evaluate(async (url) => {
        const r = await fetch(url, { headers: { Range: 'bytes=100-199' } });
        return {
          status: r.status,
          range: r.headers.get('content-range'),
          length: (await r.arrayBuffer()).byteLength,
        };
      }, src!);
      expect(part.status).toBe(206);
      expect(part.range).toMatch(/^bytes 100-199\/\d+$/);
      expect(part.length).toBe(100);
      await screenshot(b.page, 'help-faq-video-offline');

      // Signing out leaves no kept video behind on a shared computer.
      await b.context.setOffline(false);
      await b.page.getByRole('button', { name: 'Sign out' }).click();
      await b.page.getByRole('button', { name: 'Sign in' }).waitFor();
      await expect.poll(keptVideos).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
