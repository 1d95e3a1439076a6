import { describe, expect, it } from 'vitest';
import type { Task } from '../src/api/types.ts';
import { dataEntries, fieldValue, formatValue, humanize } from '../src/work/format.ts';
import {
  filterTeamTasks,
  NO_TEAM_FILTERS,
  openCountByAssignee,
  summarizeResults,
  toggle,
  UNASSIGNED,
  unstaffedPools,
  workload,
} from '../src/work/team.ts';

const NOW = Date.parse('2026-11-25T18:00:00Z');

function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    instanceId: `i-${id}`,
    definitionId: 'portal-message-triage',
    token: '1',
    step: 's',
    title: 'T',
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

const tasks = [
  task('a', { role: 'triage-nurse', assignee: 'u1', due: '2026-11-24T00:00:00Z' }),
  task('b', { role: 'triage-nurse' }),
  task('c', {
    role: 'front-desk',
    assignee: 'u2',
    due: '2026-11-30T00:00:00Z',
    definitionId: 'billing-question',
  }),
  task('d', { role: 'triage-nurse', assignee: 'u1' }),
];

describe('team filters', () => {
  it('filters by assignee, unassigned and overdue', () => {
    expect(filterTeamTasks(tasks, { ...NO_TEAM_FILTERS, assignee: 'u1' }, NOW).map((t) => t.id)).toEqual([
      'a',
      'd',
    ]);
    expect(
      filterTeamTasks(tasks, { ...NO_TEAM_FILTERS, assignee: UNASSIGNED }, NOW).map((t) => t.id),
    ).toEqual(['b']);
    expect(filterTeamTasks(tasks, { ...NO_TEAM_FILTERS, overdueOnly: true }, NOW).map((t) => t.id)).toEqual([
      'a',
    ]);
    expect(
      filterTeamTasks(
        tasks,
        { ...NO_TEAM_FILTERS, definitionId: 'billing-question', role: 'front-desk' },
        NOW,
      ).map((t) => t.id),
    ).toEqual(['c']);
  });

  it('counts open, overdue and unassigned per role, busiest first', () => {
    expect(workload(tasks, NOW)).toEqual([
      { role: 'triage-nurse', open: 3, overdue: 1, unassigned: 1, overdueUnassigned: 0 },
      { role: 'front-desk', open: 1, overdue: 0, unassigned: 0, overdueUnassigned: 0 },
    ]);
  });

  it('counts open tasks per person', () => {
    expect([...openCountByAssignee(tasks)]).toEqual([
      ['u1', 2],
      ['u2', 1],
    ]);
  });

  it('summarizes bulk results with grouped reasons', () => {
    const s = summarizeResults([
      { taskId: 'a', ok: true },
      { taskId: 'b', ok: false, error: { code: 'TASK_CLOSED', message: 'closed' } },
      { taskId: 'c', ok: false, error: { code: 'TASK_CLOSED', message: 'closed' } },
    ]);
    expect(s).toEqual({ moved: 1, total: 3, failures: [{ message: 'closed', count: 2 }] });
  });

  it('toggles a selection without changing the old set', () => {
    const before = new Set(['a']);
    const after = toggle(before, 'b');
    expect([...after]).toEqual(['a', 'b']);
    expect([...toggle(after, 'a')]).toEqual(['b']);
    expect([...before]).toEqual(['a']);
  });
});

describe('readable labels and values', () => {
  it('turns ids into words', () => {
    expect(humanize('needs-provider')).toBe('Needs provider');
    expect(humanize('lastVisitDate')).toBe('Last visit date');
    expect(humanize('triage-nurse')).toBe('Triage nurse');
  });

  it('formats data values', () => {
    expect(formatValue(true)).toBe('Yes');
    expect(formatValue('')).toBe('—');
    expect(formatValue('2025-11-03')).toBe('Mon, Nov 3, 2025');
    expect(formatValue(['a', 2])).toBe('a, 2');
    expect(dataEntries({ subject: 'Hi', patient: 'DEMO-1', meta: { a: 1 } }).map((e) => e.key)).toEqual([
      'patient',
      'subject',
      'meta',
    ]);
  });

  it('shows an amount of money as on a statement', () => {
    const balance = { id: 'balance', label: 'Patient balance ($)', type: 'number' as const, money: true };
    expect(fieldValue(balance, 1250.4)).toBe('$1,250.40');
    expect(dataEntries({ balance: 1250.4, visits: 1250.4 }, [balance])).toEqual([
      { key: 'balance', label: 'Patient balance ($)', value: '$1,250.40' },
      { key: 'visits', label: 'Visits', value: '1,250.4' },
    ]);
  });

  it('shows declared fields first, in the workflow’s order and with their form labels', () => {
    const fields = [
      { id: 'patient', label: 'Patient reference', type: 'text' as const },
      { id: 'medication', label: 'Medication', type: 'text' as const },
      { id: 'labsCurrent', label: 'Required monitoring labs are current', type: 'boolean' as const },
      { id: 'source', label: 'Came in by', type: 'select' as const, options: ['pharmacy-fax', 'portal'] },
    ];
    const entries = dataEntries(
      {
        source: 'pharmacy-fax',
        labsCurrent: true,
        legacyKey: 'x',
        medication: 'lisinopril',
        patient: 'DEMO-1',
      },
      fields,
    );
    expect(entries.map((e) => [e.label, e.value])).toEqual([
      ['Patient reference', 'DEMO-1'],
      ['Medication', 'lisinopril'],
      ['Required monitoring labs are current', 'Yes'],
      ['Came in by', 'Pharmacy fax'],
      ['Legacy key', 'x'],
    ]);
  });
});

describe('unstaffedPools', () => {
  it('lists roles with open work that no active person holds, largest first; closed work does not count', () => {
    const tasks = [
      task('a', { role: 'pharmacist' }),
      task('b', { role: 'pharmacist' }),
      task('c', { role: 'medical-director' }),
      task('d', { role: 'triage-nurse' }),
      task('e', { role: 'scheduler', status: 'closed' }),
    ];
    expect(unstaffedPools(tasks, new Set(['triage-nurse']))).toEqual([
      { role: 'pharmacist', open: 2 },
      { role: 'medical-director', open: 1 },
    ]);
    expect(unstaffedPools(tasks, new Set(['pharmacist', 'medical-director', 'triage-nurse']))).toEqual([]);
  });
});
