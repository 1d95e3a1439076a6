import { describe, expect, it } from 'vitest';
import type { Definition } from '../src/definition.ts';
import { roleChanges, roleDuties } from '../src/index.ts';
import { exampleDefinitions } from './support/examples.ts';

const triage = () =>
  structuredClone(exampleDefinitions().find((d) => d.id === 'portal-message-triage')!) as Definition;

/** The triage workflow with the nurse's `outcome` now leading to `to`. */
function withNurseOutcome(outcome: string, to: string) {
  const after = triage();
  const review = after.steps['nurse-review'];
  if (review?.type !== 'task') throw new Error('fixture');
  review.outcomes[outcome] = to;
  return roleChanges(roleDuties([triage()]), roleDuties([after]));
}

const NURSE_STEP = '“Answer the clinical question or route it to the provider”';

describe('a handoff said as a sentence', () => {
  it('says which step, finished how, goes to which role for which step; and the receiving side', () => {
    const changes = withNurseOutcome('answered', 'book-visit');
    expect(changes['triage-nurse']!.handoffsAdded.map((c) => c.text)).toEqual([
      `${NURSE_STEP}, finished as “Answered”, now goes to the Medical assistant (care-team pool) for “Book the visit the care team asked for”`,
    ]);
    expect(changes['medical-assistant']!.handoffsAdded.map((c) => c.text)).toEqual([
      `“Book the visit the care team asked for” now takes over from the Triage nurse (RN) when ${NURSE_STEP} is finished as “Answered”`,
    ]);
  });

  it('a handoff that goes to another role now is one line that says where it went before', () => {
    const changes = withNurseOutcome('needs-provider', 'book-visit');
    const nurse = changes['triage-nurse']!;
    expect(nurse.handoffsAdded.map((c) => c.text)).toEqual([
      `${NURSE_STEP}, finished as “Needs provider”, now goes to the Medical assistant (care-team pool) for “Book the visit the care team asked for” (was the Provider (MD, DO, NP or PA) for “Reply to the patient's clinical question”)`,
    ]);
    expect(nurse.handoffsRemoved).toEqual([]);
    expect(changes.provider!.handoffsRemoved.map((c) => c.text)).toEqual([
      `“Reply to the patient's clinical question” no longer takes over from the Triage nurse (RN) when ${NURSE_STEP} is finished as “Needs provider”`,
    ]);
  });
});
