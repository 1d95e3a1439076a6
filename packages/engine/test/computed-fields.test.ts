import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../src/calendar/index.ts';
import { askedFields, wholeMonths } from '../src/computed.ts';
import type { Definition } from '../src/definition.ts';
import type { HistoryEntry } from '../src/events.ts';
import { handbookOf, recordText } from '../src/handbook/index.ts';
import { lint } from '../src/lint/index.ts';
import { parseDefinition } from '../src/parse.ts';
import { replay } from '../src/replay.ts';
import { transition } from '../src/transition.ts';

/**
 * A computed field: the step asks for the last visit's date only, and the engine works out the months
 * since then when the step is finished (the clinic's date, in its calendar's time zone), for the
 * decision that reads them. Nobody types it; replay works it out again from the recorded time.
 */

const DENVER = { ...DEFAULT_CALENDAR, timeZone: 'America/Denver' };

const refill: Definition = parseDefinition({
  id: 'refill',
  title: 'Refill',
  roles: [
    { id: 'coordinator', name: 'Refill coordinator' },
    { id: 'nurse', name: 'Triage nurse' },
  ],
  start: 'review',
  steps: {
    review: {
      type: 'task',
      role: 'coordinator',
      title: 'Prepare the refill request',
      outcomes: { prepared: 'checks', duplicate: 'closed' },
      form: [
        {
          id: 'lastVisitDate',
          label: 'Last visit',
          type: 'date',
          dateRange: 'past',
          requiredFor: ['prepared'],
        },
        {
          id: 'monthsSinceLastVisit',
          label: 'Months since last visit',
          type: 'number',
          computed: { monthsSince: 'lastVisitDate' },
          ownership: 'owned',
        },
      ],
    },
    checks: {
      type: 'decision',
      branches: [{ when: 'data.monthsSinceLastVisit > 12', to: 'overdue-visit' }],
      otherwise: 'closed',
    },
    'overdue-visit': {
      type: 'task',
      role: 'nurse',
      title: 'Decide for a patient overdue for a visit',
      outcomes: { decided: 'closed' },
    },
    closed: { type: 'end' },
  },
});

function prepared(data: Record<string, unknown>, at: string, outcome = 'prepared') {
  const started = transition(refill, null, { type: 'start', calendar: DENVER }, at);
  if (!started.ok) throw started.error;
  return transition(
    refill,
    started.snapshot,
    { type: 'complete', step: 'review', outcome, role: 'coordinator', data },
    at,
  );
}

describe('whole months from one date to another', () => {
  it('counts a month once its day of the month is reached', () => {
    expect(wholeMonths('2025-01-20', '2026-03-02')).toBe(13);
    expect(wholeMonths('2025-03-02', '2026-03-02')).toBe(12);
    expect(wholeMonths('2025-03-03', '2026-03-02')).toBe(11);
    expect(wholeMonths('2026-03-02', '2026-03-02')).toBe(0);
    // A day the later month does not have: not a whole month until the next one begins.
    expect(wholeMonths('2026-01-31', '2026-02-28')).toBe(0);
    expect(wholeMonths('2026-01-31', '2026-03-01')).toBe(1);
  });
});

