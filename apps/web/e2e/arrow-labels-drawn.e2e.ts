// Every bundled workflow's arrow labels as Chromium draws them, in the editor and in the audit replay
// of a finished request (where the labels along the request's path are drawn bold over a thick line):
// each label fills exactly the box the diagram placed it in, its words are whole, and no other arrow's
// line (at the width it is drawn) runs through or along it, nor does another label cover it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { labelProblems } from './support/arrow-labels.ts';
import { openBrowser, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

const WORKFLOWS = readdirSync(join(import.meta.dirname, '../../../examples/workflows'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('arrow labels as drawn', () => {
  it('in the editor, every bundled workflow: each label in its place, whole, off the other arrows', async () => {
    const browser = await openBrowser({ width: 1920, height: 1080 });
    try {
      const page = browser.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      const problems: string[] = [];
      for (const id of WORKFLOWS) {
        await page.goto(`${server.url}/workflows/${id}`);
        await page.locator('.react-flow__node').first().waitFor();
        await page.getByTestId('inspector').waitFor();
        await page.locator('.pf-edge-label').first().waitFor();
        const found = await labelProblems(page, 'editor-canvas');
        expect(found.labels, id).toBeGreaterThan(5);
        for (const p of found.problems) problems.push(`${id}: ${p}`);
      }
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('in the audit replay of a finished request of every bundled workflow, its path drawn bold', async () => {
    const auditor = await apiSession(server.url, 'auditor', PASSWORD);
    const done = await auditor<{ items: Array<{ id: string; definitionId: string }> }>(
      'GET',
      '/instances?status=done&limit=500',
    );
    const finished = new Map<string, string>();
    for (const row of done.body.items)
      if (!finished.has(row.definitionId)) finished.set(row.definitionId, row.id);
    expect(finished.size).toBeGreaterThanOrEqual(8);
    const browser = await openBrowser({ width: 1920, height: 1080 });
    try {
      const page = browser.page;
      await signIn(page, server.url, 'auditor', PASSWORD);
      const problems: string[] = [];
      let bold = 0;
      for (const [workflow, id] of [...finished].sort(([a], [b]) => a.localeCompare(b))) {
        await page.goto(`${server.url}/audit/instances/${encodeURIComponent(id)}`);
        await page.getByTestId('audit-timeline').waitFor();
        await page.locator('[data-testid="audit-diagram"] .pf-edge-label').first().waitFor();
        const found = await labelProblems(page, 'audit-diagram');
        bold += found.bold;
        for (const p of found.problems) problems.push(`${workflow}: ${p}`);
      }
      expect(bold, 'labels along the paths, drawn bold').toBeGreaterThan(10);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
