/** What naming a person needs of a directory entry. */
export interface NamedPerson {
  id: string;
  username: string;
  displayName: string;
  /** A disabled account stays in the directory, its name marked, so what it did still names it. */
  disabled?: boolean;
}

/**
 * Each person's name as screens show it: the display name alone, with the username added when two
 * people share that name (so "Jane Doe (jdoe)" and "Jane Doe (jdoe2)" can be told apart without ids).
 */
export function displayNames(people: readonly NamedPerson[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const p of people) count.set(p.displayName, (count.get(p.displayName) ?? 0) + 1);
  return new Map(
    people.map((p) => {
      const name = (count.get(p.displayName) ?? 0) > 1 ? `${p.displayName} (${p.username})` : p.displayName;
      return [p.id, p.disabled ? `${name} (disabled)` : name];
    }),
  );
}
