import type { MyRefreshers } from '@portalflow/contract';
import { describe, expect, it } from 'vitest';
import { refresherWords } from '../src/work/refresherWords.ts';

/**
 * "What changed for you" speaks of the task open in front of the person. Triage changed for the
 * medical assistant (version 1 → 3, a practice run asked); billing changed for the front desk (read only).
 */
type Change = MyRefreshers['changes'][number];
const change = (c: Partial<Change>): Change =>
  ({
    definitionId: 'portal-message-triage',
    title: 'Patient portal message triage',
    version: 3,
    previousVersion: 1,
    publishedAt: '2026-03-02T16:00:00.000Z',
    role: 'medical-assistant',
    roleName: 'Medical assistant',
    acknowledgedAt: null,
    practiceNeeded: true,
    practiceDoneAt: null,
    done: false,
    ...c,
  }) as Change;
const triage = change({});
const billing = change({
  definitionId: 'billing-question',
  title: 'Billing question',
  role: 'front-desk',
  roleName: 'Front desk',
  version: 2,
  practiceNeeded: false,
});
const mine = (...changes: Change[]): MyRefreshers => ({ changes, periodic: [] });
const task = (definitionId: string, version: number, role = 'medical-assistant') => ({
  definitionId,
  role,
  version,
});

describe('"What changed for you" with a task open', () => {
  it('says a task on an earlier version runs on it, not that it changed', () => {
    const words = refresherWords(mine(triage), task('portal-message-triage', 2));
    expect(words.text).toBe(
      'This task runs on version 2 of Patient portal message triage, the one its request started on: work it as it shows. What changed for Medical assistant in version 3 applies to requests started on it.',
    );
  });

  it('says what changed for a task on the new version', () => {
    expect(refresherWords(mine(triage), task('portal-message-triage', 3)).text).toBe(
      'Patient portal message triage changed for Medical assistant since version 1. This task runs on version 3, with the change.',
    );
  });

  it('speaks of the open task’s workflow first, with its Review button', () => {
    const words = refresherWords(mine(billing, triage), task('portal-message-triage', 3));
    expect(words.text).toMatch(/^Patient portal message triage changed/);
    expect(words.text).toMatch(/ 2 refreshers to do\.$/);
    expect(words.practice).toBe(true);
    expect(refresherWords(mine(triage, billing), task('billing-question', 1, 'front-desk'))).toMatchObject({
      text: expect.stringMatching(/^This task runs on version 1 of Billing question/),
      practice: false,
    });
  });

  it('names the first refresher by its workflow when the open task’s workflow did not change', () => {
    expect(refresherWords(mine(billing), task('portal-message-triage', 1)).text).toBe(
      'Billing question changed for Front desk since version 1 (now version 2).',
    );
    expect(refresherWords(mine(billing), null).text).toBe(
      'Billing question changed for Front desk since version 1 (now version 2).',
    );
  });

  it('leaves out refreshers already done, and says when a regular one is due', () => {
    const due = { ...mine(change({ done: true })), periodic: [{ due: true }] } as MyRefreshers;
    expect(refresherWords(due, task('portal-message-triage', 1))).toEqual({
      text: 'A regular refresher is due.',
      practice: true,
    });
  });
});
