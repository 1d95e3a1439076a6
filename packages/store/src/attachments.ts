/**
 * Files attached to a request: a statement, a signed proxy form, a referral letter. The store keeps
 * what the file is and where it came from; its bytes live outside the database, named by their SHA-256.
 * A file attached by mistake is removed with a reason; the record of it stays.
 */

export interface AttachmentRemoval {
  at: string;
  by: string;
  reason: string;
}

export interface AttachmentRecord {
  id: string;
  instanceId: string;
  /** The task it was attached on, if any (`instanceId:token`). */
  taskId: string | null;
  /** The step id of that task. */
  step: string | null;
  /** The file's name as uploaded (it may name the patient: never put it in a URL, a log or an event). */
  name: string;
  /** The media type read from the bytes themselves. */
  type: string;
  bytes: number;
  sha256: string;
  authorId: string;
  authorRole: string | null;
  at: string;
  removed: AttachmentRemoval | null;
}

export interface AttachmentDraft {
  /** Task token within the instance, if attached on a task. */
  taskToken?: string | null;
  step?: string | null;
  name: string;
  type: string;
  bytes: number;
  sha256: string;
  authorId: string;
  authorRole?: string | null;
  at: string;
}

export interface AttachmentRemoveInput {
  id: string;
  by: string;
  at: string;
  reason: string;
}

/** Limits the write itself checks, so attachments released together cannot pass them. */
export interface AttachmentLimits {
  /** How many files not removed the request may hold: the file that would be one more is refused. */
  maxFiles?: number;
}

/**
 * An upload sent with an `Idempotency-Key`: the key is taken in the same write as the file's row, so of
 * two uploads with one key (a double click, a retry while the first is still on its way) one attaches
 * the file and the other attaches nothing (`key-used`) and answers as the first did. The key's stored
 * answer is `{ attachmentId }` with status 201.
 */
export interface AttachmentKey {
  key: string;
  userId: string;
  route: string;
  createdAt: string;
}

export type AttachmentAddResult =
  | { ok: true; attachment: AttachmentRecord }
  | { ok: false; reason: 'not-found' | 'too-many-files' | 'key-used' };

export type AttachmentRemoveResult =
  | { ok: true; attachment: AttachmentRecord }
  | { ok: false; reason: 'not-found' | 'already-removed' };

export interface AttachmentStore {
  /**
   * Records a file on an existing instance (`not-found` when there is none) that holds fewer files than
   * `limits.maxFiles` (`too-many-files` otherwise), counted in the same write; nothing when `once`'s key
   * was already used by its user (`key-used`: see `AttachmentKey`).
   */
  addAttachment(
    instanceId: string,
    draft: AttachmentDraft,
    limits?: AttachmentLimits,
    once?: AttachmentKey,
  ): Promise<AttachmentAddResult>;
  /** The instance's attachments, oldest first, removed ones included (with their removal). */
  listAttachments(instanceId: string): Promise<AttachmentRecord[]>;
  getAttachment(id: string): Promise<AttachmentRecord | null>;
  /** Removes once: of two removals at once, one wins and the other is `already-removed`. */
  removeAttachment(input: AttachmentRemoveInput): Promise<AttachmentRemoveResult>;
  /** How many files each request holds now (removed ones not counted); requests with none are left out. */
  countAttachments(instanceIds: readonly string[]): Promise<Map<string, number>>;
  /** Whether an attachment not removed still names these bytes (then they must stay on disk). */
  attachmentBytesInUse(sha256: string): Promise<boolean>;
}
