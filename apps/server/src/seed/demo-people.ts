/**
 * The demo's staff, one person per role, with people's names: a screen that says "Keisha Brown is
 * working on it" reads as a clinic does, where a role's name as a person's ("Medical assistant (care-team
 * pool) is working on it") reads as if the pool held the task. Usernames stay the role ids, so the
 * README's sign-in list still works.
 */
export const DEMO_PEOPLE: Readonly<Record<string, string>> = {
  admin: 'Chris Howard',
  lead: 'Morgan Diaz',
  auditor: 'Pat Kim',
  'portal-enrollment-specialist': 'Priya Nair',
  'front-desk': 'Dana Whitfield',
  'front-office-supervisor': 'Marcus Bell',
  'medical-assistant': 'Keisha Brown',
  'triage-nurse': 'Tom Alvarez',
  'nurse-manager': 'Grace Okafor',
  provider: 'Dr. Ellen Park',
  'medical-director': 'Dr. Samuel Reyes',
  'refill-coordinator': 'Hannah Lee',
  'medical-records': 'Omar Haddad',
  'practice-manager': 'Linda Novak',
  'billing-specialist': 'Jorge Ramos',
  'billing-supervisor': 'Beth Carter',
  scheduler: 'Amy Nguyen',
  'it-help-desk': 'Kevin Walsh',
  'it-lead': 'Nadia Petrov',
};

/** A demo person's name: theirs when the demo has one, else what the role is called. */
export const demoPersonName = (username: string, fallback: string) => DEMO_PEOPLE[username] ?? fallback;
