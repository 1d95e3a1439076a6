import type { ChangeItem, JobDescription, JobText, RoleChange, RoleDuties } from '@portalflow/engine';

/** Shapes of /api/roles and /api/refreshers (see /api/openapi.json). */
export type ApprovalState = 'approved' | 'needs-reapproval' | 'not-approved';

export interface Holder {
  id: string;
  username: string;
  displayName: string;
}

export interface RoleSummary {
  id: string;
  name: string;
  department: string;
  description: string;
  holders: Holder[];
  state: ApprovalState;
  approvedAt: string | null;
  approvedBy: string | null;
  counts: { workflows: number; steps: number; escalations: number; changes: number };
}

export interface RoleDetail {
  role: RoleSummary;
  duties: RoleDuties;
  text: JobText;
  textRevision: number;
  fingerprint: string;
  changes: RoleChange | null;
  textChanged: boolean;
  approvedText: JobText | null;
  jobDescription: JobDescription;
}

export interface ChangeRefresher {
  definitionId: string;
  title: string;
  version: number;
  previousVersion: number;
  publishedAt: string;
  role: string;
  roleName: string;
  change: RoleChange;
}

export interface RefresherProgress {
  acknowledgedAt: string | null;
  practiceDoneAt: string | null;
  done: boolean;
}

export interface PeriodicRefresher {
  scheduleId: string;
  role: string | null;
  definitionId: string;
  title: string;
  everyDays: number;
  lastDoneAt: string | null;
  dueAt: string;
  due: boolean;
}

export interface MyRefreshers {
  changes: Array<ChangeRefresher & RefresherProgress>;
  periodic: PeriodicRefresher[];
}

export interface RefresherOverview {
  changes: Array<ChangeRefresher & { people: Array<Holder & RefresherProgress> }>;
  schedules: Array<{
    id: string;
    role: string | null;
    roleName: string | null;
    definitionId: string | null;
    title: string | null;
    everyDays: number;
    createdAt: string;
    people: Array<Holder & Omit<PeriodicRefresher, 'title'>>;
  }>;
}

export type { ChangeItem, RoleChange };
