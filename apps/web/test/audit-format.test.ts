import { describe, expect, it } from 'vitest';
import {
  changesByStep,
  describeEntry,
  formatChange,
  roleOfEvent,
  shortId,
  shortReason,
} from '../src/audit/changes.ts';
import {
  addDays,
  dayOf,
  dayStartIso,
  formatAuditTime,
  isDay,
  lastDays,
  periodBounds,
} from '../src/audit/period.ts';

const f = {
  when: (iso: string) => `T(${iso})`,
  who: (id: string) => (id === 'u-ana' ? 'ana' : id),
  role: (id: string) => (id === 'billing' ? 'Billing specialist' : id),
};

describe('formatChange', () => {
  it('shows old → new with a dash for nothing', () => {
    expect(formatChange({ field: 'assignee', from: null, to: 'u-ana' }, f)).toBe('Assignee: — → ana');
    expect(formatChange({ field: 'assignee', from: 'u-ana', to: null }, f)).toBe('Assignee: ana → —');
  });

  it('formats times and roles', () => {
    expect(formatChange({ field: 'due', from: 'a', to: 'b' }, f)).toBe('Due: T(a) → T(b)');
    expect(formatChange({ field: 'role', from: 'front', to: 'billing' }, f)).toBe(
      'Role: front → Billing specialist',
    );
  });

  it('names a data field by its form label, with values as the form shows them', () => {
    const withForm = {
      ...f,
      dataField: (key: string) =>
        key === 'resultKind'
          ? { label: 'Kind of result', value: (v: unknown) => `[${String(v)}]` }
          : undefined,
    };
    expect(formatChange({ field: 'data.resultKind', from: null, to: 'lab' }, withForm)).toBe(
      'Kind of result: — → [lab]',
    );
  });

  it('shows an undeclared data field as data, never like a task property of the same name', () => {
    expect(formatChange({ field: 'data.denialReason', from: 'needs-visit', to: 'other' }, f)).toBe(
      'Denial reason (data): needs-visit → other',
    );
    expect(formatChange({ field: 'data.due', from: null, to: '2026-03-02' }, f)).toBe(
      'Due (data): — → 2026-03-02',
    );
    expect(formatChange({ field: 'data.needsPriorAuth', from: true, to: false }, f)).toBe(
      'Needs prior auth (data): true → false',
    );
  });

  it('names a data field that changed without its values when they were not revealed', () => {
    const withForm = {
      ...f,
      dataField: (key: string) =>
        key === 'medication' ? { label: 'Medication', value: (v: unknown) => String(v) } : undefined,
    };
    expect(formatChange({ field: 'data.medication' }, withForm)).toBe('Medication changed');
    expect(formatChange({ field: 'data.denialReason' }, withForm)).toBe('Denial reason (data) changed');
    // Revealed, the same change reads old → new (an empty old value is still a value).
    expect(formatChange({ field: 'data.medication', from: null, to: 'levetiracetam 500 mg' }, withForm)).toBe(
      'Medication: — → levetiracetam 500 mg',
    );
  });

  it('shows an outcome in words, without an arrow', () => {
    expect(formatChange({ field: 'outcome', step: 'x', from: null, to: 'needs-provider' }, f)).toBe(
      'Outcome: Needs provider',
    );
  });

  it('shows other values as text', () => {
    expect(formatChange({ field: 'priority', from: 'normal', to: 'urgent' }, f)).toBe(
      'Priority: normal → urgent',
    );
    expect(formatChange({ field: 'escalated', from: false, to: true }, f)).toBe('Escalated: false → true');
  });
});

describe('changesByStep', () => {
  it('keeps the order and says each step once per run', () => {
    const c = (step: string | undefined, field: string) => ({ step, field, from: null, to: 1 }) as never;
    const runs = changesByStep([
      c('a', 'data.x'),
      c('a', 'data.y'),
      c(undefined, 'status'),
      c('b', 'due'),
      c('a', 'due'),
    ]);
    expect(runs.map((r) => [r.step, r.changes.map((x: { field: string }) => x.field)])).toEqual([
      ['a', ['data.x', 'data.y']],
      [null, ['status']],
      ['b', ['due']],
      ['a', ['due']],
    ]);
    expect(changesByStep([])).toEqual([]);
  });
});

