/** A key another system signs intake webhooks for one workflow with. Never its secret. */
export interface IntakeKey {
  id: string;
  workflowId: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** One line of the append-only trail of intake keys. */
export interface IntakeKeyChange {
  id: number;
  at: string;
  actorId: string | null;
  keyId: string;
  workflowId: string;
  what: 'created' | 'revoked';
}

export interface IntakeKeyStore {
  /** Stores a key with its sealed secret and its `created` trail line, in one transaction. */
  createIntakeKey(input: {
    id: string;
    workflowId: string;
    sealedSecret: string;
    actorId: string | null;
    at: string;
  }): Promise<IntakeKey>;
  getIntakeKey(id: string): Promise<IntakeKey | null>;
  /** Newest first; one workflow's, or every workflow's. Revoked keys included. */
  listIntakeKeys(workflowId?: string): Promise<IntakeKey[]>;
  /** The sealed secrets of a workflow's keys that are not revoked, newest first. */
  activeIntakeSecrets(workflowId: string): Promise<{ id: string; sealedSecret: string }[]>;
  /** Revokes the key and writes its `revoked` trail line together; false when it was already revoked or unknown. */
  revokeIntakeKey(id: string, input: { actorId: string | null; at: string }): Promise<boolean>;
  touchIntakeKey(id: string, at: string): Promise<void>;
  /** The trail, newest first. */
  listIntakeKeyChanges(query?: { keyId?: string; limit?: number }): Promise<IntakeKeyChange[]>;
}
