import { describe, expect, it } from 'vitest';
import type { Task } from '../src/api/types.ts';
import { rememberClinicConfig } from '../src/shell/clinic.ts';
import {
  applyFilters,
  buildFolders,
  clinicDate,
  folderOf,
  folderParam,
  hasFilters,
  matchesDue,
  moveCursor,
  NO_FILTERS,
  nextAfter,
  sortByDue,
  tasksInFolder,
} from '../src/work/queue.ts';
import { requestLabel } from '../src/work/requestLabel.ts';

const NOW = Date.parse('2026-11-25T18:00:00Z'); // Wednesday 11:00 in Denver

function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    instanceId: `i-${id}`,
    definitionId: 'portal-message-triage',
    token: '1',
    step: 'sort-message',
    title: 'Sort the portal message',
    role: 'medical-assistant',
    assignee: null,
    status: 'open',
    due: null,
    priority: 'normal',
    openedAt: '2026-11-20T10:00:00Z',
    closedAt: null,
    outcome: null,
    closeReason: null,
    closedBy: null,
    escalated: false,
    practice: false,
    ...over,
  };
}

describe('sortByDue', () => {
  it('puts the soonest due first and tasks without a due date last', () => {
    const tasks = [
      task('none'),
      task('late', { due: '2026-11-27T10:00:00Z' }),
      task('early', { due: '2026-11-24T10:00:00Z' }),
    ];
    expect(sortByDue(tasks).map((t) => t.id)).toEqual(['early', 'late', 'none']);
  });

  it('breaks ties by priority, then by age', () => {
    const due = '2026-11-26T10:00:00Z';
    const tasks = [
      task('normal-new', { due, openedAt: '2026-11-22T00:00:00Z' }),
      task('urgent', { due, priority: 'urgent' }),
      task('normal-old', { due, openedAt: '2026-11-21T00:00:00Z' }),
    ];
    expect(sortByDue(tasks).map((t) => t.id)).toEqual(['urgent', 'normal-old', 'normal-new']);
  });
});

describe('folders', () => {
  const me = 'u-me';
  const mine = [task('m1', { assignee: me, due: '2026-11-24T00:00:00Z' }), task('m2', { assignee: me })];
  const pool = [
    task('p1', { role: 'medical-assistant', due: '2026-11-20T00:00:00Z' }),
    task('p2', { role: 'front-desk' }),
    task('p3', { role: 'medical-assistant', assignee: 'u-other' }),
  ];

  it('counts my tasks, each pool and overdue across both', () => {
    const folders = buildFolders(['medical-assistant', 'front-desk'], mine, pool, NOW, (r) =>
      r.toUpperCase(),
    );
    expect(folders.map((f) => [f.id, f.count, f.testId])).toEqual([
      ['mine', 2, 'work-folder-mine'],
      ['pool:medical-assistant', 1, 'work-folder-pool-medical-assistant'],
      ['pool:front-desk', 1, 'work-folder-pool-front-desk'],
      ['overdue', 2, 'work-folder-overdue'],
      ['done', 0, 'work-folder-done'],
    ]);
    expect(folders[1]?.label).toBe('MEDICAL-ASSISTANT');
  });

  it('lists what I completed newest first in Done, counted', () => {
    const done = [
      task('d1', { status: 'closed', closedAt: '2026-11-20T09:00:00Z', outcome: 'sent' }),
      task('d2', { status: 'closed', closedAt: '2026-11-21T09:00:00Z', outcome: 'sent' }),
    ];
    expect(tasksInFolder('done', mine, pool, NOW, done).map((t) => t.id)).toEqual(['d2', 'd1']);
    const folders = buildFolders(['front-desk'], mine, pool, NOW, (r) => r, done);
    expect(folders.find((f) => f.id === 'done')?.count).toBe(2);
  });

  it('drops a pool task as soon as someone has claimed it', () => {
    expect(tasksInFolder('pool:medical-assistant', mine, pool, NOW).map((t) => t.id)).toEqual(['p1']);
  });

  it('lists overdue tasks once even if a refresh shows them in both lists', () => {
    const claimed = task('p1', { assignee: me, due: '2026-11-20T00:00:00Z' });
    const ids = tasksInFolder('overdue', [...mine, claimed], pool, NOW).map((t) => t.id);
    expect(ids).toEqual(['p1', 'm1']);
  });

  it('knows which folder shows a task', () => {
    expect(folderOf({ assignee: me, role: 'x' }, me, ['medical-assistant'])).toBe('mine');
    expect(folderOf({ assignee: null, role: 'medical-assistant' }, me, ['medical-assistant'])).toBe(
      'pool:medical-assistant',
    );
    expect(
      folderOf({ assignee: 'u-other', role: 'medical-assistant' }, me, ['medical-assistant']),
    ).toBeNull();
  });
});

const DENVER = 'America/Denver';

