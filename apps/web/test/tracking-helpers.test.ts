import { describe, expect, it } from 'vitest';
import { describeEntry, KIND_FIELDS } from '../src/tracking/entryKinds.ts';
import { sheetQuery } from '../src/tracking/sheetQuery.ts';

describe('tracking helpers', () => {
  it('the sheet query carries only dates, the view and workforce filters', () => {
    expect(
      sheetQuery({ from: '2026-03-01', to: '2026-03-31', view: 'role', person: '', role: 'front-desk' }),
    ).toEqual({ from: '2026-03-01', to: '2026-03-31', view: 'role', role: 'front-desk' });
  });

  it('describes an entry by its kind’s fields, skipping empty ones', () => {
    expect(
      describeEntry('project', {
        task: 'Kiosk survey',
        status: 'blocked',
        blocker: 'Stand on order',
        dueDate: '',
      }),
    ).toBe('Task: Kiosk survey · Status: blocked · Blocker: Stand on order');
    expect(KIND_FIELDS.support.map((f) => f.id)).toEqual(['contactType', 'count', 'escalatedToIt']);
  });

  it('says a project’s due date as the lists say due times, overdue in words unless it is done', () => {
    const now = Date.parse('2026-11-25T18:00:00Z'); // Wednesday 11:00 in Denver
    const project = { task: 'Kiosk survey', status: 'in-progress' };
    expect(describeEntry('project', { ...project, dueDate: '2026-12-07' }, now, 'America/Denver')).toBe(
      'Task: Kiosk survey · Status: in-progress · Due date: Mon, Dec 7',
    );
    expect(describeEntry('project', { ...project, dueDate: '2026-11-24' }, now, 'America/Denver')).toBe(
      'Task: Kiosk survey · Status: in-progress · Due date: Yesterday, overdue',
    );
    expect(
      describeEntry('project', { ...project, status: 'done', dueDate: '2026-11-24' }, now, 'America/Denver'),
    ).toBe('Task: Kiosk survey · Status: done · Due date: Yesterday');
  });
});

describe('entry forms match what the server accepts', () => {
  it('every kind offers exactly the fields the server validates', async () => {
    const { ENTRY_FIELDS } = await import('@portalflow/server');
    for (const [kind, fields] of Object.entries(KIND_FIELDS)) {
      const schema = ENTRY_FIELDS[kind as keyof typeof ENTRY_FIELDS] as unknown as {
        shape: Record<string, unknown>;
      };
      expect(fields.map((f) => f.id).sort(), kind).toEqual(Object.keys(schema.shape).sort());
    }
  }, 30_000);
});
