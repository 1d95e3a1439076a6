import { readFileSync } from 'node:fs';
import { fromBpmn } from '@portalflow/bpmn';
import type { Definition } from '@portalflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { dismissToasts, openBrowser, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startTestServer, type TestServer } from './support/server.ts';

/** A file written in bpmn.io's style: three pools (one a black box), a sub-process, message flows, data stores, compensation. */
const FIXTURE = new URL('../../../packages/bpmn/test/fixtures/bpmnjs-lab-results.bpmn', import.meta.url)
  .pathname;
/** A Signavio file with nested lanes: imported from the workflow list, it becomes a new workflow. */
const SIGNAVIO = new URL('../../../packages/bpmn/test/fixtures/signavio-enrollment.bpmn', import.meta.url)
  .pathname;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const lead = await apiSession(server.url, 'lead', PASSWORD);
  const definition: Definition = {
    id: 'results-from-bpmn',
    title: 'Results (to be replaced by the import)',
    roles: [{ id: 'front-desk', name: 'Front desk' }],
    start: 'first',
    steps: {
      first: { type: 'task', role: 'front-desk', title: 'First', outcomes: { done: 'end' } },
      end: { type: 'end' },
    },
  };
  expect((await lead('POST', '/definitions', { definition })).status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
});

describe('BPMN in the editor', () => {
  it('imports a foreign BPMN file: the report lists what was skipped, the diagram shows the lanes; export gives BPMN back', async () => {
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const page = b.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/results-from-bpmn`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.locator('.react-flow__node').first().waitFor();
      // The menu's foot names the role as staff know it, not by its id ("designer").
      await expect.poll(() => page.getByTestId('signed-in-roles').textContent()).toBe('Operations lead');

      await page.getByTestId('import-file-input').setInputFiles(FIXTURE);
      // Mantine's modal root has no box of its own: wait for what it shows.
      const report = page.getByTestId('bpmn-import-report');
      await page.getByTestId('bpmn-skipped-table').waitFor();
      await expect.poll(() => page.getByTestId('bpmn-skipped-row').count()).toBe(8);
      const rows = await page.getByTestId('bpmn-skipped-row').allTextContents();
      expect(rows.some((r) => r.includes('subProcess') && r.includes('Activity_call_critical'))).toBe(true);
      // Every pool comes in: only the message to the patient (a black box) has no equivalent.
      expect(rows.some((r) => r.includes('messageFlow') && r.includes('Flow_msg_patient'))).toBe(true);
      expect(rows.some((r) => r.includes('participant'))).toBe(false);
      expect(await page.getByTestId('bpmn-import-summary').textContent()).toContain(
        '8 elements were not imported',
      );
      expect(await page.getByTestId('bpmn-import-warnings').textContent()).toContain(
        "pool 'Patient' is a black box",
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'editor-bpmn-import-report');

      await page.getByTestId('bpmn-import-report-close').click();
      await report.waitFor({ state: 'detached' });
      // The lanes of every pool, as roles, with the seven steps that map.
      for (const role of ['patient', 'ordering-provider', 'results-nurse', 'reference-lab'])
        await page.getByTestId(`lane-${role}`).first().waitFor();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
      await expect.poll(() => page.getByText('Review the result').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText('Viewed within 3 days?').count()).toBeGreaterThan(0);
      await dismissToasts(page);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'editor-bpmn-imported');

      // Export offers BPMN: the download reads back as the same workflow.
      await page.getByTestId('export-menu').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-bpmn').click(),
      ]);
      expect(download.suggestedFilename()).toBe('results-from-bpmn.bpmn');
      const xml = readFileSync((await download.path())!, 'utf8');
      const back = fromBpmn(xml);
      expect(back.skipped).toEqual([]);
      expect(Object.keys(back.definition.steps).sort()).toEqual([
        'patient-reached',
        'phone-the-patient',
        'release-to-the-portal-with-a-note',
        'result-seen',
        'review-the-result',
        'run-the-assay',
        'viewed-within-3-days',
      ]);
      expect(back.definition.roles.map((r) => r.id)).toEqual([
        'patient',
        'ordering-provider',
        'results-nurse',
        'reference-lab',
      ]);

      // …or one pool per department, which reads back as the same workflow.
      await page.getByTestId('export-menu').click();
      const [pooled] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-bpmn-pools').click(),
      ]);
      const pooledXml = readFileSync((await pooled.path())!, 'utf8');
      expect(pooledXml.match(/<bpmn:participant /g)!.length).toBeGreaterThan(1);
      expect(fromBpmn(pooledXml).definition).toEqual(back.definition);
    } finally {
      await b.close();
    }
  });

  it('imported from the workflow list, a BPMN file becomes a new workflow whose editor shows the report', async () => {
    const b = await openBrowser({ width: 1440, height: 900 });
    try {
      const page = b.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows`);
      await page.getByTestId('workflows-page').waitFor();
      await page.getByTestId('import-file-input').setInputFiles(SIGNAVIO);
      await page.waitForURL(/\/workflows\/clinic-portal-enrollment$/);
      await page.getByTestId('bpmn-skipped-table').waitFor();
      expect(await page.getByTestId('bpmn-skipped-row').allTextContents()).toEqual([
        'groupsid-GROUP-0001groups are not modelled',
      ]);
      await page.getByTestId('bpmn-import-report-close').click();
      // Leaf lanes of the nested lanes, as drawn, with the diagram's layout stored with the draft.
      for (const role of ['front-desk', 'enrollment-specialist', 'medical-records-clerk'])
        await page.getByTestId(`lane-${role}`).first().waitFor();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
      const lead = await apiSession(server.url, 'lead', PASSWORD);
      const stored = await lead<{ draft: { layout: { positions: Record<string, unknown> } } }>(
        'GET',
        '/definitions/clinic-portal-enrollment',
      );
      expect(Object.keys(stored.body.draft.layout.positions)).toHaveLength(6);
    } finally {
      await b.close();
    }
  });

  it('a file that is not BPMN is refused with its code and line, and nothing changes', async () => {
    const b = await openBrowser();
    try {
      const page = b.page;
      await signIn(page, server.url, 'lead', PASSWORD);
      await page.goto(`${server.url}/workflows/results-from-bpmn`);
      await page.getByTestId('editor-canvas').waitFor();
      await page.locator('.react-flow__node').first().waitFor();
      const before = await page.locator('.react-flow__node').count();
      await page.getByTestId('import-file-input').setInputFiles({
        name: 'broken.bpmn',
        mimeType: 'application/xml',
        buffer: Buffer.from('<?xml version="1.0"?>\n<definitions>\n  <process>\n</definitions>\n'),
      });
      const errors = page.getByTestId('import-errors');
      await page.getByRole('dialog', { name: /broken\.bpmn/ }).waitFor();
      const text = (await errors.textContent()) ?? '';
      expect(text).toContain('BPMN_XML_MALFORMED');
      expect(text).toMatch(/line 4:\d+/);
      expect(await page.locator('.react-flow__node').count()).toBe(before);
    } finally {
      await b.close();
    }
  });
});
