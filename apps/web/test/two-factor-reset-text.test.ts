import { describe, expect, it } from 'vitest';
import { twoFactorResetText } from '../src/auth/twoFactorResetText.ts';
import { rememberClinicConfig } from '../src/shell/clinic.ts';

const NOW = Date.parse('2026-12-07T18:00:00Z'); // Monday 11:00 in Denver

describe('the two-factor setup page after an admin reset', () => {
  it('says when, in the clinic’s date style and on its clock', () => {
    try {
      // 03:30 UTC on the 7th is still Sunday evening in Denver.
      rememberClinicConfig({ clinic: { name: 'Clinic' }, timeZone: 'America/Denver', calendar: null });
      expect(twoFactorResetText('2026-12-07T03:30:00Z', NOW)).toBe(
        'An admin reset your two-factor sign-in on Sun, Dec 6, 8:30 PM. Set it up again to continue.',
      );
      rememberClinicConfig({
        clinic: { name: 'Clinic' },
        timeZone: 'America/Denver',
        calendar: null,
        clock: '24-hour',
      });
      expect(twoFactorResetText('2026-12-07T03:30:00Z', NOW)).toContain('on Sun, Dec 6, 20:30.');
      // Another year says which.
      expect(twoFactorResetText('2025-12-30T17:00:00Z', NOW)).toContain('on Tue, Dec 30, 2025, 10:00.');
    } finally {
      rememberClinicConfig(null);
    }
  });

  it('says it on the clinic’s clock that came with it, before the configuration has loaded', () => {
    // The setup page comes before a full sign-in: no configuration yet, only what /api/me sent.
    rememberClinicConfig(null);
    const clinicTime = { timeZone: 'America/Denver', clock: '12-hour' } as const;
    expect(twoFactorResetText('2026-12-07T03:30:00Z', NOW, clinicTime)).toBe(
      'An admin reset your two-factor sign-in on Sun, Dec 6, 8:30 PM. Set it up again to continue.',
    );
    expect(
      twoFactorResetText('2026-12-07T03:30:00Z', NOW, { timeZone: 'America/Denver', clock: '24-hour' }),
    ).toContain('on Sun, Dec 6, 20:30.');
  });
});
