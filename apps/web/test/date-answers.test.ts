import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rememberClinicConfig } from '../src/shell/clinic.ts';
import { dataEntries, fieldValue, formatValue } from '../src/work/format.ts';

// Wednesday 25 November 2026, 11:00 in Denver (UTC−7).
const NOW = new Date('2026-11-25T18:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  rememberClinicConfig({ clinic: { name: 'Riverside' }, timeZone: 'America/Denver', calendar: null });
});
afterEach(() => {
  vi.useRealTimers();
  rememberClinicConfig(null);
});

describe('date answers (task forms, request data, the audit’s revealed data) are written as every other date', () => {
  it('shows a visit date month first, on its own calendar day in a clinic behind UTC', () => {
    // Midnight UTC of 1 March is 28 February in Denver: the answer is a date, not an instant.
    expect(fieldValue({ type: 'date' }, '2026-03-01')).toBe('Sun, Mar 1');
    expect(formatValue('2026-12-07')).toBe('Mon, Dec 7');
  });

  it('adds the year when the date is not this year', () => {
    expect(formatValue('2025-11-03')).toBe('Mon, Nov 3, 2025');
    expect(fieldValue({ type: 'date' }, '2027-01-04')).toBe('Mon, Jan 4, 2027');
  });

  it('writes the request’s data panel with the same dates', () => {
    const entries = dataEntries({ visitDate: '2026-03-01' }, [
      { id: 'visitDate', label: 'Visit date', type: 'date' },
    ]);
    expect(entries).toEqual([{ key: 'visitDate', label: 'Visit date', value: 'Sun, Mar 1' }]);
  });
});
