import { parseDefinition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { dateFieldsOf, shiftDates, storyDayShift } from '../src/seed/story-dates.ts';

/** The demo plays the example stories in the past week: their dates move with them, by whole weeks. */
describe('story dates', () => {
  it('moves by whole weeks, rounded up, so a future date stays in the future and on its weekday', () => {
    // Written for Monday 2 March 2026; played from Thursday 3 December 2026 (276 days later).
    const shift = storyDayShift('2026-03-02T16:00:00.000Z', '2026-12-03T15:00:00.000Z');
    expect(shift).toBe(280);
    expect(shift % 7).toBe(0);
    expect(storyDayShift('2026-03-02T16:00:00.000Z', '2026-03-02T20:00:00.000Z')).toBe(0);
  });

  it('moves only the answers of date fields', () => {
    const fields = new Set(['followUpDate', 'lastVisitDate']);
    expect(
      shiftDates(
        { followUpDate: '2026-03-16', lastVisitDate: '2025-11-03', patient: '2026-03-16', note: 'x' },
        fields,
        280,
      ),
    ).toEqual({ followUpDate: '2026-12-21', lastVisitDate: '2026-08-10', patient: '2026-03-16', note: 'x' });
  });

  it('finds the date fields of the start form and of every step', () => {
    const definition = parseDefinition({
      id: 'dates',
      title: 'Dates',
      roles: [{ id: 'desk', name: 'Desk' }],
      start: 'book',
      intake: { roles: ['desk'], form: [{ id: 'wanted', label: 'Wanted', type: 'date' }] },
      steps: {
        book: {
          type: 'task',
          role: 'desk',
          title: 'Book',
          outcomes: { booked: 'done' },
          form: [
            { id: 'bookedFor', label: 'Booked for', type: 'date' },
            { id: 'room', label: 'Room', type: 'text' },
          ],
        },
        done: { type: 'end' },
      },
    });
    expect([...dateFieldsOf(definition)].sort()).toEqual(['bookedFor', 'wanted']);
  });
});
