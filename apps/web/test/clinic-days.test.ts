import { describe, expect, it } from 'vitest';
import { dayOf } from '../src/audit/period.ts';
import { dayIn } from '../src/shell/time.ts';
import { clinicToday } from '../src/tracking/period.ts';
import { clinicDate } from '../src/work/queue.ts';

// Audit, Tracking and My work count the clinic's days with the one formatter's `dayIn`.
const counters = { dayOf, clinicDate, clinicToday };

describe('the clinic day of an instant, on every screen', () => {
  it.each(Object.entries(counters))('%s reads the day on the clinic calendar', (_, dayOfInstant) => {
    const late = Date.parse('2026-11-26T03:00:00Z'); // Wednesday evening in Denver, Thursday noon in Tokyo
    expect(dayOfInstant(late, 'America/Denver')).toBe('2026-11-25');
    expect(dayOfInstant(late, 'Asia/Tokyo')).toBe('2026-11-26');
    // Just after midnight on the day clocks go back.
    const fallBack = Date.parse('2026-11-01T06:30:00Z');
    expect(dayOfInstant(fallBack, 'America/Denver')).toBe('2026-11-01');
    expect(dayOfInstant(fallBack, 'America/Denver')).toBe(dayIn(fallBack, 'America/Denver'));
  });
});
