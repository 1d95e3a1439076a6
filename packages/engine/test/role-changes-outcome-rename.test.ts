import { describe, expect, it } from 'vitest';
import type { Definition, TaskStep } from '../src/definition.ts';
import { roleChanges, roleDuties } from '../src/index.ts';
import { exampleDefinitions } from './support/examples.ts';

const refill = () =>
  structuredClone(exampleDefinitions().find((d) => d.id === 'prescription-refill')!) as Definition;
const review = (d: Definition) => d.steps['review-request'] as TaskStep;

/**
 * A lead renames an outcome ("Prepared" → "Ready for the checks"): the button has a new name, the work
 * goes where it went. Staff read one line saying so, not an outcome taken away, a new one, and every
 * handoff from it taken away and added again — and roles whose work did not change read nothing.
 */
describe('role changes: an outcome renamed', () => {
  const renamed = () => {
    const d = refill();
    const { prepared, ...rest } = review(d).outcomes;
    review(d).outcomes = { 'ready-for-the-checks': prepared!, ...rest };
    return d;
  };

  it('is one line for the role that chooses it, naming the old and the new', () => {
    const changes = roleChanges(roleDuties([refill()]), roleDuties([renamed()]));
    const coordinator = changes['refill-coordinator']!;
    expect(coordinator.outcomesRenamed.map((c) => c.text)).toEqual([
      'Prepare the refill request for review: Prepared → Ready for the checks',
    ]);
    expect(coordinator.outcomesAdded).toEqual([]);
    expect(coordinator.outcomesRemoved).toEqual([]);
    expect(coordinator.handoffsAdded).toEqual([]);
    expect(coordinator.handoffsRemoved).toEqual([]);
    expect(coordinator.count).toBe(1);
  });

  it('changes nothing for the roles that take the work over', () => {
    const changes = roleChanges(roleDuties([refill()]), roleDuties([renamed()]));
    expect(Object.keys(changes)).toEqual(['refill-coordinator']);
  });

  it('is still an outcome taken away and another added when the new one leads elsewhere', () => {
    const d = refill();
    const { prepared: _gone, ...rest } = review(d).outcomes;
    review(d).outcomes = { 'ask-the-provider': 'provider-decision', ...rest };
    const coordinator = roleChanges(roleDuties([refill()]), roleDuties([d]))['refill-coordinator']!;
    expect(coordinator.outcomesRenamed).toEqual([]);
    expect(coordinator.outcomesAdded.map((c) => c.text)).toEqual([
      'Prepare the refill request for review: Ask the provider',
    ]);
    expect(coordinator.outcomesRemoved.map((c) => c.text)).toEqual([
      'Prepare the refill request for review: Prepared',
    ]);
  });
});
