import type { Session, User } from './records.ts';

/** An account as the admin screen lists it. */
export interface Account extends User {
  lastSignInAt: string | null;
  /** A confirmed authenticator. */
  twoFactor: boolean;
  /** The admin reset of two-factor sign-in the person has not set up again since (null when none). */
  twoFactorReset: { at: string; byName: string | null } | null;
  /** The work email address (the one in the person's email preferences). */
  email: string | null;
  /** The newest emailed invitation, until a password is set after it (null when none). */
  invitation: SentInvitation | null;
}

/** An invitation emailed to an account, as its trail row keeps it: never the code. */
export interface SentInvitation {
  to: string;
  at: string;
  /** When its link stops working; null when it was not sent. */
  expiresAt: string | null;
  /** Why the mail server did not take it; null when it did. */
  error: string | null;
}

/** A session as an admin sees it: never its secret. `id` is the SHA-256 of the secret. */
export interface SessionSummary extends Session {
  clientHint: string | null;
}

/** One change to an account, old → new (JSON text, or null where there was none). Append-only. */
export interface AccountChange {
  id: number;
  at: string;
  actorId: string | null;
  userId: string;
  /**
   * `created`, `roles`, `disabled`, `display-name`, `email`, `password`, `two-factor`, `sessions`,
   * `set-password-code`, `invitation`, `password-reset-email`.
   */
  what: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface AccountChangeDraft {
  what: string;
  oldValue?: string | null;
  newValue?: string | null;
}

/** What an admin changes in one go; every part is written, with its trail rows, in one transaction. */
export interface AccountEdit {
  userId: string;
  actorId: string | null;
  at: string;
  displayName?: string;
  passwordHash?: string;
  roles?: readonly string[];
  disabled?: boolean;
  resetTwoFactor?: boolean;
  /**
   * The roles the admin chose from: the edit writes nothing (`roles-changed`) unless they are still the
   * account's when the transaction runs, so of two admins saving from the same screen one wins.
   */
  expectedRoles?: readonly string[];
  /** Why sessions and tokens end (password, roles, two-factor, disabled); none end when omitted. */
  revokeReason?: string;
}

export type AccountEditResult =
  | { ok: true; user: User; ended: { sessions: number; tokens: number } }
  | { ok: false; reason: 'not-found' | 'last-admin' | 'no-role' | 'two-factor-not-set-up' | 'roles-changed' };

export interface AccountAdminStore {
  /** Every account with last sign-in and two-factor state, by username. */
  listAccounts(): Promise<Account[]>;
  recordSignIn(userId: string, at: string): Promise<void>;
  /**
   * Applies an edit and its trail rows in one write transaction. The last admin guard (a trigger)
   * refuses, as `last-admin`, any edit that leaves no active admin, whoever else writes at the same time.
   * An edit that leaves the account active with no role writes nothing either (`no-role`): the check is
   * the transaction's last statement, so of an admin emptying a disabled account's roles and another
   * enabling it at once, one wins and the other is refused.
   * A two-factor reset of an account with no confirmed authenticator writes nothing of the edit
   * (`two-factor-not-set-up`): of two resets at once, one resets and the other finds nothing to reset.
   */
  editAccount(edit: AccountEdit): Promise<AccountEditResult>;
  /** When an admin last reset the account's two-factor sign-in, if it has not been set up again since. */
  twoFactorResetAt(userId: string): Promise<string | null>;
  /**
   * The account's owner changes their password, in one write transaction: only if it is still
   * `expectedHash` (the one they just proved), so of two changes at once one wins and the other is
   * `changed`; every session and API token of the account ends with it, and the trail says who.
   */
  changeOwnPassword(input: {
    userId: string;
    expectedHash: string;
    passwordHash: string;
    at: string;
  }): Promise<
    { ok: true; ended: { sessions: number; tokens: number } } | { ok: false; reason: 'not-found' | 'changed' }
  >;
  /** Appends trail rows (e.g. `created`) in one batch. */
  recordAccountChanges(input: {
    userId: string;
    actorId: string | null;
    at: string;
    changes: AccountChangeDraft[];
  }): Promise<void>;
  /** Newest first. */
  listAccountChanges(query?: { userId?: string; limit?: number }): Promise<AccountChange[]>;
  /** Sessions not revoked and not expired at `now`, newest first. */
  listUserSessions(userId: string, now: string): Promise<SessionSummary[]>;
  /** Ends one session of the account (false when there is no such live session). */
  endUserSession(input: {
    userId: string;
    sessionId: string;
    actorId: string | null;
    at: string;
  }): Promise<boolean>;
  /**
   * Ends every live session of the account, or every one but `exceptSessionId` (the owner's own
   * browser), in one transaction with one trail line; answers how many ended. One statement, so no
   * session is missed however many there are, and none open at that moment survives.
   */
  endUserSessions(input: {
    userId: string;
    exceptSessionId?: string;
    actorId: string | null;
    at: string;
  }): Promise<number>;
  /**
   * Sets (or, with null, removes) the account's work email address, the one its email preferences
   * show, with a trail row old → new when it changes; false when it did not change.
   */
  setWorkEmail(input: {
    userId: string;
    address: string | null;
    actorId: string | null;
    at: string;
  }): Promise<boolean>;
  /** Active accounts whose work email address is `address` (letter case aside), with it as saved. */
  activeAccountsWithEmail(address: string): Promise<Array<User & { email: string }>>;
  /**
   * Stores a new one-time set-password code (its hash) for the account; earlier unused codes of the
   * account stop working.
   */
  createSetPasswordCode(input: {
    userId: string;
    codeHash: string;
    actorId: string | null;
    at: string;
    expiresAt: string;
  }): Promise<void>;
  /**
   * Redeems a code once: sets the password, ends the account's sessions and tokens, and records the
   * change, all in one transaction. Null when the code is unknown, used, expired, not the account's,
   * or the account is disabled.
   */
  redeemSetPasswordCode(input: {
    username: string;
    codeHash: string;
    passwordHash: string;
    at: string;
  }): Promise<User | null>;
}
