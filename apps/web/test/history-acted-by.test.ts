import type { TimelineEntry } from '@portalflow/contract';
import { describe, expect, it } from 'vitest';
import { actedBy } from '../src/work/TaskHistory.tsx';

/** Who or what a history line names for an event no person made: a deadline is not the calendar. */

const event = (type: TimelineEntry['type'], actor: string | null = null, summary = ''): TimelineEntry => ({
  seq: 1,
  at: '2026-12-07T00:10:00.000Z',
  actor,
  role: actor ? 'triage-nurse' : null,
  type,
  summary,
  changes: [],
  steps: [],
  hash: 'h',
});
const roleName = (role: string | null | undefined) =>
  ({ 'triage-nurse': 'Triage nurse' })[String(role)] ?? '';
const nameOf = (id: string | null | undefined, fallback = '') => (id === 'u-tom' ? 'Tom Alvarez' : fallback);

describe('who acted, on a history line', () => {
  it('a one-hour deadline escalating a task: the deadline, not the clinic calendar', () => {
    expect(actedBy(event('timer-fired'), nameOf, roleName)).toBe('Deadline');
  });

  it('a wait step whose time ran out: automatically, no deadline', () => {
    expect(actedBy(event('timer-fired', null, 'wait ended on “Wait for the reply”'), nameOf, roleName)).toBe(
      'Automatically',
    );
  });

  it('a task sent back to its pool with nobody acting: automatically', () => {
    expect(actedBy(event('reassign'), nameOf, roleName)).toBe('Automatically');
  });

  it('clinic hours that moved a deadline: the clinic calendar', () => {
    expect(actedBy(event('calendar-changed'), nameOf, roleName)).toBe('Clinic calendar');
  });

  it('a person: by name', () => {
    expect(actedBy(event('reassign', 'u-tom'), nameOf, roleName)).toBe('Tom Alvarez');
  });
});
