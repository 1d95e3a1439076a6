/** Records and store methods for job descriptions, sign-offs and refresher training. */

export interface JobTextRecord {
  roleId: string;
  reportsTo: string;
  skills: string;
  languages: string;
  hours: string;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface JobApproval {
  id: string;
  roleId: string;
  fingerprint: string;
  /** The derived duties that were approved, so a later change can be shown against them. */
  duties: unknown;
  jobText: { reportsTo: string; skills: string; languages: string; hours: string };
  approvedBy: string;
  approvedAt: string;
}

export interface RefresherAcknowledgement {
  userId: string;
  definitionId: string;
  version: number;
  role: string;
  at: string;
}

export interface RefresherSchedule {
  id: string;
  role: string | null;
  definitionId: string | null;
  everyDays: number;
  createdBy: string | null;
  createdAt: string;
}

/** A practice run a person finished: the latest one per workflow version. */
export interface PracticeCompletion {
  userId: string;
  definitionId: string;
  version: number;
  doneAt: string;
}

/** When a person got one of their roles (null: held since before this was recorded, and their account). */
export interface RoleAssignment {
  userId: string;
  role: string;
  assignedAt: string | null;
}

export interface SaveJobTextInput {
  roleId: string;
  reportsTo: string;
  skills: string;
  languages: string;
  hours: string;
  /** 0 when there is none yet; else the revision read. */
  expectedRevision: number;
  updatedBy: string;
  at?: string;
}

export type SaveJobTextResult =
  | { ok: true; text: JobTextRecord }
  | { ok: false; current: JobTextRecord | null };

export interface RoleSignOffStore {
  getJobText(roleId: string): Promise<JobTextRecord | null>;
  listJobTexts(): Promise<JobTextRecord[]>;
  /** Refused when someone saved since `expectedRevision` (no last-save-wins). */
  saveJobText(input: SaveJobTextInput): Promise<SaveJobTextResult>;
  addJobApproval(input: Omit<JobApproval, 'id'>): Promise<JobApproval>;
  /** The latest sign-off of each role. */
  latestJobApprovals(): Promise<JobApproval[]>;
  /** Records that a person read what changed for one of their roles; repeated calls keep the first time. */
  acknowledgeRefresher(input: RefresherAcknowledgement): Promise<RefresherAcknowledgement>;
  listRefresherAcknowledgements(query?: { userId?: string }): Promise<RefresherAcknowledgement[]>;
  /** Finished practice instances (practice = 1, status done), latest per person and version. */
  listPracticeCompletions(query?: { userId?: string }): Promise<PracticeCompletion[]>;
  /** The roles people hold now and when each was given (a refresher starts from the version current then). */
  listRoleAssignments(query?: { userId?: string }): Promise<RoleAssignment[]>;
  addRefresherSchedule(input: Omit<RefresherSchedule, 'id'>): Promise<RefresherSchedule>;
  listRefresherSchedules(): Promise<RefresherSchedule[]>;
  deleteRefresherSchedule(id: string): Promise<boolean>;
}
