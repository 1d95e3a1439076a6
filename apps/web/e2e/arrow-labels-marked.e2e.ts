// Arrow labels with marks, as Chromium draws them in the editor: an outcome with a problem (its icon
// and "error") and, comparing the draft with the published version, outcomes marked "added" and
// "changed". Each marked label still fills exactly the box the diagram placed it in, and no other
// arrow's line runs through or along it. While a step is dragged, its arrows' labels keep their box.
import type { Definition } from '@portalflow/engine';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { labelProblems } from './support/arrow-labels.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

const WORKFLOW = 'prescription-refill';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const read = await lead<{ draft: { definition: Definition; revision: number } }>(
    'GET',
    `/definitions/${WORKFLOW}`,
  );
  const definition = structuredClone(read.body.draft.definition);
  const steps = definition.steps as Record<string, { outcomes?: Record<string, string> }>;
  // An outcome still named "Outcome" (an error on its arrow; new since version 1: "added").
  const submit = steps['submit-prior-auth']!.outcomes!;
  submit.outcome = submit.submitted!;
  delete submit.submitted;
  // An outcome sent elsewhere than in version 1: "changed".
  steps['book-overdue-visit']!.outcomes!['patient-will-call'] = 'closed-bridged';
  const saved = await lead('PUT', `/definitions/${WORKFLOW}`, {
    definition,
    revision: read.body.draft.revision,
  });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

/** The lead, signed in, with the workflow open in the editor. */
async function openWorkflowAsLead(page: Page): Promise<void> {
  await signIn(page, server.url, 'lead', PASSWORD);
  await page.goto(`${server.url}/workflows/${WORKFLOW}`);
  await page.getByTestId('inspector').waitFor();
}

describe('marked arrow labels as drawn', () => {
  it('a problem on an outcome, then the comparison with version 1: every label in its place, off the other arrows', async () => {
    const browser = await openBrowser({ width: 1920, height: 1080 });
    try {
      const page = browser.page;
      await openWorkflowAsLead(page);
      await page.locator('.pf-edge-label.pf-edge-error').first().waitFor();
      const linted = await labelProblems(page, 'editor-canvas');
      expect(linted.marked, 'labels with a problem').toBeGreaterThan(0);
      expect(linted.problems).toEqual([]);

      await page.getByTestId('compare-button').click();
      await page.getByTestId('compare-panel').waitFor();
      await expect.poll(() => page.getByTestId('compare-from').inputValue()).toMatch(/^Version 1\b/);
      await page.locator('.pf-edge-label.pf-edge-changed').first().waitFor();
      await page.locator('.pf-edge-label.pf-edge-added').first().waitFor();
      const compared = await labelProblems(page, 'editor-canvas');
      expect(compared.marked, 'labels marked in the comparison').toBeGreaterThan(1);
      expect(compared.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('while a step is dragged, the labels of its arrows keep the box, font and padding they were placed with', async () => {
    const browser = await openBrowser({ width: 1920, height: 1080 });
    try {
      const page = browser.page;
      await openWorkflowAsLead(page);
      await page.locator('.pf-edge-label').first().waitFor();
      const looks = () =>
        page.locator('.pf-edge-label').evaluateAll((els) =>
          els.map((el) => {
            const style = getComputedStyle(el);
            return {
              id: (el as HTMLElement).dataset.testid ?? '',
              provisional: el.classList.contains('pf-edge-provisional'),
              width: (el as HTMLElement).offsetWidth,
              height: (el as HTMLElement).offsetHeight,
              font: `${style.fontSize} ${style.fontFamily}`,
              padding: style.padding,
            };
          }),
        );
      const before = new Map((await looks()).map((l) => [l.id, l]));
      const box = (await page.getByTestId('node-order-labs').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 + 30, { steps: 5 });
      await page.locator('.pf-edge-label.pf-edge-provisional').first().waitFor();
      const during = (await looks()).filter((l) => l.provisional);
      await page.mouse.up();
      expect(during.length).toBeGreaterThan(0);
      for (const label of during) {
        const was = before.get(label.id)!;
        expect({ ...label, provisional: false }, label.id).toEqual(was);
      }
    } finally {
      await browser.close();
    }
  });
});
