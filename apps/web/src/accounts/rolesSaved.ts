/**
 * What an admin hears after saving a person's roles. The person stays signed in and works with the new
 * roles from their next step (what they typed stays); only a role that needs two-factor sign-in signs
 * out someone who has not set it up, so they set it up at their next sign-in.
 */
export function rolesSavedText(name: string, twoFactor: boolean): string {
  const stays = `${name} stays signed in and works with the new roles from their next step.`;
  return twoFactor
    ? `Roles changed. ${stays}`
    : `Roles changed. ${stays} If a new role needs two-factor sign-in, they are signed out to set it up.`;
}
