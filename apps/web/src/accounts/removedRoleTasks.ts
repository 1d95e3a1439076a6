/**
 * Taking a role from a person sends the open tasks they hold in it back to the role's pool (the server
 * does it in the same save): the admin reads beforehand how many, so no work is lost without them knowing.
 */

/** The roles a person had that the new list no longer has. */
export function removedRoles(before: readonly string[], picked: readonly string[]): string[] {
  return before.filter((r) => !picked.includes(r));
}

/** How many open tasks the person holds in the removed roles. */
export function heldInRemoved(byRole: Readonly<Record<string, number>>, removed: readonly string[]): number {
  return removed.reduce((sum, role) => sum + (byRole[role] ?? 0), 0);
}

/** What the admin reads under the roles before saving, with the removed roles by name. */
export function removedRoleTasksText(name: string, open: number, roleNames: readonly string[]): string {
  const as = `as ${roleNames.join(' or ')}`;
  if (open === 0) return `${name} holds no open tasks ${as}.`;
  const pools = roleNames.length === 1 ? 'their pool' : 'their pools';
  if (open === 1) return `${name} holds 1 open task ${as}; saving sends it back to its pool.`;
  return `${name} holds ${open} open tasks ${as}; saving sends them back to ${pools}.`;
}
