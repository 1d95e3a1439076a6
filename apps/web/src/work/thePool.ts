/**
 * A role's pool in a sentence: "the Front desk receptionist pool". Some clinics put the word in the
 * role's title ("Medical assistant (care-team pool)"); that title is said as it is, not given a second "pool".
 */
export function thePool(roleName: string): string {
  return /\bpool\b/i.test(roleName) ? `the ${roleName}` : `the ${roleName} pool`;
}
