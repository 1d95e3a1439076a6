import { describe, expect, it } from 'vitest';
import { accessText } from '../src/audit/accessText.ts';

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
