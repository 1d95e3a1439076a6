import { USERNAME_RULE, Username, WorkEmail } from '@portalflow/contract';
import { ApiError } from '../api/client.ts';
import { fieldProblem } from '../forms/fieldProblems.ts';

/** The fields of "Add a person" that can be wrong. */
export type PersonField = 'username' | 'displayName' | 'password' | 'roles' | 'email';
export type PersonErrors = Partial<Record<PersonField, string>>;

export interface PersonValues {
  username: string;
  /** An invitation emailed to them, a one-time code they redeem, or a password set now. */
  how: 'email' | 'code' | 'password';
  password: string;
  /** The work email address (optional, unless the invitation is emailed). */
  email: string;
  /** The roles picked: a new account is active, and an active account needs one (ROLE_REQUIRED). */
  roles: readonly string[];
}

/** The password rule's length; the server checks the rest (common passwords, runs) and names what fails. */
const MIN_PASSWORD_LENGTH = 12;

/** The username hint, in the words of the rule the server checks. */
export const USERNAME_HINT = `${USERNAME_RULE}; used to sign in`;

/** What is missing or wrong, by field, in the app's own words (as other forms say it); empty when it can be sent. */
export function checkPerson(values: PersonValues): PersonErrors {
  const errors: PersonErrors = {};
  const username = values.username.trim();
  if (username === '') errors.username = 'Username is required';
  else if (!Username.safeParse(username).success) errors.username = `Username must be ${USERNAME_RULE}`;
  const email = values.email.trim();
  if (email === '' && values.how === 'email')
    errors.email = 'Type their work email address: the invitation is emailed there';
  else if (email !== '' && !WorkEmail.safeParse(email).success)
    errors.email = 'That is not an email address (name@clinic.org)';
  if (values.roles.length === 0) errors.roles = 'Pick at least one role: what this person does in the clinic';
  if (values.how === 'password') {
    if (values.password === '') errors.password = 'Password is required';
    else if ([...values.password].length < MIN_PASSWORD_LENGTH)
      errors.password = `Password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  return errors;
}

/** The server's refusal on the field it is about, or above the form (field null). */
export function personRefusal(error: unknown): { field: PersonField | null; message: string } {
  if (!(error instanceof ApiError)) return { field: null, message: 'Could not reach the server' };
  // A field the form let through and the server refused: its words go under that field.
  for (const field of ['username', 'displayName', 'email', 'roles', 'password'] as const) {
    const problem = fieldProblem(error, field);
    if (problem) return { field, message: problem };
  }
  if (error.code === 'USERNAME_TAKEN') return { field: 'username', message: error.message };
  if (error.code === 'PASSWORD_TOO_WEAK') return { field: 'password', message: error.message };
  if (error.code === 'ROLE_REQUIRED') return { field: 'roles', message: error.message };
  if (error.code === 'EMAIL_NOT_CONFIGURED')
    return {
      field: 'email',
      message: 'This server sends no email (no mail server is set up): give a one-time code instead',
    };
  return { field: null, message: error.message };
}
