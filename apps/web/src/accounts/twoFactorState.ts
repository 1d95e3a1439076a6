import { formatWhen } from '../shell/time.ts';
import type { Person } from './api.ts';

type TwoFactorOf = Pick<Person, 'twoFactor' | 'twoFactorReset'>;

/**
 * Where a person's two-factor sign-in stands, in words: set up, not set up, or waiting for them to set
 * it up again after an admin reset it (who, when) — so an admin sees what a reset did, and why it
 * cannot be reset again yet.
 */
function state(person: TwoFactorOf): string {
  if (person.twoFactor) return 'set up';
  const reset = person.twoFactorReset;
  if (!reset) return 'not set up';
  return `waiting for setup (reset by ${reset.byName ?? 'an admin'} ${formatWhen(reset.at)})`;
}

/**
 * The people table's Two-factor column: where it stands, then, after a reset, who reset it and when on a
 * line of its own ("Waiting for setup" over "Reset by Chris Howard, Today 1:25 PM"), so a narrow column
 * breaks between the two rather than inside the time.
 */
export function twoFactorCell(person: TwoFactorOf): {
  state: string;
  reset: { by: string; at: string } | null;
} {
  const reset = !person.twoFactor ? person.twoFactorReset : null;
  if (!reset) {
    const words = state(person);
    return { state: words.charAt(0).toUpperCase() + words.slice(1), reset: null };
  }
  return { state: 'Waiting for setup', reset: { by: reset.byName ?? 'an admin', at: formatWhen(reset.at) } };
}

/** The line beside a person's Reset two-factor button. */
export const twoFactorLine = (person: TwoFactorOf): string => `Two-factor: ${state(person)}`;
