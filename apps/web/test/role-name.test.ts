import { describe, expect, it } from 'vitest';
import { roleName } from '../src/roles/roleName.ts';

/**
 * One role, one name: a lead renamed the front desk's lane in one workflow to "Front desk & check-in";
 * the front desk's toast, the audit timeline and the access log still say the clinic's role title,
 * "Front desk receptionist", as My work's pool does.
 */
const clinic = (id: string) => ({ 'front-desk': 'Front desk receptionist' })[id];
const lane = (id: string) => ({ 'front-desk': 'Front desk & check-in', 'courier-desk': 'Courier desk' })[id];

describe('a role’s name on the screens staff and auditors read', () => {
  it('is the clinic’s role title, not one workflow’s lane label', () => {
    expect(roleName('front-desk', clinic, lane)).toBe('Front desk receptionist');
  });

  it('is the lane’s label for a role the clinic’s list does not know yet', () => {
    expect(roleName('courier-desk', clinic, lane)).toBe('Courier desk');
  });

  it('is the id in words when no one names it', () => {
    expect(roleName('billing-specialist', clinic, lane)).toBe('Billing specialist');
  });
});
