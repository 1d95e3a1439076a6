import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Definition, Step } from '../src/definition.ts';
import { allEdges, reachableSteps } from '../src/graph.ts';
import { type Finding, lint } from '../src/lint/index.ts';

/** Random small graphs of every step kind, with some arrows to steps that do not exist. */
const definitions: fc.Arbitrary<Definition> = fc.integer({ min: 1, max: 9 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `s${i}`);
  const target = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.constant('ghost') },
  );
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
      type: fc.constant('task' as const),
      role: fc.constantFrom('nurse', 'provider'),
      title: fc.constantFrom('Review', 'Call'),
      outcomes: fc.dictionary(fc.constantFrom('done', 'redo', 'escalate'), target, { maxKeys: 3 }),
    }),
    fc.record(
      {
        type: fc.constant('decision' as const),
        branches: fc.array(fc.record({ when: fc.constant('data.x == 1'), to: target }), { maxLength: 2 }),
        otherwise: target,
      },
      { requiredKeys: ['type', 'branches'] },
    ),
    fc.record({
      type: fc.constant('parallel' as const),
      branches: fc.array(target, { minLength: 1, maxLength: 3 }),
      join: target,
    }),
    fc.record({ type: fc.constant('wait' as const), signal: fc.constant('patient-replied'), next: target }),
    fc.constant({ type: 'end' as const }),
  );
  return fc
    .tuple(fc.array(step, { minLength: n, maxLength: n }), fc.constantFrom(...ids, 'ghost'))
    .map(([steps, start]) => ({
      id: 'random',
      title: 'Random',
      roles: [
        { id: 'nurse', name: 'Nurse' },
        { id: 'provider', name: 'Provider' },
      ],
      start,
      steps: Object.fromEntries(ids.map((id, i) => [id, steps[i]!])),
    }));
});

/** Steps reachable from `from` along existing edges, by plain search: the slow, obvious answer. */
function reach(definition: Definition, from: string): Set<string> {
  const edges = allEdges(definition).filter((e) => Object.hasOwn(definition.steps, e.to));
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length > 0) {
    const id = todo.pop()!;
    for (const e of edges) {
      if (e.from !== id || seen.has(e.to)) continue;
      seen.add(e.to);
      todo.push(e.to);
    }
  }
  return seen;
}

const rank = { error: 0, warning: 1, info: 2 } as const;
const of = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

describe('lint on random workflows', () => {
  it('never throws, and sorts errors first, a cause before its consequences, then by path', () => {
    fc.assert(
      fc.property(definitions, (definition) => {
        const findings = lint(definition);
        for (let i = 1; i < findings.length; i++) {
          const a = findings[i - 1]!;
          const b = findings[i]!;
          // Within a severity, a likely cause (a dead end, an arrow to nowhere) first and what is often
          // only its consequence (a loop that never ends, a step cut off) last; otherwise by path.
          const later = (f: typeof a) =>
            ({ 'unknown-target': -1, 'dead-end': -1, 'cycle-without-exit': 1, 'unreachable-step': 2 })[
              f.rule
            ] ?? 0;
          const sameTier = a.severity === b.severity && later(a) === later(b);
          expect(
            rank[a.severity] < rank[b.severity] ||
              (a.severity === b.severity && later(a) < later(b)) ||
              (sameTier && a.path <= b.path),
          ).toBe(true);
        }
        for (const f of findings)
          if (f.step !== undefined) expect(Object.hasOwn(definition.steps, f.step)).toBe(true);
      }),
    );
  });

  it('without unknown targets, dead ends or closed loops, every step can reach an end step', () => {
    fc.assert(
      fc.property(definitions, (definition) => {
        const findings = lint(definition);
        const sound = ['unknown-target', 'dead-end', 'cycle-without-exit'].every(
          (r) => of(findings, r).length === 0,
        );
        if (!sound) return;
        for (const id of Object.keys(definition.steps)) {
          if (definition.steps[id]!.type === 'end') continue;
          const ends = [...reach(definition, id)].filter((s) => definition.steps[s]?.type === 'end');
          expect(ends.length, id).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('reports one closed loop per group of steps that reach each other but no end step', () => {
    fc.assert(
      fc.property(definitions, (definition) => {
        const reaches = new Map(Object.keys(definition.steps).map((id) => [id, reach(definition, id)]));
        const trapped = [...reaches].filter(
          ([id, r]) => r.has(id) && ![...r].some((s) => definition.steps[s]?.type === 'end'),
        );
        // Group trapped steps by mutual reachability.
        const groups = new Set(
          trapped.map(([id, r]) =>
            [...r]
              .filter((s) => s === id || reaches.get(s)!.has(id))
              .sort()
              .join(' '),
          ),
        );
        const reported = of(lint(definition), 'cycle-without-exit').map((f) => f.step);
        expect(reported).toHaveLength(groups.size);
        for (const step of reported) expect(trapped.some(([id]) => id === step)).toBe(true);
      }),
    );
  });

  it('flags exactly the steps graph.ts cannot reach from a valid start', () => {
    fc.assert(
      fc.property(definitions, (definition) => {
        const unreachable = of(lint(definition), 'unreachable-step')
          .map((f) => f.step)
          .sort();
        if (!Object.hasOwn(definition.steps, definition.start)) return void expect(unreachable).toEqual([]);
        const reachable = reachableSteps(definition);
        expect(unreachable).toEqual(
          Object.keys(definition.steps)
            .filter((id) => !reachable.has(id))
            .sort(),
        );
      }),
    );
  });
});
