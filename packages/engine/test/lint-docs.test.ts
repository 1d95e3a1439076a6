import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintRules, recommended } from '../src/lint/index.ts';
import type { Rule } from '../src/lint/types.ts';

const RULES_DIR = new URL('../src/lint/rules/', import.meta.url);
const README = readFileSync(new URL('../src/lint/README.md', import.meta.url), 'utf8');

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && 'id' in value && 'check' in value;
}

describe('lint rule catalogue', () => {
  it('lists each rule once', () => {
    const ids = lintRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(recommended).toHaveLength(lintRules.length);
  });

  it('has one file per rule, named after its id, and no rule file left out of lintRules', async () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts'));
    const ids = new Set(lintRules.map((r) => r.id));
    for (const file of files) {
      const id = file.replace(/\.ts$/, '');
      const exported = Object.values(
        (await import(new URL(file, RULES_DIR).href)) as Record<string, unknown>,
      ).filter(isRule);
      expect(
        exported.map((r) => r.id),
        file,
      ).toEqual([id]);
      expect(ids.has(id), `${id} is not in lintRules`).toBe(true);
    }
    expect(files).toHaveLength(lintRules.length);
  });

  it.each(lintRules.map((r) => [r.id, r] as const))(
    '%s has a kebab-case id, a description and docs',
    (id, rule) => {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.description.trim().length).toBeGreaterThan(10);
      expect(rule.docs.rationale.trim().length).toBeGreaterThan(20);
      expect(rule.docs.incorrect.trim()).not.toBe('');
      expect(rule.docs.correct.trim()).not.toBe('');
      expect(rule.docs.correct).not.toBe(rule.docs.incorrect);
    },
  );

  it.each(lintRules.map((r) => [r.id, r] as const))(
    '%s is in the README table with its severity',
    (id, rule) => {
      const row = README.split('\n').find((line) => line.startsWith(`| [\`${id}\`]`));
      expect(row, `README.md has no table row for ${id}`).toBeDefined();
      expect(row!.split('|')[2]?.trim()).toBe(rule.severity);
      expect(README).toContain(`### ${id}`);
    },
  );
});
