import type { CompletionCount } from '@portalflow/store';

/**
 * How the portal enrollment workflow (examples/workflows/enrollment-activation.json) maps onto the
 * enrollment specialist's tracking sheet: which step and outcome counts as an approach, an enrollment,
 * a code issued, an activation, a decline or an escalation to IT. Only counts and reasons leave here:
 * the form fields read are the decline reason and the activation timing, never a patient identifier.
 */
export const ENROLLMENT = {
  workflow: 'enrollment-activation',
  fields: ['declineReason', 'activatedWithin'],
  approached: [['offer-enrollment', '*']],
  enrolled: [['offer-enrollment', 'wants-portal']],
  codesIssued: [
    ['link-existing-account', 'token-sent'],
    ['send-invite', 'sent'],
    ['no-email-workaround', 'printed-activation-code'],
    ['reissue-code', 'reissued'],
  ],
  activated: [['record-activation', 'recorded']],
  declined: [
    ['offer-enrollment', 'declined'],
    ['no-email-workaround', 'declined'],
    ['reissue-code', 'patient-declined'],
  ],
  escalatedToIt: [['link-existing-account', 'link-error']],
} as const;

type Pairs = readonly (readonly [string, string])[];
const matches = (pairs: Pairs, c: CompletionCount) =>
  pairs.some(([step, outcome]) => step === c.step && (outcome === '*' || outcome === c.outcome));

export interface EnrollmentTally {
  person: string | null;
  approached: number;
  enrolled: number;
  codesIssued: number;
  activated: number;
  sameDay: number;
  within7Days: number;
  later: number;
  declined: number;
  escalatedToIt: number;
  /** Declines by reason (`not-recorded` when the form field was left empty). */
  declineReasons: Record<string, number>;
}

const empty = (person: string | null): EnrollmentTally => ({
  person,
  approached: 0,
  enrolled: 0,
  codesIssued: 0,
  activated: 0,
  sameDay: 0,
  within7Days: 0,
  later: 0,
  declined: 0,
  escalatedToIt: 0,
  declineReasons: {},
});

/** Folds completion counts into one tally per person (or one for everyone when `byPerson` is false). */
export function enrollmentTallies(counts: readonly CompletionCount[], byPerson: boolean): EnrollmentTally[] {
  const tallies = new Map<string | null, EnrollmentTally>();
  for (const c of counts) {
    const key = byPerson ? c.person : null;
    let t = tallies.get(key);
    if (!t) {
      t = empty(key);
      tallies.set(key, t);
    }
    if (matches(ENROLLMENT.approached, c)) t.approached += c.count;
    if (matches(ENROLLMENT.enrolled, c)) t.enrolled += c.count;
    if (matches(ENROLLMENT.codesIssued, c)) t.codesIssued += c.count;
    if (matches(ENROLLMENT.escalatedToIt, c)) t.escalatedToIt += c.count;
    if (matches(ENROLLMENT.activated, c)) {
      t.activated += c.count;
      const within = c.values.activatedWithin;
      if (within === 'same-day') t.sameDay += c.count;
      else if (within === 'within-7-days') t.within7Days += c.count;
      else t.later += c.count;
    }
    if (matches(ENROLLMENT.declined, c)) {
      t.declined += c.count;
      const reason = c.values.declineReason ?? 'not-recorded';
      t.declineReasons[reason] = (t.declineReasons[reason] ?? 0) + c.count;
    }
  }
  return [...tallies.values()];
}
