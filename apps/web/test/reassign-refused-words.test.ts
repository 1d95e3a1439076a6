import { fill } from '@portalflow/contract';
import { describe, expect, it } from 'vitest';
import { summarizeResults } from '../src/work/team.ts';

/**
 * A reassignment the server refused because the person lost the task's role (or their account) at that
 * moment: the dialog lists the server's own message, in words, for the tasks that stayed where they were.
 */
describe('a reassignment refused because the person lost the role', () => {
  it('lists the server’s message, counted once for the tasks it refused', () => {
    const lost = fill('ASSIGNEE_LOST_ROLE', { person: 'Rosa Diaz', role: 'Pharmacy refill coordinator' });
    const gone = fill('ASSIGNEE_DISABLED', { person: 'Rosa Diaz' });
    const summary = summarizeResults([
      { taskId: 'a:1', ok: false, error: { code: 'ASSIGNEE_LOST_ROLE', message: lost } },
      { taskId: 'b:1', ok: false, error: { code: 'ASSIGNEE_LOST_ROLE', message: lost } },
      { taskId: 'c:1', ok: false, error: { code: 'ASSIGNEE_DISABLED', message: gone } },
      { taskId: 'd:1', ok: true },
    ]);
    expect(summary).toEqual({
      moved: 1,
      total: 4,
      failures: [
        { message: lost, count: 2 },
        { message: gone, count: 1 },
      ],
    });
    expect(lost).toBe(
      'Rosa Diaz no longer holds the role Pharmacy refill coordinator: an admin changed their roles just now, so the task stayed where it was. Choose someone who holds the role, or send the task to a pool.',
    );
    expect(gone).toBe(
      'Rosa Diaz’s account was disabled just now, so the task stayed where it was. Choose someone else, or send the task to a pool.',
    );
  });
});
