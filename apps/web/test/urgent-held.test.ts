import { describe, expect, it } from 'vitest';
import type { Task } from '../src/api/types.ts';
import { urgentHeld } from '../src/shell/urgentHeld.ts';

/** Signing out while holding an urgent task due within the hour: which tasks the reminder names. */

const NOW = Date.parse('2026-12-07T00:00:00Z'); // 5:00 PM in Denver
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const task = (id: string, over: Partial<Task>): Task =>
  ({
    id,
    instanceId: `i-${id}`,
    definitionId: 'portal-message-triage',
    token: '1',
    step: 'phone-patient',
    title: 'Phone the patient about red-flag symptoms',
    role: 'triage-nurse',
    assignee: 'u-tom',
    status: 'open',
    due: at(10),
    priority: 'urgent',
    openedAt: at(-50),
    closedAt: null,
    outcome: null,
    closeReason: null,
    closedBy: null,
    escalated: false,
    practice: false,
    ...over,
  }) as Task;

describe('urgent tasks still held at sign-out', () => {
  it('names urgent tasks due within the hour or late, soonest first', () => {
    const held = urgentHeld(
      [
        task('later', { due: at(50) }),
        task('soon', { due: at(10) }),
        task('late', { due: at(-5) }),
        task('tomorrow', { due: at(60 * 16) }),
        task('normal', { priority: 'normal' }),
        task('colleague', { assignee: 'u-ana' }),
        task('practice', { practice: true }),
        task('no-due', { due: null }),
      ],
      'u-tom',
      NOW,
    );
    expect(held.map((t) => t.id)).toEqual(['late', 'soon', 'later']);
  });
});
