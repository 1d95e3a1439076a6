import { describe, expect, it } from 'vitest';
import { accessText, listedRequests } from '../src/audit/accessText.ts';

const opened = {
  action: 'GET /api/tasks/:id',
  dataCategory: 'phi',
  outcome: 'allow' as const,
  detail: 'step prepare-refill',
  workflowTitle: 'Refill request',
  stepTitle: 'Prepare refill',
};

describe('the access log in words', () => {
  it('names the step and the request, with the subject when there is one', () => {
    expect(accessText(opened, 'DEMO-5001')).toBe("Opened 'Prepare refill' of Refill request · DEMO-5001");
    expect(accessText(opened)).toBe("Opened 'Prepare refill' of Refill request");
  });

  it('says what a refusal was for', () => {
    expect(accessText({ ...opened, outcome: 'deny' })).toBe(
      "Refused: opened 'Prepare refill' of Refill request",
    );
  });

  it('describes actions, histories, searches and lists without ids', () => {
    const base = { ...opened, stepTitle: null, detail: null };
    expect(accessText({ ...base, action: 'POST /api/tasks/:id/claim' })).toBe(
      'Claimed a task of Refill request',
    );
    expect(accessText({ ...base, action: 'GET /api/instances/:id/history', dataCategory: 'history' })).toBe(
      'Read the history of Refill request',
    );
    expect(
      accessText({
        action: 'GET /api/instances',
        dataCategory: 'instance-list',
        outcome: 'allow',
        detail: 'search by patient reference: 1 instance (abc)',
      }),
    ).toBe('Searched requests by patient reference: 1 found');
    expect(
      accessText({
        action: 'GET /api/audit/access-log',
        dataCategory: 'access-log',
        outcome: 'allow',
        detail: null,
      }),
    ).toBe('Read the access log');
    // Its export of a whole period, narrowed to a patient or not, reads as an export.
    expect(
      accessText({
        action: 'POST /api/audit/access-log/export',
        dataCategory: 'access-log',
        outcome: 'allow',
        detail: 'export csv; by patient reference: 1 instance (abc)',
      }),
    ).toBe('Exported the access log');
    expect(
      accessText({
        action: 'POST /api/backups',
        dataCategory: 'backup',
        outcome: 'allow',
        detail: 'backup taken',
      }),
    ).toBe('Took a backup of every request');
  });

  it("says what was done with a request's notes, never what they say", () => {
    const base = { ...opened, stepTitle: null, detail: 'note' };
    expect(accessText({ ...base, action: 'GET /api/instances/:id/notes' }, 'DEMO-5001')).toBe(
      'Read the notes of Refill request · DEMO-5001',
    );
    expect(accessText({ ...base, action: 'POST /api/instances/:id/notes' })).toBe(
      'Added a note to Refill request',
    );
    expect(accessText({ ...base, action: 'PATCH /api/instances/:id/notes/:noteId', outcome: 'deny' })).toBe(
      'Refused: edited a note on Refill request',
    );
  });
});

describe('list reads in one line', () => {
  const list = { outcome: 'allow' as const, workflowTitle: null, stepTitle: null };

  it('says how many requests a list showed and which list, never the ids', () => {
    expect(
      accessText({
        ...list,
        action: 'GET /api/tasks',
        dataCategory: 'task-list',
        detail: 'pool: 25; instances: a,b,c',
      }),
    ).toBe('Listed 3 requests (task pool)');
    expect(
      accessText({
        ...list,
        action: 'GET /api/tasks',
        dataCategory: 'task-list',
        detail: 'mine: 1; instances: a',
      }),
    ).toBe('Listed 1 request (my tasks)');
    expect(
      accessText({
        ...list,
        action: 'GET /api/tasks',
        dataCategory: 'task-list',
        detail: 'pool: 0; instances: none',
      }),
    ).toBe('Listed no requests (task pool)');
    expect(
      accessText({
        ...list,
        action: 'GET /api/instances',
        dataCategory: 'instance-list',
        detail: 'instances: 2; instances: a,b',
      }),
    ).toBe('Listed 2 requests (request list)');
    expect(
      accessText({
        ...list,
        action: 'GET /api/notifications',
        dataCategory: 'task-list',
        detail: 'notifications: 2; instances: a',
      }),
    ).toBe('Listed 1 request (notifications)');
    expect(
      accessText({
        ...list,
        action: 'POST /api/requests/status',
        dataCategory: 'instance-list',
        detail: 'status lookup by patient reference: 2; instances: a,b',
      }),
    ).toBe('Looked up requests by patient reference: 2 found');
  });

  it('reads the ids a list or search named, for the disclosure', () => {
    expect(listedRequests('pool: 25; instances: a,b,c')).toEqual(['a', 'b', 'c']);
    expect(listedRequests('instances: 2; instances: a,b')).toEqual(['a', 'b']);
    expect(listedRequests('search by patient reference: 2 instances (a, b)')).toEqual(['a', 'b']);
    expect(listedRequests('pool: 0; instances: none')).toEqual([]);
    expect(listedRequests('search by person name: 0 instances')).toEqual([]);
    expect(listedRequests(null)).toEqual([]);
  });
});

describe('actions in words', () => {
  const on = (action: string, detail: string | null = null) =>
    accessText({ action, dataCategory: 'phi', outcome: 'allow', detail, workflowTitle: 'Refill request' });

  it('says what was done with a request and its files', () => {
    expect(on('GET /api/instances/:id')).toBe('Opened Refill request');
    expect(
      accessText({ action: 'GET /api/instances/:id', dataCategory: 'phi', outcome: 'allow', detail: null }),
    ).toBe('Opened a request');
    expect(on('GET /api/instances/:id/attachments/:attachmentId', 'attachment')).toBe(
      'Downloaded a file of Refill request',
    );
    expect(on('GET /api/instances/:id/attachments', 'attachments')).toBe(
      'Listed the files of Refill request',
    );
    expect(on('POST /api/instances/:id/attachments', 'attach')).toBe('Attached a file to Refill request');
    expect(on('POST /api/instances/:id/attachments/:attachmentId/remove', 'remove')).toBe(
      'Took a file off Refill request',
    );
    expect(on('POST /api/instances/:id/cancel', 'cancel')).toBe('Cancelled Refill request');
    expect(on('GET /api/tasks/:id/comments')).toBe('Read the notes of Refill request');
  });

  it('says when a history was read with its values', () => {
    expect(on('GET /api/instances/:id/history', 'history with values')).toBe(
      'Read the history of Refill request with its values',
    );
    expect(on('GET /api/instances/:id/replay', 'replay 3 with values')).toBe(
      'Replayed the history of Refill request with its values',
    );
  });

  it('names sign-ins and account work without routes', () => {
    const row = (action: string, dataCategory: string) => ({
      action,
      dataCategory,
      outcome: 'allow' as const,
      detail: null,
    });
    expect(accessText(row('POST /api/auth/login', 'authentication'))).toBe('Signed in');
    expect(accessText(row('GET /api/users', 'account'))).toBe('Listed the accounts');
    expect(accessText(row('PATCH /api/users/:id', 'account'))).toBe('Changed an account');
    expect(accessText(row('GET /api/tracking/sheet', 'tracking'))).toBe('Read tracking');
    expect(accessText(row('POST /api/tracking/entries', 'tracking'))).toBe('Changed tracking');
  });
});
