/**
 * What an admin hears after saving a person's roles. The person stays signed in and works with the new
 * roles from their next step (what they typed stays); only a role that needs two-factor sign-in signs
 * out someone who has not set it up, so they set it up at their next sign-in.
 */
export function rolesSavedText(name: string, twoFactor: boolean, returned = 0): string {
  const stays = `${name} stays signed in and works with the new roles from their next step.`;
  // The open tasks they held in a role taken away went back to its pool in the same save.
  const changed =
    returned === 0
      ? 'Roles changed.'
      : returned === 1
        ? 'Roles changed; 1 open task went back to its pool.'
        : `Roles changed; ${returned} open tasks went back to their pools.`;
  return twoFactor
    ? `${changed} ${stays}`
    : `${changed} ${stays} If a new role needs two-factor sign-in, they are signed out to set it up.`;
}
