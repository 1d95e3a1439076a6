import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { apiSession } from './api.ts';
import { PASSWORD } from './server.ts';

/**
 * What the audit replay tests set up and wait for: requests walked some way along their path through
 * the API, as staff would, and the replay opened and standing still.
 */

type Api = Awaited<ReturnType<typeof apiSession>>;
type Active = { instance: { id: string; active: Array<{ step: string; taskId: string }> } };

/**
 * Claims a task and completes it with `outcome`, its form filled as staff would: `answers` where given,
 * else no for a yes/no question, the first choice, 1, a date, or "Checked".
 */
export async function complete(
  api: Api,
  taskId: string,
  outcome: string,
  answers: Record<string, unknown> = {},
): Promise<void> {
  const task = `/tasks/${encodeURIComponent(taskId)}`;
  expect((await api('POST', `${task}/claim`)).status).toBe(200);
  const detail = await api<{ step: { form?: Array<{ id: string; type: string; options?: string[] }> } }>(
    'GET',
    task,
  );
  const data: Record<string, unknown> = {};
  for (const f of detail.body.step.form ?? [])
    data[f.id] =
      answers[f.id] ??
      (f.type === 'boolean'
        ? false
        : f.type === 'select'
          ? f.options![0]
          : f.type === 'number'
            ? 1
            : f.type === 'date'
              ? '2026-03-02'
              : 'Checked');
  expect((await api('POST', `${task}/complete`, { outcome, data })).status).toBe(200);
}

/**
 * A proxy-access request (the demo's longest workflow: 23 steps in 5 lanes) started with the answers of
 * its first example story, the front desk's check done for an adult patient with the ID checked: the
 * path runs on through the decision on the relationship. Its id.
 */
export async function proxyRequestChecked(baseUrl: string): Promise<string> {
  const stories = join(import.meta.dirname, '../../../../examples/scripts/proxy-access');
  const first = readdirSync(stories).sort()[0]!;
  const start = JSON.parse(readFileSync(join(stories, first), 'utf8'))[0] as {
    data?: Record<string, unknown>;
  };
  const desk = await apiSession(baseUrl, 'front-desk', PASSWORD);
  const started = await desk<Active>('POST', '/requests', {
    definitionId: 'proxy-access',
    data: start.data ?? {},
  });
  expect(started.status).toBe(201);
  await complete(desk, started.body.instance.active[0]!.taskId, 'complete', {
    patientAge: 40,
    requesterIdChecked: true,
  });
  return started.body.instance.id;
}

/**
 * A lab result flagged abnormal: released to the portal on one branch, reviewed by the provider on the
 * other, who hands it to the nurse to call, so the path crosses four lanes and two steps are open at
 * once, far apart. Its id.
 */
export async function abnormalLabResult(baseUrl: string, patient: string): Promise<string> {
  const ma = await apiSession(baseUrl, 'medical-assistant', PASSWORD);
  const started = await ma<Active>('POST', '/requests', {
    definitionId: 'lab-result-release',
    data: { patient, test: 'Lipid panel' },
  });
  expect(started.status).toBe(201);
  const id = started.body.instance.id;
  await complete(ma, started.body.instance.active[0]!.taskId, 'verified', {
    resultKind: 'lab',
    flag: 'abnormal',
    holdRequested: false,
  });
  const provider = await apiSession(baseUrl, 'provider', PASSWORD);
  const now = await provider<Active>('GET', `/instances/${id}`);
  const review = now.body.instance.active.find((a) => a.step === 'abnormal-review')!;
  await complete(provider, review.taskId, 'nurse-to-call');
  return id;
}

/** Opens the replay of request `id` (signed in already) and waits for its timeline and diagram. */
export async function openReplay(page: Page, baseUrl: string, id: string): Promise<void> {
  await page.goto(`${baseUrl}/audit/instances/${encodeURIComponent(id)}`);
  await page.getByTestId('audit-timeline').waitFor();
  await page.locator('[data-testid="audit-diagram"] .react-flow__node').first().waitFor();
}

/** Waits for the diagram's view to stand still (it glides to a step or a scrubbed event). */
export async function still(page: Page): Promise<void> {
  let last = '';
  for (let i = 0; i < 20; i++) {
    const now = await page
      .locator('[data-testid="audit-diagram"] .react-flow__viewport')
      .evaluate((el) => getComputedStyle(el).transform);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(150);
  }
}
