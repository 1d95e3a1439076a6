import type { Definition, TaskStep } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { renameOutcome } from '../src/model/outcomes.ts';
import { publishSummary } from '../src/model/publishSummary.ts';
import { example } from './model-support.ts';

const review = (d: Definition) => d.steps['review-request'] as TaskStep;

/**
 * A lead renames the refill coordinator's "Prepared" to "Ready for the checks", as the inspector does
 * (the fields required to finish as it follow the new name). The publish confirmation says so in one
 * line; it does not list an outcome taken away, a new one, the six fields required for it as changed,
 * or handoffs taken away and added again for the nurse and the provider, whose work is the same.
 */
describe('publish summary: an outcome renamed', () => {
  const before = () => example('prescription-refill');
  const after = () => {
    const d = before();
    Object.assign(review(d), renameOutcome(review(d), 'prepared', 'ready-for-the-checks'));
    return d;
  };

  it('is one line on the step, and its fields are not changed', () => {
    expect(publishSummary(before(), after()).changed).toEqual([
      {
        title: 'Prepare the refill request for review',
        lines: ['Outcome “Prepared” renamed “Ready for the checks”'],
      },
    ]);
  });

  it('is one line for the role that chooses it, and nothing for the others', () => {
    expect(publishSummary(before(), after()).roles).toEqual([
      {
        roleId: 'refill-coordinator',
        name: 'Pharmacy refill coordinator',
        lines: ['Outcome renamed: Prepare the refill request for review: Prepared → Ready for the checks'],
      },
    ]);
  });

  it('still names a field whose requirement really changed', () => {
    const d = after();
    const form = review(d).form!.map((f) =>
      f.id === 'dose' ? { ...f, requiredFor: ['ready-for-the-checks'] } : f,
    );
    review(d).form = form;
    expect(publishSummary(before(), d).changed[0]!.lines).toContain(
      'Field “Dose and directions”: its type, choices, checks or help changed',
    );
  });
});
