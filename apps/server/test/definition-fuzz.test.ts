import { lint, PortalflowError, parseDefinition, parseDefinitionText } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed, nastyString } from './support/fuzz.ts';

/**
 * The definition parser takes whatever a designer (or an attacker with a designer's session)
 * uploads: random JSON, mutated real workflows, and random text as JSON or YAML. It returns a
 * definition or throws a PortalflowError naming the problem — never anything else — and lint never
 * throws on what it returns.
 */

const RUNS = fuzzRuns(2000);
const SEED = fuzzSeed();

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One edit at a random place in a real workflow: delete, replace, or add a key. */
const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'add', 'rename'),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), nastyString) as fc.Arbitrary<Json>,
  key: fc.oneof(
    nastyString,
    fc.constantFrom('type', 'role', 'outcomes', 'branches', 'when', 'deadline', 'next', 'join'),
  ),
});

function containers(value: Json, out: Array<{ [k: string]: Json } | Json[]> = []): typeof out {
  if (value && typeof value === 'object') {
    out.push(value);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

interface Mutation {
  at: number;
  op: string;
  value: Json;
  key: string;
}

function mutate(definition: Json, edits: Mutation[]): Json {
  const copy = structuredClone(definition);
  for (const edit of edits) {
    const all = containers(copy);
    const target = all[edit.at % all.length]!;
    const keys = Object.keys(target);
    const key = keys[edit.at % Math.max(1, keys.length)];
    if (Array.isArray(target)) {
      const i = edit.at % Math.max(1, target.length);
      if (edit.op === 'delete') target.splice(i, 1);
      else target[i] = edit.value;
      continue;
    }
    if (edit.op === 'delete' && key !== undefined) delete target[key];
    else if (edit.op === 'replace' && key !== undefined) target[key] = edit.value;
    else if (edit.op === 'rename' && key !== undefined) {
      target[edit.key] = target[key]!;
      delete target[key];
    } else target[edit.key] = edit.value;
  }
  return copy;
}

function parsesOrNamesTheProblem(run: () => unknown): void {
  let parsed: unknown;
  try {
    parsed = run();
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(PortalflowError);
    expect((error as PortalflowError).code).toMatch(/^[A-Z_]+$/);
    return;
  }
  expect(() => lint(parsed as Parameters<typeof lint>[0])).not.toThrow();
}

describe('definition parser fuzzing', () => {
  it(
    `${RUNS} mutated example workflows`,
    () => {
      const examples = workflows.map((w) => w.definition as Json);
      fc.assert(
        fc.property(
          fc.constantFrom(...examples),
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          (d, edits) => parsesOrNamesTheProblem(() => parseDefinition(mutate(d, edits))),
        ),
        { numRuns: RUNS, seed: SEED },
      );
    },
    Math.max(60_000, RUNS * 5),
  );

  it(
    `${RUNS} random values and texts (JSON and YAML)`,
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.jsonValue({ maxDepth: 5 }), fc.anything()),
          fc.oneof(
            fc.string({ maxLength: 200 }),
            fc.jsonValue().map((v) => JSON.stringify(v)),
            nastyString,
          ),
          fc.constantFrom('workflow.json', 'workflow.yaml'),
          (value, text, filename) => {
            parsesOrNamesTheProblem(() => parseDefinition(value));
            parsesOrNamesTheProblem(() => parseDefinitionText(text, { filename }));
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    },
    Math.max(60_000, RUNS * 5),
  );
});
