import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { settled } from './settled.ts';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  /** Where, so a failure says which element to fix. */
  targets: string[];
}

/** Runs axe-core in the page once it is still; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await settled(page);
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<unknown> } }).axe.run(
      document,
      {
        resultTypes: ['violations'],
      },
    ),
  )) as {
    violations: Array<{
      id: string;
      impact: string | null;
      help: string;
      nodes: Array<{ target: string[]; failureSummary?: string }>;
    }>;
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').slice(0, 160)}`,
        ),
    }));
}

/**
 * axe's landmark rules of every impact (nested or repeated main, a complementary landmark inside
 * another, landmarks without a unique name): most are "moderate", so `seriousViolations` skips them,
 * yet a screen reader's landmark list is how people jump around a page.
 */
export async function landmarkViolations(page: Page): Promise<Array<{ id: string; targets: string[] }>> {
  await settled(page);
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() => {
    const axe = (window as unknown as { axe: { getRules: () => Array<{ ruleId: string }> } }).axe;
    const rules = axe.getRules().filter((r) => r.ruleId.startsWith('landmark') || r.ruleId === 'region');
    return (
      window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<unknown> } }
    ).axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'rule', values: rules.map((r) => r.ruleId) },
    });
  })) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
  return result.violations.map((v) => ({
    id: v.id,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
}
