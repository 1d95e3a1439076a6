import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Definition, DefinitionSchema } from '../src/definition.ts';
import { type LintOptions, lint, lintRules } from '../src/lint/index.ts';

/**
 * Every rule is pinned by fixtures: `valid.json` must give no finding from it, `invalid.json`
 * exactly the findings in `invalid.expected.json`. Removing a rule's logic fails its invalid case.
 */
const FIXTURES = new URL('./fixtures/lint/', import.meta.url);

interface Expected {
  rule: string;
  path: string;
  severity?: string;
}

function readJson(rule: string, name: string): unknown {
  return JSON.parse(readFileSync(new URL(`${rule}/${name}`, FIXTURES), 'utf8'));
}

/** A rule that needs data from outside the definition (e.g. `heldRoles`) reads it from `<case>.options.json`. */
function optionsFor(rule: string, name: string): LintOptions {
  const file = `${rule}/${name.replace(/\.json$/, '')}.options.json`;
  const fallback = `${rule}/options.json`;
  if (existsSync(new URL(file, FIXTURES))) return JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));
  if (name === 'invalid.json' && existsSync(new URL(fallback, FIXTURES)))
    return JSON.parse(readFileSync(new URL(fallback, FIXTURES), 'utf8'));
  return {};
}

function definition(rule: string, name: string): Definition {
  return DefinitionSchema.parse(readJson(rule, name));
}

describe.each(lintRules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  it('has a fixture folder with valid.json, invalid.json and invalid.expected.json', () => {
    for (const name of ['valid.json', 'invalid.json', 'invalid.expected.json']) {
      expect(existsSync(new URL(`${id}/${name}`, FIXTURES)), `${id}/${name}`).toBe(true);
    }
  });

  it('finds nothing in valid.json', () => {
    expect(lint(definition(id, 'valid.json'), { ...optionsFor(id, 'valid.json'), rules: [rule] })).toEqual(
      [],
    );
  });

  it('finds exactly the expected findings in invalid.json', () => {
    const expected = readJson(id, 'invalid.expected.json') as Expected[];
    expect(expected.length).toBeGreaterThan(0);
    const found = lint(definition(id, 'invalid.json'), { ...optionsFor(id, 'invalid.json'), rules: [rule] });
    const key = (f: { rule: string; path: string }) => `${f.rule} at ${f.path}`;
    expect(found.map(key).sort()).toEqual(expected.map(key).sort());
    // Where the expectation names a severity (a rule reporting some findings at another level), check it.
    for (const e of expected) {
      if (e.severity !== undefined)
        expect(found.find((f) => f.path === e.path)?.severity, e.path).toBe(e.severity);
    }
  });

  it('every message names a path and reads as a sentence', () => {
    for (const f of lint(definition(id, 'invalid.json'), {
      ...optionsFor(id, 'invalid.json'),
      rules: [rule],
    })) {
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.path).toMatch(
        /^(start|title|subject|intake(\..+)?|roles\.\d+(\.[a-z]+)?|steps\.[A-Za-z0-9_-]+(\..+)?)$/,
      );
    }
  });
});

describe('lint fixtures', () => {
  it('has no fixture folder without a rule', () => {
    const ids = new Set(lintRules.map((r) => r.id));
    const folders = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(folders.map((d) => d.name).filter((name) => !ids.has(name))).toEqual([]);
  });

  it('valid fixtures are clean under every rule, so they double as examples', () => {
    for (const rule of lintRules) {
      expect(lint(definition(rule.id, 'valid.json'), optionsFor(rule.id, 'valid.json')), rule.id).toEqual([]);
    }
  });
});
