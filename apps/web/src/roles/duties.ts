import { countOf } from '../shell/plural.ts';

/**
 * A role's duties in one line for the roles table: "10 steps in 6 workflows · 1 escalation". A role
 * that owns no step but receives escalations (a supervisor) reads "7 escalations in 2 workflows", not
 * "0 steps in 2 workflows".
 */
export function dutiesText(counts: { steps: number; workflows: number; escalations: number }): string {
  const where = countOf(counts.workflows, 'workflow');
  if (counts.steps > 0) {
    const escalations = counts.escalations > 0 ? ` · ${countOf(counts.escalations, 'escalation')}` : '';
    return `${countOf(counts.steps, 'step')} in ${where}${escalations}`;
  }
  if (counts.escalations > 0) return `${countOf(counts.escalations, 'escalation')} in ${where}`;
  return 'No duties in a published workflow';
}
