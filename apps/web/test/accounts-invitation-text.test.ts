import { describe, expect, it } from 'vitest';
import { invitationLine, maskedAddress } from '../src/accounts/invitationText.ts';

describe('where an invitation stands, in words', () => {
  it('shows the address masked: its first letter and its domain', () => {
    expect(maskedAddress('dana.ortiz@clinic.org')).toBe('d…@clinic.org');
    expect(maskedAddress('not-an-address')).toBe('not-an-address');
  });

  it('says when it was sent, until when its link works, and that it expired or why it was not sent', () => {
    const at = Date.parse('2026-12-07T15:14:00Z');
    const sent = {
      to: 'dana@clinic.org',
      at: new Date(at).toISOString(),
      expiresAt: new Date(at + 72 * 3600_000).toISOString(),
      error: null,
    };
    expect(invitationLine(sent, at + 60_000)).toMatch(
      /^Invitation sent to d…@clinic\.org at \d{1,2}:\d{2}( [AP]M)?\. Its link works until /,
    );
    expect(invitationLine(sent, at + 73 * 3600_000)).toMatch(
      /^Invitation sent to d…@clinic\.org .* expired .*: send a new one\.$/,
    );
    const failed = {
      ...sent,
      expiresAt: null,
      error: 'SMTP_UNREACHABLE: The mail server could not be reached.',
    };
    expect(invitationLine(failed, at + 60_000)).toMatch(
      /^Invitation to d…@clinic\.org not sent \(at .*\): SMTP_UNREACHABLE: /,
    );
  });
});
