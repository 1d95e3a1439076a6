import { describe, expect, it } from 'vitest';
import { heldInRemoved, removedRoles, removedRoleTasksText } from '../src/accounts/removedRoleTasks.ts';
import { rolesSavedText } from '../src/accounts/rolesSaved.ts';

describe('taking a role away, in words', () => {
  it('finds the roles the new list takes away, and what the person holds in them', () => {
    expect(removedRoles(['refill-coordinator', 'medical-assistant'], ['medical-assistant'])).toEqual([
      'refill-coordinator',
    ]);
    expect(removedRoles(['medical-assistant'], ['medical-assistant', 'front-desk'])).toEqual([]);
    const byRole = { 'refill-coordinator': 2, 'medical-assistant': 1 };
    expect(heldInRemoved(byRole, ['refill-coordinator'])).toBe(2);
    expect(heldInRemoved(byRole, ['front-desk'])).toBe(0);
  });

  it('says before saving how many open tasks go back to the pool', () => {
    const role = ['Pharmacy refill coordinator'];
    expect(removedRoleTasksText('Hannah Lee', 2, role)).toBe(
      'Hannah Lee holds 2 open tasks as Pharmacy refill coordinator; saving sends them back to their pool.',
    );
    expect(removedRoleTasksText('Hannah Lee', 1, role)).toBe(
      'Hannah Lee holds 1 open task as Pharmacy refill coordinator; saving sends it back to its pool.',
    );
    expect(removedRoleTasksText('Hannah Lee', 0, role)).toBe(
      'Hannah Lee holds no open tasks as Pharmacy refill coordinator.',
    );
    expect(removedRoleTasksText('Hannah Lee', 3, ['Pharmacy refill coordinator', 'Medical assistant'])).toBe(
      'Hannah Lee holds 3 open tasks as Pharmacy refill coordinator or Medical assistant; saving sends them back to their pools.',
    );
  });

  it('says after saving how many went back', () => {
    expect(rolesSavedText('Hannah Lee', true, 2)).toBe(
      'Roles changed; 2 open tasks went back to their pools. Hannah Lee stays signed in and works with the new roles from their next step.',
    );
    expect(rolesSavedText('Hannah Lee', true, 1)).toMatch(
      /^Roles changed; 1 open task went back to its pool\. /,
    );
    expect(rolesSavedText('Hannah Lee', true, 0)).toMatch(/^Roles changed\. Hannah Lee stays/);
  });
});