describe('roleOfEvent', () => {
  it('prefers the recorded role, else the payload role', () => {
    expect(roleOfEvent('nurse', { role: 'x' })).toBe('nurse');
    expect(roleOfEvent(null, { role: 'front-desk' })).toBe('front-desk');
    expect(roleOfEvent(null, { type: 'timer-fired' })).toBeNull();
    expect(roleOfEvent(null, undefined)).toBeNull();
  });
});

describe('shortId', () => {
  it('shortens uuids only', () => {
    expect(shortId('eb92f30c-79fb-4e3f-b6fb-d7e3844170f7')).toBe('eb92f30c…');
    expect(shortId('ana')).toBe('ana');
  });
});

describe('periods in the clinic time zone', () => {
  it('starts a day at local midnight, across daylight saving changes', () => {
    expect(dayStartIso('2026-01-15', 'America/Denver')).toBe('2026-01-15T07:00:00.000Z');
    expect(dayStartIso('2026-07-15', 'America/Denver')).toBe('2026-07-15T06:00:00.000Z');
    expect(dayStartIso('2026-03-08', 'America/Denver')).toBe('2026-03-08T07:00:00.000Z');
    expect(dayStartIso('2026-03-09', 'America/Denver')).toBe('2026-03-09T06:00:00.000Z');
    expect(dayStartIso('2026-11-01', 'America/Denver')).toBe('2026-11-01T06:00:00.000Z');
    expect(dayStartIso('2026-11-02', 'America/Denver')).toBe('2026-11-02T07:00:00.000Z');
    expect(dayStartIso('2026-05-01', 'UTC')).toBe('2026-05-01T00:00:00.000Z');
  });

  it('makes the end day inclusive (the server end is exclusive)', () => {
    expect(periodBounds('2026-11-19', '2026-11-25', 'America/Denver')).toEqual({
      from: '2026-11-19T07:00:00.000Z',
      to: '2026-11-26T07:00:00.000Z',
    });
    expect(periodBounds('', '2026-12-31', 'UTC')).toEqual({ to: '2027-01-01T00:00:00.000Z' });
    expect(periodBounds('nope', '', 'UTC')).toEqual({});
  });

  it('knows today in the clinic and the last 7 days', () => {
    const lateEvening = Date.parse('2026-11-26T05:30:00Z'); // 22:30 on the 25th in Denver
    expect(dayOf(lateEvening, 'America/Denver')).toBe('2026-11-25');
    expect(lastDays(7, lateEvening, 'America/Denver')).toEqual({ from: '2026-11-19', to: '2026-11-25' });
  });

  it('adds days across months and checks day strings', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('26-1-1')).toBe(false);
  });
});

