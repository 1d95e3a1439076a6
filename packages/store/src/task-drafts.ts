/**
 * A task's draft: what its holder typed (form answers as the inputs hold them, the note box) and has
 * not sent. One per task; it goes with the task to its next holder and is removed when the task closes.
 */
export interface StoredTaskDraft {
  taskId: string;
  instanceId: string;
  revision: number;
  values: Record<string, string | number | boolean | null>;
  note: string;
  forNextRole: boolean;
  savedBy: string;
  savedAt: string;
}

export interface TaskDraftSave {
  taskId: string;
  /** The revision the save was typed over (0: none was kept). */
  baseRevision: number;
  values: StoredTaskDraft['values'];
  note: string;
  forNextRole: boolean;
  /** The saver: written only while they hold the open task, checked in the write itself. */
  savedBy: string;
  savedAt: string;
}

/**
 * `newer`: another save landed since `baseRevision` (the draft as it now is, null if none is kept);
 * `not-held`: the task is closed or not the saver's (any more).
 */
export type TaskDraftSaveResult =
  | { ok: true; draft: StoredTaskDraft }
  | { ok: false; reason: 'newer'; draft: StoredTaskDraft | null }
  | { ok: false; reason: 'not-held' };

/** That a task has a draft: who saved it last, when — not what it holds. */
export interface TaskDraftMarkRow {
  savedBy: string;
  savedAt: string;
}

export interface TaskDraftStore {
  getTaskDraft(taskId: string): Promise<StoredTaskDraft | null>;
  /** Of these tasks, the ones with a draft kept, by task id: who and when only. */
  taskDraftMarks(taskIds: readonly string[]): Promise<Map<string, TaskDraftMarkRow>>;
  saveTaskDraft(save: TaskDraftSave): Promise<TaskDraftSaveResult>;
}
