import { canonicalJson, type Definition, DefinitionSchema, type Step } from '@portalflow/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBpmn, toBpmn } from '../src/index.ts';
import { validateBpmn } from './support/xmllint.ts';

/**
 * Any definition the schema accepts (with edges only to steps that exist) survives export →
 * import exactly: odd ids, roles that are missing or undeclared, every optional field, texts with
 * markup characters and surrounding spaces.
 */
const idArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,12}$/);
const textArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('Call the patient', ' spaced ', 'a & b < c > "d"', 'line\nbreak', 'tab\tand\rreturn'),
);
const durationArb = fc.constantFrom('PT4H', 'P2D', 'P1DT12H', 'PT30M', 'P1W');

const definitionArb = fc
  .record({
    id: idArb,
    title: textArb,
    description: fc.option(textArb, { nil: undefined }),
    roles: fc.uniqueArray(
      fc.record({
        id: idArb,
        name: textArb,
        department: fc.option(textArb, { nil: undefined }),
        description: fc.option(textArb, { nil: undefined }),
      }),
      { selector: (r) => r.id, maxLength: 4 },
    ),
    stepIds: fc.uniqueArray(idArb, { minLength: 1, maxLength: 12 }),
    seeds: fc.array(
      fc.record({
        kind: fc.constantFrom('task', 'task', 'task', 'decision', 'parallel', 'wait', 'end'),
        title: fc.option(textArb, { nil: undefined }),
        description: fc.option(textArb, { nil: undefined }),
        help: fc.option(textArb, { nil: undefined }),
        role: fc.nat(5),
        targets: fc.array(fc.nat(20), { minLength: 1, maxLength: 4 }),
        outcomeNames: fc.uniqueArray(idArb, { minLength: 4, maxLength: 4 }),
        when: fc.array(fc.constantFrom('data.x == 1', 'data.ok', '', 'not data.done'), {
          minLength: 4,
          maxLength: 4,
        }),
        otherwise: fc.boolean(),
        deadline: fc.option(
          fc.record({
            after: durationArb,
            calendar: fc.option(fc.constantFrom('business' as const, 'wall' as const), { nil: undefined }),
            warnBefore: fc.option(durationArb, { nil: undefined }),
            escalate: fc.boolean(),
            goTo: fc.boolean(),
          }),
          { nil: undefined },
        ),
        signal: fc.option(idArb, { nil: undefined }),
        for: fc.option(durationArb, { nil: undefined }),
        outcome: fc.option(textArb, { nil: undefined }),
        priority: fc.option(
          fc.constantFrom('low' as const, 'normal' as const, 'high' as const, 'urgent' as const),
          {
            nil: undefined,
          },
        ),
      }),
      { minLength: 12, maxLength: 12 },
    ),
    start: fc.nat(20),
  })
  .map((g): Definition => {
    const ids = g.stepIds;
    const pick = (n: number) => ids[n % ids.length]!;
    const roleOf = (n: number) =>
      n < g.roles.length ? g.roles[n]!.id : n === 4 ? 'undeclared-role' : undefined;
    const steps: Record<string, Step> = {};
    ids.forEach((id, i) => {
      const s = g.seeds[i]!;
      const common = {
        ...(s.title !== undefined ? { title: s.title } : {}),
        ...(s.description !== undefined ? { description: s.description } : {}),
      };
      const deadline = s.deadline && {
        after: s.deadline.after,
        ...(s.deadline.calendar ? { calendar: s.deadline.calendar } : {}),
        ...(s.deadline.warnBefore ? { warnBefore: s.deadline.warnBefore } : {}),
        ...(s.deadline.escalate ? { escalateTo: roleOf(s.role) ?? 'someone' } : {}),
        ...(s.deadline.goTo ? { goTo: pick(s.targets[0]! + 1) } : {}),
      };
      switch (s.kind) {
        case 'task': {
          const role = roleOf(s.role);
          steps[id] = {
            type: 'task',
            ...common,
            title: s.title ?? 'Task',
            ...(role !== undefined ? { role } : {}),
            outcomes: Object.fromEntries(s.targets.map((t, k) => [s.outcomeNames[k]!, pick(t)])),
            ...(s.help !== undefined ? { help: s.help } : {}),
            ...(s.priority ? { priority: s.priority } : {}),
            ...(deadline ? { deadline } : {}),
          };
          break;
        }
        case 'decision':
          steps[id] = {
            type: 'decision',
            ...common,
            branches: s.targets.map((t, k) => ({ when: s.when[k]!, to: pick(t) })),
            ...(s.otherwise ? { otherwise: pick(s.targets[0]! + 2) } : {}),
          };
          break;
        case 'parallel':
          steps[id] = {
            type: 'parallel',
            ...common,
            branches: [...new Set(s.targets.map(pick))],
            join: pick(s.targets[0]! + 3),
          };
          break;
        case 'wait':
          steps[id] = {
            type: 'wait',
            ...common,
            ...(s.signal !== undefined ? { signal: s.signal } : {}),
            ...(s.for !== undefined ? { for: s.for } : {}),
            next: pick(s.targets[0]!),
            ...(deadline ? { deadline } : {}),
          };
          break;
        default:
          steps[id] = { type: 'end', ...common, ...(s.outcome !== undefined ? { outcome: s.outcome } : {}) };
      }
    });
    return {
      id: g.id,
      title: g.title,
      ...(g.description !== undefined ? { description: g.description } : {}),
      roles: g.roles.map((r) => ({
        id: r.id,
        name: r.name,
        ...(r.department !== undefined ? { department: r.department } : {}),
        ...(r.description !== undefined ? { description: r.description } : {}),
      })),
      start: pick(g.start),
      steps,
    };
  });

describe('property: export → import is exact for any definition', () => {
  it.each(['single', 'department'] as const)(
    '%s pool(s): gives back the same definition, and the exports validate',
    (pools) => {
      const sample: Record<string, string> = {};
      let n = 0;
      fc.assert(
        fc.property(definitionArb, (definition) => {
          expect(DefinitionSchema.safeParse(definition).success).toBe(true);
          const xml = toBpmn(definition, undefined, { pools });
          const back = fromBpmn(xml);
          expect(JSON.parse(canonicalJson(back.definition))).toEqual(JSON.parse(canonicalJson(definition)));
          expect(back.skipped).toEqual([]);
          if (n++ < 50) sample[`property-${n}.bpmn`] = xml;
        }),
        { numRuns: 250, seed: 4242 },
      );
      const check = validateBpmn(sample);
      expect(check.ok, check.output.slice(0, 2000)).toBe(true);
    },
    60_000,
  );
});
