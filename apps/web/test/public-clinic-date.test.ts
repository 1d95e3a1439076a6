import { describe, expect, it } from 'vitest';
import { clinicDate } from '../src/help/public/clinicDate.ts';

describe('a date on the public help page', () => {
  it('is the day in the clinic’s zone, written out in the page’s language', () => {
    // 03:00 UTC on the 8th is still the 7th in Denver.
    expect(clinicDate('2026-12-08T03:00:00Z', 'es', 'America/Denver')).toBe('7 de diciembre de 2026');
    expect(clinicDate('2026-12-08T03:00:00Z', 'en', 'America/Denver')).toBe('December 7, 2026');
  });

  it('still shows a date when the zone is one this browser does not know', () => {
    expect(clinicDate('2026-12-08T12:00:00Z', 'en', 'Not/A_Zone')).toBe('December 8, 2026');
  });
});
