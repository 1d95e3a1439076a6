import type { TaskMoved } from '@portalflow/contract';
import { describe, expect, it } from 'vitest';
import { rememberClinicConfig } from '../src/shell/clinic.ts';
import { movedText } from '../src/work/movedText.ts';

/** A task escalated away from the triage nurse, said on his panel in words. */

const NOW = Date.parse('2026-12-07T00:11:00Z'); // 5:11 PM in Denver
const moved: TaskMoved = {
  how: 'deadline',
  at: '2026-12-07T00:10:02Z',
  due: '2026-12-07T00:10:00Z',
  role: 'nurse-manager',
  roleTitle: 'Nurse manager',
  holder: 'u-grace',
  by: null,
  held: true,
};
const nameOf = (id: string | null | undefined, fallback = '') =>
  id === 'u-grace' ? 'Grace Okafor' : fallback;
const roleName = (role: string) => ({ 'nurse-manager': 'Nurse manager' })[role] ?? role;

describe('a task that moved away, in words', () => {
  rememberClinicConfig({ clinic: { name: 'Clinic' }, timeZone: 'America/Denver', calendar: null } as never);

  it('a deadline escalation: when it was due, where it went, who has it now', () => {
    expect(movedText(moved, nameOf, roleName, NOW)).toEqual({
      title: 'This task was escalated',
      message:
        'Its deadline, Today 5:10 PM, passed; it went to the Nurse manager pool. Grace Okafor has it now. It has left your list; you no longer need to work on it.',
    });
  });

  it('waiting in the pool it went to', () => {
    expect(movedText({ ...moved, holder: null }, nameOf, roleName, NOW).message).toContain(
      'It is waiting there for someone to claim it.',
    );
  });
});