describe('a number field computed from a date on the same form', () => {
  it('is worked out when the step is finished, and the decision reads it', () => {
    const done = prepared({ lastVisitDate: '2025-01-20' }, '2026-03-02T16:00:00.000Z');
    if (!done.ok) throw done.error;
    expect(done.snapshot.context.data).toEqual({ lastVisitDate: '2025-01-20', monthsSinceLastVisit: 13 });
    expect(Object.values(done.snapshot.context.active).map((a) => a.step)).toEqual(['overdue-visit']);

    const recent = prepared({ lastVisitDate: '2025-11-03' }, '2026-03-02T16:00:00.000Z');
    if (!recent.ok) throw recent.error;
    expect(recent.snapshot.context.data.monthsSinceLastVisit).toBe(3);
    expect(recent.snapshot.status).toBe('done');
  });

  it('counts to the clinic’s date: late evening in Denver is still that day there', () => {
    // 05:00 UTC on 3 March is 22:00 on 2 March in Denver: eleven whole months, not twelve.
    const done = prepared({ lastVisitDate: '2025-03-03' }, '2026-03-03T05:00:00.000Z');
    if (!done.ok) throw done.error;
    expect(done.snapshot.context.data.monthsSinceLastVisit).toBe(11);
  });

  it('is never typed in: an answer for it is refused, and it is asked of nobody', () => {
    const typed = prepared(
      { lastVisitDate: '2025-01-20', monthsSinceLastVisit: 2 },
      '2026-03-02T16:00:00.000Z',
    );
    expect(typed.ok).toBe(false);
    expect(!typed.ok && typed.error.code).toBe('FORM_INVALID');
    expect(!typed.ok && typed.error.details).toEqual({
      fields: [
        {
          field: 'monthsSinceLastVisit',
          message: 'Months since last visit is worked out from Last visit; leave it out',
        },
      ],
    });
    const review = refill.steps.review;
    expect(review?.type === 'task' && askedFields(review.form).map((f) => f.id)).toEqual(['lastVisitDate']);
  });

  it('is left out when its date is (an outcome that does not need the date)', () => {
    const done = prepared({}, '2026-03-02T16:00:00.000Z', 'duplicate');
    if (!done.ok) throw done.error;
    expect(done.snapshot.context.data).toEqual({});
  });

  it('replays from the recorded time to the same value', () => {
    const at = '2026-03-02T16:00:00.000Z';
    const later = '2026-03-02T16:05:00.000Z';
    const history: HistoryEntry[] = [
      { event: { type: 'start', calendar: DENVER }, at },
      {
        event: {
          type: 'complete',
          step: 'review',
          outcome: 'prepared',
          role: 'coordinator',
          data: { lastVisitDate: '2025-01-20' },
        },
        at: later,
      },
    ];
    expect(replay(refill, history)?.context.data).toEqual({
      lastVisitDate: '2025-01-20',
      monthsSinceLastVisit: 13,
    });
  });
});

describe('the handbook', () => {
  it('says a computed field is worked out, and from what, not that it is optional', () => {
    const review = handbookOf(refill).steps.find((s) => s.id === 'review');
    expect(review?.records?.map(recordText)).toEqual([
      'Last visit (needed to finish as Prepared; today or earlier)',
      'Months since last visit (worked out from Last visit)',
    ]);
  });
});

describe('lint: computed-field', () => {
  const withField = (field: Record<string, unknown>) =>
    parseDefinition({
      ...refill,
      steps: {
        ...refill.steps,
        review: {
          ...refill.steps.review,
          form: [
            { id: 'lastVisitDate', label: 'Last visit', type: 'date' },
            { id: 'note', label: 'Note', type: 'text' },
            field,
          ],
        },
      },
    });
  const found = (d: Definition) =>
    lint(d)
      .filter((f) => f.rule === 'computed-field')
      .map((f) => f.message);

  it('takes a number worked out from a date of the same form', () => {
    expect(found(refill)).toEqual([]);
  });

  // Said in the editor's problems list: fields by the labels the lead typed, not by their data keys.
  it('refuses a source that is not a date of the form, a computed field that is not a number, and one required', () => {
    const base = { id: 'months', label: 'Months', type: 'number' };
    expect(found(withField({ ...base, computed: { monthsSince: 'visitDate' } }))).toEqual([
      'Field “Months” of task “Prepare the refill request” is worked out from "visitDate", which is not a field of the same form',
    ]);
    expect(found(withField({ ...base, computed: { monthsSince: 'note' } }))).toEqual([
      'Field “Months” of task “Prepare the refill request” is worked out from “Note”, a text field; months are counted from a date',
    ]);
    expect(found(withField({ ...base, type: 'text', computed: { monthsSince: 'lastVisitDate' } }))).toEqual([
      'Field “Months” of task “Prepare the refill request” is a text field; only number fields can be worked out',
    ]);
    expect(
      found(withField({ ...base, requiredFor: ['prepared'], computed: { monthsSince: 'lastVisitDate' } })),
    ).toEqual([
      'Field “Months” of task “Prepare the refill request” is worked out, never answered: it cannot be required',
    ]);
  });
});
