import { describe, expect, it } from 'vitest';
import type { Task } from '../src/api/types.ts';
import { buildFolders } from '../src/work/queue.ts';
import { queueNow } from '../src/work/queueNow.ts';

/**
 * A task escalated because it was late lands in the nurse manager's pool already overdue: the Overdue
 * folder counts it with the same read that puts it in the pool, not at the screen's next half-minute tick.
 */

const DUE = Date.parse('2026-12-07T00:10:00Z'); // 5:10 PM in Denver
const TICK = DUE - 10_000; // the screen's clock last ticked at 5:09:50
const READ = DUE + 19_000; // the pool was read again on the live event, at 5:10:19

const escalated: Task = {
  id: 'i-1:1',
  instanceId: 'i-1',
  definitionId: 'portal-message-triage',
  token: '1',
  step: 'phone-patient',
  title: 'Phone the patient about red-flag symptoms',
  role: 'nurse-manager',
  assignee: null,
  status: 'open',
  due: new Date(DUE).toISOString(),
  priority: 'urgent',
  openedAt: '2026-12-06T23:10:00Z',
  closedAt: null,
  outcome: null,
  closeReason: null,
  closedBy: null,
  escalated: true,
  practice: false,
} as Task;

const count = (now: number, id: string) =>
  buildFolders(['nurse-manager'], [], [escalated], now, (r) => r).find((f) => f.id === id)!.count;

describe('an overdue task arriving in the pool', () => {
  it('is counted in Overdue as soon as the pool that holds it is read', () => {
    const now = queueNow(TICK, READ);
    expect(count(now, 'pool:nurse-manager')).toBe(1);
    expect(count(now, 'overdue')).toBe(1);
  });

  it('the screen time never goes back to an older read', () => {
    expect(queueNow(READ + 5_000, READ)).toBe(READ + 5_000);
  });
});
