import { describe, expect, it } from 'vitest';
import { roleLabel } from '../src/work/format.ts';

// The product's own roles have no title in the clinic's role list: the reassign picker named the
// Operations lead "Designer", from its id.
describe('a role named without the clinic list', () => {
  it('names the product roles by their titles', () => {
    expect(roleLabel('designer')).toBe('Operations lead');
    expect(roleLabel('break-glass')).toBe('Emergency access');
    expect(roleLabel('admin')).toBe('Admin');
  });
  it('names a clinic role by its id in words, and no role as such', () => {
    expect(roleLabel('triage-nurse')).toBe('Triage nurse');
    expect(roleLabel(null)).toBe('No role');
    expect(roleLabel('constructor')).toBe('Constructor');
  });
});
