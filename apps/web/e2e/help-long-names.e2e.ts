import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/**
 * Answers with long names (a whole question, an address with no space to break at) in the staff FAQ's
 * results and on the patients' page: the name wraps onto more lines, none of it cut off or hidden past
 * the edge, and the button keeps the whole name as what a screen reader says.
 */
const STAFF_TITLE =
  'A patient disputes a statement sent to billing-questions@riversidecommunityhealth.example.org: who answers, and how soon must we reply?';
const PATIENT_TITLE =
  'Where do I send questions about my statement (billing-questions@riversidecommunityhealth.example.org)?';
const SIZES = [
  { width: 360, height: 640 },
  { width: 1366, height: 768 },
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const call = await apiSession(server.url, 'portal-enrollment-specialist', PASSWORD);
  for (const [audience, title] of [
    ['staff', STAFF_TITLE],
    ['patients', PATIENT_TITLE],
  ] as const) {
    const created = await call<{ entry: { id: string; revision: number } }>('POST', '/help/entries', {
      clinic: 'riverside',
      kind: 'faq',
      audience,
      language: 'en',
      category: 'Billing',
      title,
      body: 'Billing answers within 3 business days.',
      tags: ['statement'],
      videoUrl: null,
    });
    expect(created.status).toBe(201);
    const { id, revision } = created.body.entry;
    expect((await call('POST', `/help/entries/${id}/publish`, { revision })).status).toBe(200);
  }
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

/** Text inside `button` that is cut: wider than the box that clips it, or past the window's edge. */
async function cut(button: Locator): Promise<string[]> {
  await button.waitFor();
  return button.evaluate((root) => {
    const found: string[] = [];
    for (const el of [root, ...root.querySelectorAll<HTMLElement>('*')]) {
      const style = getComputedStyle(el);
      const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1) found.push(`${el.tagName}.${el.className}: clipped`);
      if (el.getBoundingClientRect().right > window.innerWidth + 0.5)
        found.push(`${el.tagName}.${el.className}: past the edge`);
    }
    return found;
  });
}

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('long answer names', () => {
  for (const size of SIZES) {
    it(`wrap in the staff FAQ's results, whole and named (${size.width} px)`, async () => {
      const b = await openBrowser(size);
      try {
        await signIn(b.page, server.url, 'billing-specialist', PASSWORD);
        await b.page.goto(`${server.url}/faq?q=${encodeURIComponent('statement')}`);
        const button = b.page.getByRole('button', { name: STAFF_TITLE });
        expect(await cut(button)).toEqual([]);
        const lines = await button.evaluate((el) => el.getBoundingClientRect().height);
        expect(lines).toBeGreaterThan(40);
        expect(await sideways(b.page)).toBeLessThanOrEqual(0);
      } finally {
        await b.close();
      }
    });

    it(`wrap on the patients' page, whole and named (${size.width} px)`, async () => {
      const b = await openBrowser(size);
      try {
        await b.page.goto(`${server.url}/help/riverside/en?q=${encodeURIComponent('statement')}`);
        const button = b.page.getByRole('button', { name: PATIENT_TITLE });
        expect(await cut(button)).toEqual([]);
        expect(await sideways(b.page)).toBeLessThanOrEqual(0);
      } finally {
        await b.close();
      }
    });
  }
});
