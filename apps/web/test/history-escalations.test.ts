import type { TimelineEntry } from '@portalflow/contract';
import { describe, expect, it } from 'vitest';
import { headline } from '../src/work/TaskHistory.tsx';

const fired = (at: string, changes: TimelineEntry['changes']): TimelineEntry => ({
  seq: 1,
  at,
  actor: null,
  role: null,
  type: 'timer-fired',
  summary: 'deadline passed on “Reset the portal password”',
  changes,
  steps: [],
  hash: 'h',
});
const roleName = (role: string | null | undefined) =>
  ({ 'front-desk': 'Front desk', supervisor: 'Front office supervisor' })[String(role)] ?? String(role);
const nameOf = (id: string | null | undefined) => String(id);

describe('a deadline in the request history', () => {
  it('says each escalation and the pool it went to', () => {
    const escalation = fired('2026-03-10T16:02:00.000Z', [
      { field: 'role', task: 't1', step: 'reset', from: 'front-desk', to: 'supervisor' },
      { field: 'assignee', task: 't1', step: 'reset', from: 'u-desk-1', to: null },
    ]);
    expect(headline(escalation, nameOf, roleName)).toBe(
      'Deadline reached: escalated to the Front office supervisor pool',
    );
  });

  it('says only that the deadline was reached when it moved the task nowhere', () => {
    expect(headline(fired('2026-03-10T16:02:00.000Z', []), nameOf, roleName)).toBe('Deadline reached');
  });
});
