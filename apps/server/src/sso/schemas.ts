import { z } from 'zod';

/** Request and response shapes of the single sign-on routes, in one place. */

const groupName = z.string().trim().min(1).max(256);
const roleName = z.string().trim().min(1).max(100);

/** One provider group and the roles it gives. */
export const GroupRoles = z.object({ group: groupName, roles: z.array(roleName).max(50) }).strict();

/** The whole mapping, replacing what was there. */
export const SsoGroupsBody = z
  .object({ mapping: z.array(GroupRoles).max(500) })
  .strict()
  .refine((b) => new Set(b.mapping.map((m) => m.group)).size === b.mapping.length, {
    message: 'Each group may appear once',
    path: ['mapping'],
  });
export type SsoGroupsBody = z.infer<typeof SsoGroupsBody>;

export const SsoMappingChangeView = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  oldValue: z.string(),
  newValue: z.string(),
});

export const SsoGroupsView = z.object({
  /** Null when single sign-on is off (the mapping can still be prepared). */
  provider: z.object({ name: z.string(), groupsClaim: z.string() }).nullable(),
  mapping: z.array(GroupRoles),
  changes: z.array(SsoMappingChangeView),
});
export type SsoGroupsView = z.infer<typeof SsoGroupsView>;
