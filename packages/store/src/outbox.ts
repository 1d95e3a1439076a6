/** The outbox: messages to people (email) and systems (webhooks), written with the change that causes them. */

export type OutboxChannel = 'email' | 'webhook';
/** `skipped`: the person had turned this kind of email off, or has no address. */
export type OutboxStatus = 'pending' | 'delivered' | 'dead' | 'skipped';
/** `due-soon`: a held task's deadline is near (sent to those who get overdue email: deadline mail). */
export type EmailKind = 'assigned' | 'escalated' | 'overdue' | 'cancelled' | 'due-soon' | 'digest';

/**
 * An outbox message written with an instance change (only if the change wins). An email to a role is
 * written as one row per active member; a webhook event as one row per subscription that wants it.
 */
export type OutboxDraft =
  | {
      channel: 'email';
      kind: Exclude<EmailKind, 'digest'>;
      userId?: string | null;
      role?: string | null;
      /** Task token within this instance. */
      taskToken?: string | null;
      /** Ids and names of the workflow and step only (JSON). */
      payload: unknown;
    }
  | {
      channel: 'webhook';
      /** The event type, e.g. `task.opened`; subscriptions choose by it. */
      kind: string;
      taskToken?: string | null;
      payload: unknown;
    };

export interface OutboxItem {
  /** Stable across retries: the webhook-id, and the email's Message-ID. */
  id: string;
  channel: OutboxChannel;
  kind: string;
  /** The user id (email) or the subscription id (webhook). */
  target: string;
  instanceId: string | null;
  taskId: string | null;
  payload: unknown;
  status: OutboxStatus;
  attempts: number;
  nextAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /**
   * A webhook's place in its subscription's order (1, 2, 3… without gaps, in commit order), the same
   * on every retry; null for email.
   */
  sequence: number | null;
}

export interface LeasedOutboxItem extends OutboxItem {
  leaseOwner: string;
  leaseExpires: string;
}

export interface ClaimOutboxInput {
  now: string;
  owner: string;
  leaseMs: number;
  limit?: number;
}

/** How one delivery attempt ended. */
export type OutboxOutcome =
  | { status: 'delivered'; at: string }
  | { status: 'pending'; nextAt: string; error: string }
  | { status: 'dead' | 'skipped'; error: string };

export interface OutboxQuery {
  channel?: OutboxChannel;
  status?: OutboxStatus;
  /** Default 50, at most 500. */
  limit?: number;
}

/** A message written outside an instance change (the daily digest): its id makes a second write a no-op. */
export interface NewOutboxItem {
  id: string;
  channel: OutboxChannel;
  kind: string;
  target: string;
  payload: unknown;
  createdAt: string;
}

export interface WebhookSubscription {
  id: string;
  url: string;
  /** Event types, or `*` for all. */
  events: string[];
  createdBy: string | null;
  createdAt: string;
  disabledAt: string | null;
  /** More than one secret signs: a rotation under way (see `secret`). */
  rotating: boolean;
}

export interface WebhookSubscriptionWithSecret extends WebhookSubscription {
  /**
   * The secrets in force, newest first, space-separated as in the `webhook-signature` header: one, or
   * the new and the previous one while a rotation is under way. Each signs every delivery.
   */
  secret: string;
}

/** How one webhook subscription's deliveries stand (every subscription has one, zeros when unused). */
export interface WebhookHealth {
  subscriptionId: string;
  /** Not yet delivered (first try due, or retrying). */
  waiting: number;
  /** Waiting after at least one failed attempt. */
  retrying: number;
  /** Given up (dead-lettered). */
  dead: number;
  lastDeliveredAt: string | null;
  /** When the oldest message now being retried was written. */
  failingSince: string | null;
  /** The newest error of a message being retried or given up. */
  lastError: string | null;
  /** The newest test event an admin sent it: when, and how it ended (its error when it failed). */
  lastTest: WebhookTestOutcome | null;
}

/** The kind of an admin's test event (the contract's `WEBHOOK_TEST_EVENT`; the store does not import it). */
export const WEBHOOK_TEST_KIND = 'portalflow.test';

/** A test event's end: a failed one is given up at once, so its error is what the receiver answered. */
export interface WebhookTestOutcome {
  at: string;
  status: 'pending' | 'delivered' | 'dead';
  error: string | null;
}

export interface EmailPreferences {
  userId: string;
  /** Where email goes; none is sent without one. */
  address: string | null;
  assigned: boolean;
  escalated: boolean;
  overdue: boolean;
  /** A request they were working on was cancelled. */
  cancelled: boolean;
  digest: boolean;
  /** `HH:MM` in the clinic's time zone; mail due inside [start, end) waits until end. */
  quietStart: string | null;
  quietEnd: string | null;
  updatedAt: string | null;
}

export interface OutboxStore {
  /** Leases due pending rows (unleased or lease expired) in one statement: two workers never share one. */
  claimOutbox(input: ClaimOutboxInput): Promise<LeasedOutboxItem[]>;
  /** Records an attempt's end; false if this owner no longer holds the lease (nothing is written). */
  settleOutbox(id: string, owner: string, outcome: OutboxOutcome, attempted: boolean): Promise<boolean>;
  /** Inserts messages whose id is not taken yet; returns how many were new. */
  addOutbox(items: readonly NewOutboxItem[], nextAt: string): Promise<number>;
  /**
   * A webhook message written now and leased to `owner` at once (its sender delivers it straight away,
   * no worker picks it up meanwhile; a crash lets the lease expire and a worker sends it). It takes the
   * subscription's next sequence number. Null when the subscription is removed or unknown.
   */
  addLeasedWebhook(input: {
    id: string;
    kind: string;
    subscriptionId: string;
    payload: unknown;
    at: string;
    owner: string;
    leaseMs: number;
  }): Promise<LeasedOutboxItem | null>;
  listOutbox(query: OutboxQuery): Promise<OutboxItem[]>;
  getOutbox(id: string): Promise<OutboxItem | null>;
  /** A dead message goes back to pending, due `at`, with its attempts reset; false if it was not dead. */
  resendOutbox(id: string, at: string): Promise<boolean>;

  createWebhookSubscription(input: {
    url: string;
    events: string[];
    secret: string;
    createdBy: string | null;
    createdAt: string;
  }): Promise<WebhookSubscription>;
  listWebhookSubscriptions(): Promise<WebhookSubscription[]>;
  getWebhookSubscription(id: string): Promise<WebhookSubscriptionWithSecret | null>;
  /** False if it does not exist or was already disabled. */
  disableWebhookSubscription(id: string, at: string): Promise<boolean>;
  /** Puts `secret` first and keeps only the newest of the old ones; false when removed or unknown. */
  rotateWebhookSecret(id: string, secret: string): Promise<boolean>;
  /** Keeps only the newest secret. */
  finishWebhookRotation(id: string): Promise<void>;
  webhookHealth(): Promise<WebhookHealth[]>;

  /** Defaults (everything on, no address, no quiet hours) when the person never saved any. */
  getEmailPreferences(userId: string): Promise<EmailPreferences>;
  saveEmailPreferences(prefs: Omit<EmailPreferences, 'updatedAt'>, at: string): Promise<EmailPreferences>;
}
