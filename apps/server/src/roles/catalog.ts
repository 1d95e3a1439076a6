import {
  canonicalJson,
  dutiesForFingerprint,
  EMPTY_JOB_TEXT,
  type JobText,
  type RoleChange,
  type RoleDuties,
  roleChange,
} from '@portalflow/engine';
import {
  type AuthPort,
  type JobApproval,
  type JobTextRecord,
  type RolePort,
  sha256Hex,
  type User,
} from '@portalflow/store';
import type { DefinitionCache } from '../definitions/cache.ts';
import { dutiesInUse } from './duties-in-use.ts';

/**
 * The role catalog as the server derives it from the published workflows in use (read through the app's
 * one definition cache; retired ones are no one's work), with job text, sign-offs and holders from the store.
 */
export type ApprovalState = 'approved' | 'needs-reapproval' | 'not-approved';

export interface RoleEntry {
  duties: RoleDuties;
  text: JobText;
  textRevision: number;
  fingerprint: string;
  approval: JobApproval | null;
  state: ApprovalState;
  /** What changed since the last sign-off (null when approved or never approved). */
  changes: RoleChange | null;
  textChanged: boolean;
  holders: Array<{ id: string; username: string; displayName: string }>;
  approverName: string | null;
}

const jobTextOf = (r: JobTextRecord | null | undefined): JobText =>
  r
    ? { reportsTo: r.reportsTo, skills: r.skills, languages: r.languages, hours: r.hours }
    : { ...EMPTY_JOB_TEXT };

export function fingerprintOf(duties: RoleDuties, text: JobText): string {
  return sha256Hex(canonicalJson({ duties: dutiesForFingerprint(duties), text }));
}

export async function roleCatalog(
  store: RolePort & Pick<AuthPort, 'listUsers'>,
  cache: DefinitionCache,
): Promise<RoleEntry[]> {
  const [duties, texts, approvals, users] = await Promise.all([
    dutiesInUse(cache),
    store.listJobTexts(),
    store.latestJobApprovals(),
    store.listUsers(),
  ]);
  const nameOf = (id: string) => duties[id]?.name ?? id;
  return Object.values(duties).map((d) => {
    const record = texts.find((t) => t.roleId === d.roleId);
    const text = jobTextOf(record);
    const fingerprint = fingerprintOf(d, text);
    const approval = approvals.find((a) => a.roleId === d.roleId) ?? null;
    const state: ApprovalState = !approval
      ? 'not-approved'
      : approval.fingerprint === fingerprint
        ? 'approved'
        : 'needs-reapproval';
    let changes: RoleChange | null = null;
    let textChanged = false;
    if (approval && state === 'needs-reapproval') {
      changes = roleChange(d.roleId, approval.duties as RoleDuties, d, nameOf);
      textChanged = canonicalJson(approval.jobText) !== canonicalJson(text);
    }
    return {
      duties: d,
      text,
      textRevision: record?.revision ?? 0,
      fingerprint,
      approval,
      state,
      changes,
      textChanged,
      holders: holdersOf(users, d.roleId),
      approverName: approval
        ? (users.find((u) => u.id === approval.approvedBy)?.displayName ?? approval.approvedBy)
        : null,
    };
  });
}

export function holdersOf(users: User[], roleId: string) {
  return users
    .filter((u) => !u.disabled && u.roles.includes(roleId))
    .map(({ id, username, displayName }) => ({ id, username, displayName }));
}
