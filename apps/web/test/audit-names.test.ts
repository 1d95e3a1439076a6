import { describe, expect, it } from 'vitest';
import { displayNames } from '../src/audit/personNames.ts';
import { roleTitle, roleTitles } from '../src/audit/roleTitle.ts';

describe('role titles', () => {
  const workflow = (id: string) => (id === 'refill-coordinator' ? 'Pharmacy refill coordinator' : undefined);
  const clinic = (id: string) =>
    ({ 'front-desk': 'Front desk receptionist', designer: 'Operations lead' })[id];

  it('takes the first title known, and never shows a role id', () => {
    expect(roleTitle('refill-coordinator', workflow, clinic)).toBe('Pharmacy refill coordinator');
    // A role the workflow does not name (the front desk starts requests) is named by the clinic's catalog.
    expect(roleTitle('front-desk', workflow, clinic)).toBe('Front desk receptionist');
    // Unknown to both: the id in words, not "as front-desk".
    expect(roleTitle('billing-specialist', workflow, clinic)).toBe('Billing specialist');
  });

  it('names each of the roles an access was made in', () => {
    const title = (id: string) => roleTitle(id, clinic);
    expect(roleTitles('front-desk,designer', title)).toBe('Front desk receptionist, Operations lead');
    expect(roleTitles('', title)).toBe('—');
    expect(roleTitles(null, title)).toBe('—');
  });
});

describe('people by name', () => {
  it('shows a name only, adding the username when two people share it', () => {
    const names = displayNames([
      { id: 'u1', username: 'fdesk', displayName: 'Front desk receptionist' },
      { id: 'u2', username: 'jdoe', displayName: 'Jane Doe' },
      { id: 'u3', username: 'jdoe2', displayName: 'Jane Doe' },
    ]);
    expect(names.get('u1')).toBe('Front desk receptionist');
    expect(names.get('u2')).toBe('Jane Doe (jdoe)');
    expect(names.get('u3')).toBe('Jane Doe (jdoe2)');
    expect(names.get('u4')).toBeUndefined();
  });
});
