/** The clinic's calendar as last saved in the app. The value is JSON the server checks before saving. */
export interface StoredClinicCalendar {
  value: unknown;
  /** 1 for the first save, then one more each save. */
  revision: number;
  updatedBy: string;
  updatedAt: string;
}

/** One save of the clinic calendar, old → new. Append-only. */
export interface ClinicCalendarChange {
  revision: number;
  at: string;
  actorId: string;
  reason: string | null;
  /** For the first save, what it was given as `replaces` (null if nothing). */
  oldValue: unknown | null;
  newValue: unknown;
  /** The requests open then were put on these hours (with the save, or applied on their own later). */
  movedOpenRequests: boolean;
}

export type SaveClinicCalendarResult =
  | { ok: true; saved: StoredClinicCalendar }
  | { ok: false; reason: 'conflict'; current: StoredClinicCalendar | null };

export interface ClinicStore {
  /** Null until someone saves the calendar in the app. */
  getClinicCalendar(): Promise<StoredClinicCalendar | null>;
  /**
   * Saves a new calendar if the stored one is still at `expectedRevision` (0: none saved yet), with
   * its change row and, when given, a change-feed message, all in one transaction.
   */
  saveClinicCalendar(input: {
    value: unknown;
    expectedRevision: number;
    actorId: string;
    at: string;
    reason?: string | null;
    /** What the first save replaces (the hours the server was configured with), kept as its old value. */
    replaces?: unknown;
    feedMessage?: unknown;
    /** The requests open now are being put on these hours too (recorded in the change row). */
    movesOpenRequests?: boolean;
  }): Promise<SaveClinicCalendarResult>;
  /** Newest first. */
  listClinicCalendarChanges(limit?: number): Promise<ClinicCalendarChange[]>;
}
