import { describe, expect, it } from 'vitest';
import { DefinitionSchema, STEP_KINDS } from '../src/definition.ts';
import { hasErrors, lint } from '../src/lint/index.ts';
import { generateDefinition } from './support/generate.ts';

describe('generateDefinition', () => {
  it('a 1,000-step workflow lints clean', () => {
    const definition = generateDefinition(1000);
    expect(Object.keys(definition.steps)).toHaveLength(1000);
    expect(DefinitionSchema.safeParse(definition).success).toBe(true);

    let started = performance.now();
    const findings = lint(definition);
    const first = performance.now() - started;
    started = performance.now();
    for (let i = 0; i < 50; i++) lint(definition);
    const warm = (performance.now() - started) / 50;
    // Timing is logged, not asserted: benchmarks own speed, and CI machines vary.
    console.log(`lint of 1,000 steps: ${first.toFixed(1)} ms first call, ${warm.toFixed(1)} ms warm`);

    expect(findings).toEqual([]);
  });

  it('uses every step kind and all eight roles', () => {
    const definition = generateDefinition(1000);
    const kinds = new Set(Object.values(definition.steps).map((s) => s.type));
    expect([...kinds].sort()).toEqual([...STEP_KINDS].sort());
    const owners = new Set(
      Object.values(definition.steps).flatMap((s) => (s.type === 'task' && s.role ? [s.role] : [])),
    );
    expect(owners.size).toBe(8);
    expect(definition.roles).toHaveLength(8);
  });

  it.each([2, 3, 6, 26, 31, 32, 57, 120, 333])('gives %i steps without lint errors', (n) => {
    const definition = generateDefinition(n);
    expect(Object.keys(definition.steps)).toHaveLength(n);
    expect(DefinitionSchema.safeParse(definition).success).toBe(true);
    expect(hasErrors(lint(definition))).toBe(false);
  });

  it('is deterministic', () => {
    expect(generateDefinition(150)).toEqual(generateDefinition(150));
  });
});
