/** The role's title already says pool ("Medical assistant (care-team pool)"): it is not given a second one. */
const saysPool = (roleName: string) => /\bpool\b/i.test(roleName);

/** A role's pool as a name: "Front desk receptionist pool", "Medical assistant (care-team pool)". */
export function poolName(roleName: string): string {
  return saysPool(roleName) ? roleName : `${roleName} pool`;
}

/**
 * A role's pool in a sentence: "the Front desk receptionist pool". Some clinics put the word in the
 * role's title ("Medical assistant (care-team pool)"); that title is said as it is, not given a second "pool".
 */
export function thePool(roleName: string): string {
  return `the ${poolName(roleName)}`;
}

/** What a screen reader hears after a pool folder's name so it is heard as a pool; nothing when the name says so. */
export function poolSuffix(roleName: string): string {
  return saysPool(roleName) ? '' : ' pool';
}

/** A pool folder's heading: "Front desk receptionist pool", marked when the person only plays it for practice. */
export function poolFolderName(roleName: string, playedForPractice = false): string {
  return `${poolName(roleName)}${playedForPractice ? ' (played for practice)' : ''}`;
}