describe('due filters in the clinic time zone', () => {
  it('reads dates in the time zone the server configures for the clinic', () => {
    const at = Date.parse('2026-11-26T03:00:00Z');
    try {
      // 03:00 UTC on the 26th is still the evening of the 25th in Denver, and already noon in Tokyo.
      rememberClinicConfig({ clinic: { name: 'Clinic' }, timeZone: 'America/Denver', calendar: null });
      expect(clinicDate(at)).toBe('2026-11-25');
      rememberClinicConfig({ clinic: { name: 'Clinic' }, timeZone: 'Asia/Tokyo', calendar: null });
      expect(clinicDate(at)).toBe('2026-11-26');
    } finally {
      rememberClinicConfig(null);
    }
    expect(clinicDate(at)).toBe('2026-11-26'); // UTC until the configuration has loaded
  });

  it('today and this week include what is already overdue', () => {
    const overdue = { due: '2026-11-24T18:00:00Z' };
    const tonight = { due: '2026-11-26T03:00:00Z' };
    const friday = { due: '2026-11-27T18:00:00Z' };
    const nextWeek = { due: '2026-12-01T18:00:00Z' };
    expect([overdue, tonight, friday, nextWeek].map((t) => matchesDue(t, 'today', NOW, DENVER))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([overdue, tonight, friday, nextWeek].map((t) => matchesDue(t, 'week', NOW, DENVER))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect([overdue, tonight].map((t) => matchesDue(t, 'overdue', NOW, DENVER))).toEqual([true, false]);
    expect(matchesDue({ due: null }, 'today', NOW)).toBe(false);
    expect(matchesDue({ due: null }, 'any', NOW)).toBe(true);
  });

  it('filters by workflow and role together', () => {
    const tasks = [
      task('a', { definitionId: 'billing-question', role: 'front-desk' }),
      task('b', { definitionId: 'billing-question', role: 'billing-specialist' }),
      task('c', { role: 'front-desk' }),
    ];
    const ids = applyFilters(
      tasks,
      { definitionId: 'billing-question', role: 'front-desk', due: 'any', text: '' },
      NOW,
    ).map((t) => t.id);
    expect(ids).toEqual(['a']);
  });
});

describe('keyboard movement', () => {
  const ids = ['a', 'b', 'c'];
  it('moves with j and k and stops at the ends', () => {
    expect(moveCursor(ids, null, 1)).toBe('a');
    expect(moveCursor(ids, null, -1)).toBe('c');
    expect(moveCursor(ids, 'a', 1)).toBe('b');
    expect(moveCursor(ids, 'c', 1)).toBe('c');
    expect(moveCursor(ids, 'a', -1)).toBe('a');
    expect(moveCursor(ids, 'gone', 1)).toBe('a');
    expect(moveCursor([], 'a', 1)).toBeNull();
  });

  it('picks the task that takes a removed one’s place', () => {
    expect(nextAfter(ids, 'b')).toBe('c');
    expect(nextAfter(ids, 'c')).toBe('b');
    expect(nextAfter(['a'], 'a')).toBeNull();
    expect(nextAfter(ids, 'x')).toBeNull();
  });
});

describe('request labels and the subject search', () => {
  const row = (over: Partial<Task>): Task => task(over.id ?? 'a', over);

  it('a row says its subject; without one, its request number and start time, never only the step', () => {
    expect(requestLabel({ instanceId: 'abcdef12-3456', subject: 'DEMO-5001 · Refill: lisinopril' })).toBe(
      'DEMO-5001 · Refill: lisinopril',
    );
    expect(
      requestLabel(
        { instanceId: 'abcdef12-3456', subject: null, requestStartedAt: '2026-03-02T16:05:00Z' },
        'America/Denver',
        Date.parse('2026-03-05T16:00:00Z'),
      ),
    ).toBe('Request ABCDEF12 · started Mon, Mar 2, 9:05 AM');
  });

  it('filters by every word of the search in the subject, ignoring case', () => {
    const tasks = [
      row({ id: 'x', subject: 'DEMO-5001 · Refill: lisinopril' }),
      row({ id: 'y', subject: 'DEMO-5002 · Refill: metformin' }),
      row({ id: 'z', subject: null }),
    ];
    const ids = (text: string) => applyFilters(tasks, { ...NO_FILTERS, text }, NOW).map((t) => t.id);
    expect(ids('refill METFORMIN')).toEqual(['y']);
    expect(ids('demo-500')).toEqual(['x', 'y']);
    expect(ids('')).toEqual(['x', 'y', 'z']);
    expect(hasFilters({ ...NO_FILTERS, text: 'x' })).toBe(true);
  });
});

describe('folderParam', () => {
  it('reads the folder named in the address, and My tasks for anything else', () => {
    expect(folderParam('pool:medical-assistant')).toBe('pool:medical-assistant');
    expect(folderParam('overdue')).toBe('overdue');
    expect(folderParam('done')).toBe('done');
    for (const other of [null, '', 'pool:', 'everything', 'mine']) expect(folderParam(other)).toBe('mine');
  });
});
