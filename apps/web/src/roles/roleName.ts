import { type RoleNames, roleTitle } from '../audit/roleTitle.ts';

const unnamed: RoleNames = () => undefined;

/**
 * The name staff and auditors read for a role: the clinic's role title (the Roles page, My work's
 * pools), whatever one workflow's lane calls it. A lane's label belongs to its diagram: a lead who
 * renames the front desk's lane to "Front desk & check-in" relabels that drawing, not the role, so the
 * toast beside the pool named "Front desk receptionist", the audit timeline and the access log keep
 * that one name. A lane's label names a role only when the clinic's list does not know it yet (a
 * workflow not yet published); then the product's own roles (Auditor), else the id in words.
 */
export function roleName(id: string, clinic: RoleNames, lane?: RoleNames, product?: RoleNames): string {
  return roleTitle(id, clinic, lane ?? unnamed, product ?? unnamed);
}
