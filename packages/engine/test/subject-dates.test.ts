import { afterEach, describe, expect, it } from 'vitest';
import { DefinitionSchema } from '../src/definition.ts';
import { requestSubject } from '../src/subject.ts';

/** A visit request whose subject names the visit by its date, a date-only answer of the start form. */
const visit = DefinitionSchema.parse({
  id: 'visit',
  title: 'Visit request',
  roles: [{ id: 'scheduler', name: 'Scheduler' }],
  start: 'book',
  intake: {
    roles: ['scheduler'],
    form: [
      { id: 'patient', label: 'Patient reference', type: 'text' },
      { id: 'visitDate', label: 'Visit date', type: 'date' },
      { id: 'note', label: 'Reference', type: 'text' },
    ],
  },
  subject: '{patient} · Visit {visitDate}',
  steps: {
    book: { type: 'task', role: 'scheduler', title: 'Book it', outcomes: { booked: 'end' }, help: 'x' },
    end: { type: 'end' },
  },
});

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

/** The clinic's today, as the server passes it: the engine reads no clock. */
const TODAY = '2026-06-15';

describe('a date in a subject', () => {
  it('reads as the clinic writes a date, "Mar 1", not "2026-03-01"', () => {
    expect(requestSubject(visit, { patient: 'DEMO-5001', visitDate: '2026-03-01' }, TODAY)).toBe(
      'DEMO-5001 · Visit Mar 1',
    );
    expect(requestSubject(visit, { patient: 'DEMO-5001', visitDate: '2026-12-31' }, TODAY)).toBe(
      'DEMO-5001 · Visit Dec 31',
    );
  });

  it('says the year of a date outside the clinic’s current year: "Mar 1, 2027", "Dec 30, 2025"', () => {
    expect(requestSubject(visit, { patient: 'DEMO-5001', visitDate: '2027-03-01' }, TODAY)).toBe(
      'DEMO-5001 · Visit Mar 1, 2027',
    );
    expect(requestSubject(visit, { patient: 'DEMO-5001', visitDate: '2025-12-30' }, TODAY)).toBe(
      'DEMO-5001 · Visit Dec 30, 2025',
    );
    // On New Year's Eve at the clinic, a visit on Jan 4 is next year's: its year is said.
    expect(requestSubject(visit, { patient: 'DEMO-5001', visitDate: '2027-01-04' }, '2026-12-31')).toBe(
      'DEMO-5001 · Visit Jan 4, 2027',
    );
    expect(requestSubject(visit, { patient: 'DEMO-5001', visitDate: '2027-01-04' }, '2027-01-01')).toBe(
      'DEMO-5001 · Visit Jan 4',
    );
  });

  it('names the same day in every time zone: a date-only answer never shifts', () => {
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Denver', 'UTC']) {
      process.env.TZ = tz;
      expect(requestSubject(visit, { patient: 'DEMO-5001', visitDate: '2026-03-01' }, TODAY), tz).toBe(
        'DEMO-5001 · Visit Mar 1',
      );
      // The first and last days of a year keep their year in any zone.
      expect(requestSubject(visit, { patient: 'DEMO-5001', visitDate: '2027-01-01' }, TODAY), tz).toBe(
        'DEMO-5001 · Visit Jan 1, 2027',
      );
      expect(requestSubject(visit, { patient: 'DEMO-5001', visitDate: '2026-12-31' }, TODAY), tz).toBe(
        'DEMO-5001 · Visit Dec 31',
      );
    }
  });

  it('shows an answer that is not a calendar date as written, and a date in a text field as typed', () => {
    const subject = { ...visit, subject: '{visitDate} · {note}' };
    expect(requestSubject(subject, { visitDate: 'soon', note: '2027-03-01' }, TODAY)).toBe(
      'soon · 2027-03-01',
    );
  });
});
