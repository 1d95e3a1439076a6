import { describe, expect, it } from 'vitest';
import { enableProblem, rolesProblem } from '../src/accounts/roleRequired.ts';

const RULE = 'An active account needs at least one role; to stop someone’s access, disable the account';

describe('an active account keeps at least one role', () => {
  it('says so before Save when every role of an active account is taken away', () => {
    expect(rolesProblem([], false)).toBe(RULE);
    expect(rolesProblem(['front-desk'], false)).toBeNull();
  });

  it('a disabled account may have none, but is given a role before it is enabled again', () => {
    expect(rolesProblem([], true)).toBeNull();
    expect(enableProblem([])).toBe('Give them a role first: an active account needs at least one role');
    expect(enableProblem(['front-desk'])).toBeNull();
  });
});
