import {
  canonicalJson,
  type Definition,
  dutiesForFingerprint,
  EMPTY_JOB_TEXT,
  type JobText,
  type RoleChange,
  type RoleDuties,
  roleChange,
  roleChanges,
  roleDuties,
} from '@portalflow/engine';
import { type JobApproval, type JobTextRecord, type Store, sha256Hex, type User } from '@portalflow/store';

/**
 * The role catalog as the server derives it from the published workflows, with job text,
 * sign-offs and holders from the store. Published versions are immutable, so each one is read once
 * per process and kept; only the list of latest versions is read per request.
 */
export interface PublishedWorkflow {
  definition: Definition;
  version: number;
  layout: unknown;
  publishedAt: string;
}

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

export class VersionCache {
  private readonly versions = new Map<string, PublishedWorkflow>();
  constructor(private readonly store: Store) {}

  async get(definitionId: string, version: number): Promise<PublishedWorkflow | null> {
    const key = `${definitionId}@${version}`;
    const hit = this.versions.get(key);
    if (hit) return hit;
    const v = await this.store.getVersion(definitionId, version);
    if (!v) return null;
    const entry = {
      definition: v.definition,
      version: v.version,
      layout: v.layout,
      publishedAt: v.publishedAt,
    };
    if (this.versions.size > 5000) this.versions.clear();
    this.versions.set(key, entry);
    return entry;
  }

  /** The latest published version of every workflow, in the catalog's order (by title). */
  async latest(): Promise<PublishedWorkflow[]> {
    const list = await this.store.listDefinitions();
    const out = await Promise.all(
      list.filter((d) => d.latestVersion !== null).map((d) => this.get(d.id, d.latestVersion!)),
    );
    return out.filter((w): w is PublishedWorkflow => w !== null);
  }
}

const jobTextOf = (r: JobTextRecord | null | undefined): JobText =>
  r
    ? { reportsTo: r.reportsTo, skills: r.skills, languages: r.languages, hours: r.hours }
    : { ...EMPTY_JOB_TEXT };

export function fingerprintOf(duties: RoleDuties, text: JobText): string {
  return sha256Hex(canonicalJson({ duties: dutiesForFingerprint(duties), text }));
}

export async function roleCatalog(store: Store, cache: VersionCache): Promise<RoleEntry[]> {
  const [latest, texts, approvals, users] = await Promise.all([
    cache.latest(),
    store.listJobTexts(),
    store.latestJobApprovals(),
    store.listUsers(),
  ]);
  const duties = roleDuties(latest);
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

/** One published change to a role: what the people holding it must review and practise. */
export interface RoleRefresher {
  definitionId: string;
  title: string;
  version: number;
  previousVersion: number;
  publishedAt: string;
  role: string;
  roleName: string;
  change: RoleChange;
}

/** Every version after the first compared with the one before it; per-pair results never change. */
export class RefresherIndex {
  private readonly pairs = new Map<string, RoleRefresher[]>();
  constructor(
    private readonly store: Store,
    private readonly cache: VersionCache,
  ) {}

  async all(): Promise<RoleRefresher[]> {
    const list = await this.store.listDefinitions();
    const out: RoleRefresher[] = [];
    for (const d of list) {
      for (let v = 2; v <= (d.latestVersion ?? 0); v++) out.push(...(await this.between(d.id, v)));
    }
    return out;
  }

  private async between(definitionId: string, version: number): Promise<RoleRefresher[]> {
    const key = `${definitionId}@${version}`;
    const hit = this.pairs.get(key);
    if (hit) return hit;
    const [before, after] = await Promise.all([
      this.cache.get(definitionId, version - 1),
      this.cache.get(definitionId, version),
    ]);
    if (!before || !after) return [];
    const a = roleDuties([before]);
    const b = roleDuties([after]);
    const refreshers = Object.values(roleChanges(a, b)).map((change) => ({
      definitionId,
      title: after.definition.title,
      version,
      previousVersion: version - 1,
      publishedAt: after.publishedAt,
      role: change.roleId,
      roleName: b[change.roleId]?.name ?? a[change.roleId]?.name ?? change.roleId,
      change,
    }));
    this.pairs.set(key, refreshers);
    return refreshers;
  }
}
