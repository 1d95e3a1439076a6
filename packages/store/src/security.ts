/** Records and store operations for two-factor sign-in, known devices and break-glass access. */

/** How far a session got through sign-in: `full` once every factor the account needs was given. */
export type SessionStage = 'full' | 'totp' | 'enroll';

export interface TotpRecord {
  userId: string;
  /** Base32 shared secret (RFC 4648, no padding). */
  secret: string;
  createdAt: string;
  /** Null until the user proved, with a first code, that their authenticator has it. */
  confirmedAt: string | null;
  /** Newest 30-second step a code was accepted for (codes are one-time). */
  lastStep: number | null;
}

export interface Device {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The user chose "remember this device": no code is asked from it until then. */
  totpUntil: string | null;
}

export interface EmergencyAccess {
  id: string;
  userId: string;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  endedAt: string | null;
}

export interface EmergencyAccessQuery {
  userId?: string;
  /** Grants made at or after this time. */
  from?: string;
  /** Default 100, at most 1000. */
  limit?: number;
}

export interface SecurityStore {
  /** Starts (or restarts, while unconfirmed or after a reset) an enrollment with this secret. */
  setTotpSecret(input: { userId: string; secret: string; at: string }): Promise<void>;
  getTotp(userId: string): Promise<TotpRecord | null>;
  /**
   * Records that a code for `step` was accepted; false if a code for this or a later step already
   * was (a replayed code). `confirm` also marks the enrollment confirmed.
   */
  acceptTotpStep(userId: string, step: number, confirm?: { at: string }): Promise<boolean>;
  /** Removes the secret and recovery codes: the user enrolls again at the next sign-in. */
  resetTotp(userId: string): Promise<void>;
  /** Replaces the user's recovery codes with these hashes. */
  replaceRecoveryCodes(input: { userId: string; hashes: readonly string[]; at: string }): Promise<void>;
  /** Uses one recovery code; false if unknown or already used. */
  useRecoveryCode(input: { userId: string; hash: string; at: string }): Promise<boolean>;
  unusedRecoveryCodes(userId: string): Promise<number>;

  createDevice(input: {
    userId: string;
    ttlMs: number;
    at: string;
    totpUntil?: string | null;
  }): Promise<{ secret: string; device: Device }>;
  /** A device cookie's record, if it exists and has not expired. */
  getDevice(secret: string, now: string): Promise<Device | null>;
  touchDevice(id: string, input: { at: string; totpUntil?: string | null }): Promise<boolean>;

  grantEmergencyAccess(input: {
    userId: string;
    reason: string;
    at: string;
    expiresAt: string;
  }): Promise<EmergencyAccess>;
  /** The user's grant in force at `now`, if any. */
  activeEmergencyAccess(userId: string, now: string): Promise<EmergencyAccess | null>;
  endEmergencyAccess(input: { id: string; userId: string; at: string }): Promise<boolean>;
  listEmergencyAccess(query?: EmergencyAccessQuery): Promise<EmergencyAccess[]>;
}
