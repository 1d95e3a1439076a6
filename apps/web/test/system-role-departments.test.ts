import { describe, expect, it } from 'vitest';
import { SYSTEM_ROLES } from '../src/accounts/api.ts';
import { roleOptions } from '../src/accounts/CreatePerson.tsx';

/**
 * The roles picker shows each role as "name · department". The product's own roles (admin, operations
 * lead, auditor, emergency access) belong to no clinic department by the product's name: they say a
 * department a clinic manager recognises, or none.
 */
describe('system roles in the roles picker', () => {
  it('never name the product as a department', () => {
    for (const option of roleOptions(SYSTEM_ROLES)) expect(option.label).not.toMatch(/portalflow/i);
  });

  it('reads as a clinic would say it', () => {
    expect(roleOptions(SYSTEM_ROLES).map((o) => o.label)).toEqual([
      'Admin · Practice management',
      'Operations lead · Practice management',
      'Auditor · Compliance',
      'Emergency access',
    ]);
  });
});
