/** How a provider identity came to be linked to its local account. */
export type SsoLinkReason = 'email' | 'created';

/** A provider identity: the issuer's URL and the subject (`sub`) it gives the person. */
export interface SsoIdentity {
  issuer: string;
  subject: string;
}

/** A sign-in sent to the provider and not yet back: what the callback must find again. */
export interface SsoLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The provider's groups and the roles each gives, groups and roles sorted. */
export type SsoGroupRoles = Record<string, string[]>;

/** One edit of the group mapping, old → new (JSON text of `SsoGroupRoles`). Append-only. */
export interface SsoMappingChange {
  id: number;
  at: string;
  actorId: string | null;
  oldValue: string;
  newValue: string;
}

export interface SsoStore {
  /** The local account a provider identity is linked to, if any. */
  findSsoIdentity(identity: SsoIdentity): Promise<string | null>;
  /** Whether the account signs in through a provider at all (it has a linked identity). */
  hasSsoIdentity(userId: string): Promise<boolean>;
  /**
   * Links the identity to the account unless it is linked already; returns the account it is
   * linked to afterwards (the earlier link wins when two sign-ins race).
   */
  linkSsoIdentity(
    input: SsoIdentity & { userId: string; at: string; reason: SsoLinkReason },
  ): Promise<string>;
  /** Keeps a sign-in under way, keyed by `id` (a hash of the browser's secret); drops expired ones. */
  saveSsoLogin(input: SsoLogin & { id: string; at: string; expiresAt: string }): Promise<void>;
  /** Removes and returns the sign-in under way, if it has not expired: each can be finished once. */
  takeSsoLogin(id: string, now: string): Promise<SsoLogin | null>;
  getSsoGroupRoles(): Promise<SsoGroupRoles>;
  /**
   * Replaces the whole mapping and appends its trail row (only when it changed) in one batch;
   * returns whether it changed. With `expectedChange` (the newest trail row's id the admin saw, 0 for
   * none) it writes nothing and returns `changed-meanwhile` when another save landed since, checked in
   * the same transaction, so of two admins saving from the same screen one wins.
   */
  setSsoGroupRoles(input: {
    mapping: SsoGroupRoles;
    actorId: string | null;
    at: string;
    expectedChange?: number;
  }): Promise<boolean | 'changed-meanwhile'>;
  /** Newest first. */
  listSsoMappingChanges(limit?: number): Promise<SsoMappingChange[]>;
}
