/** The versions a refresher covers, in words: "version 3", "versions 2 and 3", "versions 2 to 5". */
export function versionsSince(previousVersion: number, version: number): string {
  const first = previousVersion + 1;
  if (first >= version) return `version ${version}`;
  if (first + 1 === version) return `versions ${first} and ${version}`;
  return `versions ${first} to ${version}`;
}