describe('describeEntry', () => {
  const title = (id: string) => (id === 'check' ? 'Check the account' : id);
  it('names steps by title', () => {
    expect(
      describeEntry(
        { type: 'complete', summary: 'completed check → ok' },
        { step: 'check', outcome: 'ok' },
        title,
      ),
    ).toBe('Completed “Check the account” → Ok');
    expect(describeEntry({ type: 'reassign', summary: 'reassigned' }, { step: 'check' }, title)).toBe(
      'Reassigned “Check the account”',
    );
    const claimed = { field: 'assignee', task: '2', step: 'check', from: null, to: 'u1' };
    expect(
      describeEntry({ type: 'reassign', summary: 'reassigned', changes: [claimed] }, { token: '2' }, title),
    ).toBe('Reassigned “Check the account”');
    expect(
      describeEntry({ type: 'reassign', summary: 'reassigned', changes: [] }, { token: '2' }, title),
    ).toBe('Reassigned');
  });
  it('names the step whose deadline passed or whose wait ended, never the timer id', () => {
    const escalated = { field: 'role', task: '2', step: 'check', from: 'billing', to: 'supervisor' };
    const fired = (timer: string, changes: never[] | (typeof escalated)[]) =>
      describeEntry({ type: 'timer-fired', summary: 'x', changes }, { timer }, title);
    expect(fired('t2.deadline', [escalated])).toBe('Deadline passed on “Check the account”');
    expect(fired('t2.wait', [escalated])).toBe('Wait ended on “Check the account”');
    expect(fired('t2.deadline', [])).toBe('A deadline passed');
  });
  it('says a person taking a task from the pool claimed it, and giving it back released it', () => {
    const taken = { field: 'assignee', task: '2', step: 'check', from: null, to: 'u1' };
    expect(
      describeEntry(
        { type: 'reassign', summary: 'claimed', changes: [taken] },
        { type: 'reassign', token: '2', assignee: 'u1', actor: 'u1', role: 'billing' },
        title,
      ),
    ).toBe('Claimed “Check the account”');
    const back = { ...taken, from: 'u1', to: null };
    expect(
      describeEntry(
        { type: 'reassign', summary: 'released', changes: [back] },
        { type: 'reassign', token: '2', assignee: null, actor: 'u1', role: 'billing' },
        title,
      ),
    ).toBe('Released “Check the account”');
    // A lead giving the task to someone else is still a reassignment.
    expect(
      describeEntry(
        { type: 'reassign', summary: 'reassigned', changes: [taken] },
        { type: 'reassign', token: '2', assignee: 'u1', actor: 'lead-1' },
        title,
      ),
    ).toBe('Reassigned “Check the account”');
  });
  it('says a reason was given, without its words, until the values are revealed', () => {
    const hidden = { summary: 'cancelled with a reason', reasonHidden: true as const };
    expect(describeEntry({ type: 'cancel', ...hidden }, { type: 'cancel' }, title)).toBe(
      'Cancelled with a reason',
    );
    expect(
      describeEntry(
        { type: 'reassign', summary: 'reassigned', reasonHidden: true },
        { step: 'check' },
        title,
      ),
    ).toBe('Reassigned “Check the account” with a reason');
  });
  it('falls back to the server summary', () => {
    expect(describeEntry({ type: 'complete', summary: 'completed a → b' }, null, title)).toBe(
      'completed a → b',
    );
    expect(describeEntry({ type: 'start', summary: 'started' }, {}, title)).toBe('Started');
    expect(describeEntry({ type: 'cancel', summary: 'cancelled' }, { reason: 'duplicate' }, title)).toBe(
      'Cancelled: duplicate',
    );
    expect(describeEntry({ type: 'migrate', summary: 'migrate' }, {}, title)).toBe('Migrate');
  });
});

describe('formatAuditTime', () => {
  const now = Date.parse('2026-11-25T20:00:00Z');
  it('shows seconds, on the clinic clock as every other screen does: the day by name, else the date', () => {
    expect(formatAuditTime('2026-11-25T12:53:29.448Z', now, 'America/Denver')).toBe('Today 5:53:29 AM');
    expect(formatAuditTime('2026-11-24T12:53:29.448Z', now, 'America/Denver')).toBe('Yesterday 5:53:29 AM');
    expect(formatAuditTime('2026-11-02T12:00:05Z', now, 'America/Denver')).toBe('Mon, Nov 2, 5:00:05 AM');
    expect(formatAuditTime(null, now)).toBe('—');
  });
});

describe('shortReason', () => {
  it('drops the instance prefix the badge already states', () => {
    expect(
      shortReason(
        "Instance '8599e736-9902' event 3: content does not match its stored hash; the event was altered",
        3,
      ),
    ).toBe('Content does not match its stored hash; the event was altered');
    expect(shortReason('expected event 4 here; events are missing', 4)).toBe(
      'Expected event 4 here; events are missing',
    );
  });
});
