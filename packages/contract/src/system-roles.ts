/**
 * The product's own roles as every screen, export and message names them. The Operations lead's id is
 * `designer`; no clinic workflow names these, so the clinic's role list has no title for them.
 */
export const SYSTEM_ROLE_TITLES = {
  admin: 'Admin',
  designer: 'Operations lead',
  auditor: 'Auditor',
  'break-glass': 'Emergency access',
} as const;

/** A product role's title, or undefined for a clinic role (its title is the clinic's). */
export function systemRoleTitle(id: string): string | undefined {
  return Object.hasOwn(SYSTEM_ROLE_TITLES, id)
    ? SYSTEM_ROLE_TITLES[id as keyof typeof SYSTEM_ROLE_TITLES]
    : undefined;
}
