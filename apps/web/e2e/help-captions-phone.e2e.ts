import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * Captions of the clinic's own video on a 360×640 phone, measured as Chromium draws them: large enough
 * to read (16 px or more, as on-screen text guidance asks), and clear of the video's controls.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  attributes?: string[];
  pseudo?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/** The video's own drawing (the browser's shadow tree), found by the pseudo-element names Chromium gives it. */
function find(node: DomNode, pseudo: string): DomNode | undefined {
  const attrs = node.attributes ?? [];
  const at = attrs.indexOf('pseudo');
  if (at >= 0 && attrs[at + 1] === pseudo) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const hit = find(child, pseudo);
    if (hit) return hit;
  }
  return undefined;
}

async function box(cdp: CDPSession, node: DomNode) {
  const { model } = await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId });
  const [x1, y1, , , x3, y3] = model.border;
  return { top: y1!, bottom: y3!, left: x1!, right: x3! };
}

async function cueMeasures(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const cue = find(root, '-webkit-media-text-track-display');
  // The bar a finger uses: the timeline and the buttons (the panel around them covers the whole video).
  const bar = ['-webkit-media-controls-timeline', '-webkit-media-controls-button-panel']
    .map((name) => find(root, name))
    .filter((n): n is DomNode => !!n);
  if (!cue) throw new Error('no caption cue drawn');
  // The words themselves (::cue) where Chromium names them, else the box that holds them.
  const words = find(cue, 'cue') ?? cue;
  const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId: words.nodeId });
  const fontSize = Number.parseFloat(computedStyle.find((p) => p.name === 'font-size')?.value ?? '0');
  const tops = await Promise.all(bar.map(async (n) => (await box(cdp, n)).top));
  return { fontSize, cue: await box(cdp, cue), controlsTop: tops.length ? Math.min(...tops) : null };
}

describe('help video captions on a 360×640 phone', () => {
  for (const lang of ['en', 'es'] as const)
    it(`are drawn at 16 px or more, above the controls (${lang})`, async () => {
      const b = await openBrowser({ width: 360, height: 640 });
      try {
        const slug =
          lang === 'en' ? 'how-do-i-ask-for-a-prescription-refill' : 'como-pido-mas-de-mi-medicina-resurtido';
        await b.page.goto(`${server.url}/help/riverside/${lang}/${slug}`);
        const video = b.page.getByTestId('help-video');
        await video.waitFor();
        await video.scrollIntoViewIfNeeded();
        await video.evaluate((v: HTMLVideoElement) => {
          v.muted = true;
          return v.play();
        });
        await b.page.waitForFunction(
          () => {
            const v = document.querySelector<HTMLVideoElement>('[data-testid="help-video"]');
            const track = v && [...v.textTracks].find((t) => t.mode === 'showing');
            return !!track?.activeCues && track.activeCues.length > 0;
          },
          undefined,
          { timeout: 20_000 },
        );
        await video.evaluate((v: HTMLVideoElement) => v.pause());
        // The controls show while the patient touches the video: the words must not be under them.
        await video.hover();
        await b.page.waitForTimeout(300);
        const m = await cueMeasures(b.page);
        expect(m.fontSize).toBeGreaterThanOrEqual(16);
        const frame = (await video.boundingBox())!;
        expect(m.cue.top).toBeGreaterThanOrEqual(frame.y - 0.5);
        expect(m.cue.left).toBeGreaterThanOrEqual(frame.x - 0.5);
        expect(m.cue.right).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
        expect(m.controlsTop).not.toBeNull();
        expect(m.cue.bottom).toBeLessThanOrEqual(m.controlsTop! + 0.5);
      } finally {
        await b.close();
      }
    });
});
