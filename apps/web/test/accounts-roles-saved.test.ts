import { describe, expect, it } from 'vitest';
import { rolesSavedText } from '../src/accounts/rolesSaved.ts';

describe('what an admin hears after saving roles', () => {
  it('the person stays signed in; without two-factor sign-in, a role that needs it signs them out', () => {
    expect(rolesSavedText('Sam Lee', true)).toBe(
      'Roles changed. Sam Lee stays signed in and works with the new roles from their next step.',
    );
    const without = rolesSavedText('Sam Lee', false);
    expect(without).toContain('Sam Lee stays signed in');
    expect(without).toContain('If a new role needs two-factor sign-in, they are signed out to set it up.');
    expect(without).not.toMatch(/sessions were signed out/);
  });
});
