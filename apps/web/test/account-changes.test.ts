import { describe, expect, it } from 'vitest';
import type { AccountChange } from '../src/accounts/api.ts';
import { changeFrom, changeLabel, changeTo } from '../src/accounts/changes.ts';

const change = (what: string, oldValue: string | null, newValue: string | null): AccountChange => ({
  id: 1,
  at: '2026-03-02T10:00:00.000Z',
  actorId: 'a',
  actorName: 'Clinic admin',
  userId: 'u',
  userName: 'Jane Doe',
  what,
  oldValue,
  newValue,
});
const titles = (id: string) => ({ 'medical-assistant': 'Medical assistant', auditor: 'Auditor' })[id];

describe('the account change history in words', () => {
  it('says what an account was created with, in words with role titles', () => {
    const created = change(
      'created',
      null,
      JSON.stringify({ username: 'jdoe', displayName: 'Jane Doe', roles: ['medical-assistant'] }),
    );
    expect(changeTo(created, titles)).toBe('Username jdoe, name Jane Doe, roles Medical assistant');
    const imported = change(
      'created',
      null,
      JSON.stringify({ username: 'pat', displayName: 'Pat', roles: [], via: 'staff list' }),
    );
    expect(changeTo(imported, titles)).toBe('Username pat, name Pat, no roles, from the staff list');
    const sso = change(
      'created',
      null,
      JSON.stringify({ username: 'sam', displayName: 'Sam', roles: ['auditor', 'front-desk'], via: 'sso' }),
    );
    expect(changeTo(sso, titles)).toBe(
      'Username sam, name Sam, roles Auditor, Front desk, by single sign-on',
    );
  });

  it('names roles by title before and after', () => {
    const roles = change('roles', '["medical-assistant"]', '["auditor","medical-assistant"]');
    expect(changeFrom(roles, titles)).toBe('Medical assistant');
    expect(changeTo(roles, titles)).toBe('Auditor, Medical assistant');
    expect(changeTo(change('roles', '["auditor"]', '[]'), titles)).toBe('none');
  });

  it('keeps other values plain', () => {
    expect(changeTo(change('display-name', '"Jane"', '"Jane Doe"'), titles)).toBe('Jane Doe');
    expect(changeFrom(change('password', null, '"set by an admin"'), titles)).toBe('—');
  });

  it('says an account was disabled or enabled, active → disabled and back', () => {
    const disabled = change('disabled', 'false', 'true');
    expect([changeLabel(disabled), changeFrom(disabled, titles), changeTo(disabled, titles)]).toEqual([
      'Account disabled',
      'active',
      'disabled',
    ]);
    const enabled = change('disabled', 'true', 'false');
    expect([changeLabel(enabled), changeFrom(enabled, titles), changeTo(enabled, titles)]).toEqual([
      'Account enabled',
      'disabled',
      'active',
    ]);
  });

  it('says where a work email, an invitation and a reset email went, or why not', () => {
    const email = change('email', '"old@clinic.org"', '"new@clinic.org"');
    expect([changeLabel(email), changeFrom(email, titles), changeTo(email, titles)]).toEqual([
      'Work email',
      'old@clinic.org',
      'new@clinic.org',
    ]);
    const sent = change(
      'invitation',
      null,
      JSON.stringify({ to: 'dana@clinic.org', expiresAt: '2026-03-05T10:00:00.000Z' }),
    );
    expect([changeLabel(sent), changeTo(sent, titles)]).toEqual([
      'Invitation emailed',
      'sent to dana@clinic.org',
    ]);
    const failed = change(
      'password-reset-email',
      null,
      JSON.stringify({
        to: 'dana@clinic.org',
        error: 'SMTP_TIMEOUT: The mail server did not answer in time.',
      }),
    );
    expect([changeLabel(failed), changeTo(failed, titles)]).toEqual([
      'Password reset emailed',
      'not sent to dana@clinic.org: SMTP_TIMEOUT: The mail server did not answer in time.',
    ]);
  });
});
