import { USERNAME_RULE, Username } from '@portalflow/contract';
import { describe, expect, it } from 'vitest';
import { checkPerson, personRefusal } from '../src/accounts/personForm.ts';
import { ApiError } from '../src/api/client.ts';

const person = {
  username: 'ma-second',
  how: 'code' as 'code' | 'email' | 'password',
  password: '',
  email: '',
  roles: ['medical-assistant'],
};

describe('adding a person', () => {
  it('the hint says exactly what the username rule allows', () => {
    // Every kind of character the hint names is allowed, and nothing it leaves out.
    for (const name of ['ma.second', 'ma_second', 'ma-second', 'ma2', '2ma', 'ab']) {
      expect(Username.safeParse(name).success, name).toBe(true);
      expect(checkPerson({ ...person, username: name })).toEqual({});
    }
    for (const name of ['Ma', 'ma second', '_ma', '.ma', '-ma', 'a', 'm'.repeat(65), 'maría'])
      expect(Username.safeParse(name).success, name).toBe(false);
    expect(USERNAME_RULE).toBe(
      '2 to 64 lowercase letters, digits, dots (.), underscores (_) and dashes (-), starting with a letter or digit',
    );
  });

  it("says what is missing or wrong in the app's own words", () => {
    expect(checkPerson({ ...person, username: '  ' })).toEqual({ username: 'Username is required' });
    expect(checkPerson({ ...person, username: 'Maria Second' })).toEqual({
      username: `Username must be ${USERNAME_RULE}`,
    });
    expect(checkPerson({ ...person, how: 'password', password: '' })).toEqual({
      password: 'Password is required',
    });
    expect(checkPerson({ ...person, how: 'password', password: 'short one' })).toEqual({
      password: 'Password must have at least 12 characters',
    });
    // A new account is active, and an active account works in at least one role.
    expect(checkPerson({ ...person, roles: [] })).toEqual({
      roles: 'Pick at least one role: what this person does in the clinic',
    });
    // A password is asked for only when one is set now.
    expect(checkPerson({ ...person, how: 'code', password: '' })).toEqual({});
    // An address is asked for only when the invitation is emailed; one typed must be an address.
    expect(checkPerson({ ...person, how: 'email' })).toEqual({
      email: 'Type their work email address: the invitation is emailed there',
    });
    expect(checkPerson({ ...person, how: 'email', email: 'dana@clinic.org' })).toEqual({});
    expect(checkPerson({ ...person, email: 'dana at clinic' })).toEqual({
      email: 'That is not an email address (name@clinic.org)',
    });
  });

  it("puts the server's refusal on the field it is about", () => {
    expect(personRefusal(new ApiError(409, 'USERNAME_TAKEN', "The username 'ma' is taken"))).toEqual({
      field: 'username',
      message: "The username 'ma' is taken",
    });
    expect(
      personRefusal(new ApiError(400, 'PASSWORD_TOO_WEAK', 'This password is too weak: it is common.')),
    ).toEqual({ field: 'password', message: 'This password is too weak: it is common.' });
    expect(
      personRefusal(new ApiError(409, 'ROLE_REQUIRED', 'A new account needs at least one role')),
    ).toEqual({
      field: 'roles',
      message: 'A new account needs at least one role',
    });
    expect(personRefusal(new ApiError(400, 'VALIDATION_FAILED', 'roles: too many'))).toEqual({
      field: null,
      message: 'roles: too many',
    });
    // A field the server names goes under that field, in its words without the label it already has.
    const refused = new ApiError(
      400,
      'VALIDATION_FAILED',
      'Full name: at most 200 characters (you sent 239)',
      {},
      [
        {
          path: 'displayName',
          field: 'Full name',
          message: 'Full name: at most 200 characters (you sent 239)',
        },
      ],
    );
    expect(personRefusal(refused)).toEqual({
      field: 'displayName',
      message: 'At most 200 characters (you sent 239)',
    });
    expect(personRefusal(new TypeError('Failed to fetch'))).toEqual({
      field: null,
      message: 'Could not reach the server',
    });
  });
});
