import { randomUUID } from 'node:crypto';
import type { Row } from '@libsql/client';
import { pageLimit } from '../cursor.ts';
import { StoreError } from '../errors.ts';
import type {
  EmailPreferences,
  LeasedOutboxItem,
  OutboxChannel,
  OutboxItem,
  OutboxStatus,
  OutboxStore,
  WebhookSubscription,
  WebhookTestOutcome,
} from '../outbox.ts';
import { WEBHOOK_TEST_KIND } from '../outbox.ts';
import type { Db } from './db.ts';
import { Conditions, flag, int, json, text, textOrNull } from './rows.ts';

function toItem(row: Row): OutboxItem {
  return {
    id: text(row, 'id'),
    channel: text(row, 'channel') as OutboxChannel,
    kind: text(row, 'kind'),
    target: text(row, 'target'),
    instanceId: textOrNull(row, 'instance_id'),
    taskId: textOrNull(row, 'task_id'),
    payload: json(row, 'payload'),
    status: text(row, 'status') as OutboxStatus,
    attempts: int(row, 'attempts'),
    nextAt: text(row, 'next_at'),
    lastError: textOrNull(row, 'last_error'),
    createdAt: text(row, 'created_at'),
    deliveredAt: textOrNull(row, 'delivered_at'),
    sequence: row.sequence === null || row.sequence === undefined ? null : Number(row.sequence),
  };
}

/** The next sequence number of subscription `{target}`, read in the statement that writes the row. */
export const NEXT_SEQUENCE = (target: string) =>
  `(SELECT COALESCE(MAX(q.sequence), 0) FROM outbox q WHERE q.channel = 'webhook' AND q.target = ${target})`;

function toSubscription(row: Row): WebhookSubscription {
  return {
    id: text(row, 'id'),
    url: text(row, 'url'),
    events: JSON.parse(text(row, 'events')) as string[],
    createdBy: textOrNull(row, 'created_by'),
    createdAt: text(row, 'created_at'),
    disabledAt: textOrNull(row, 'disabled_at'),
    rotating: text(row, 'secret').includes(' '),
  };
}

const defaults = (userId: string): EmailPreferences => ({
  userId,
  address: null,
  assigned: true,
  escalated: true,
  overdue: true,
  cancelled: true,
  digest: true,
  quietStart: null,
  quietEnd: null,
  updatedAt: null,
});

function toPreferences(row: Row): EmailPreferences {
  return {
    userId: text(row, 'user_id'),
    address: textOrNull(row, 'address'),
    assigned: flag(row, 'assigned'),
    escalated: flag(row, 'escalated'),
    overdue: flag(row, 'overdue'),
    cancelled: flag(row, 'cancelled'),
    digest: flag(row, 'digest'),
    quietStart: textOrNull(row, 'quiet_start'),
    quietEnd: textOrNull(row, 'quiet_end'),
    updatedAt: textOrNull(row, 'updated_at'),
  };
}

const iso = (value: string, what: string) => {
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new StoreError('QUERY_INVALID', `${what} must be an ISO time`);
  return new Date(at).toISOString();
};

export function outboxApi(db: Db): OutboxStore {
  return {
    async claimOutbox({ now, owner, leaseMs, limit = 50 }) {
      if (!owner || !(leaseMs > 0))
        throw new StoreError('QUERY_INVALID', 'claimOutbox needs an `owner` and a positive `leaseMs`');
      const nowIso = iso(now, 'now');
      const expires = new Date(Date.parse(nowIso) + leaseMs).toISOString();
      const free = `status = 'pending' AND next_at <= ? AND (lease_owner IS NULL OR lease_expires <= ?)`;
      const rs = await db.client.execute({
        sql: `UPDATE outbox SET lease_owner = ?, lease_expires = ?
              WHERE id IN (SELECT id FROM outbox WHERE ${free} ORDER BY next_at LIMIT ?) AND ${free}
              RETURNING *`,
        args: [owner, expires, nowIso, nowIso, limit, nowIso, nowIso],
      });
      return rs.rows
        .map((row) => ({
          ...toItem(row),
          leaseOwner: text(row, 'lease_owner'),
          leaseExpires: text(row, 'lease_expires'),
        }))
        .sort((a, b) => (a.nextAt < b.nextAt ? -1 : a.nextAt > b.nextAt ? 1 : 0)) as LeasedOutboxItem[];
    },

    async settleOutbox(id, owner, outcome, attempted) {
      const bump = attempted ? 1 : 0;
      const where = `WHERE id = ? AND lease_owner = ? AND status = 'pending'`;
      const rs =
        outcome.status === 'delivered'
          ? await db.client.execute({
              sql: `UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + ?, last_error = NULL,
                      lease_owner = NULL, lease_expires = NULL ${where}`,
              args: [outcome.at, bump, id, owner],
            })
          : outcome.status === 'pending'
            ? await db.client.execute({
                sql: `UPDATE outbox SET next_at = ?, last_error = ?, attempts = attempts + ?,
                        lease_owner = NULL, lease_expires = NULL ${where}`,
                args: [iso(outcome.nextAt, 'nextAt'), outcome.error.slice(0, 500), bump, id, owner],
              })
            : await db.client.execute({
                sql: `UPDATE outbox SET status = ?, last_error = ?, attempts = attempts + ?,
                        lease_owner = NULL, lease_expires = NULL ${where}`,
                args: [outcome.status, outcome.error.slice(0, 500), bump, id, owner],
              });
      return rs.rowsAffected === 1;
    },

    async addOutbox(items, nextAt) {
      if (items.length === 0) return 0;
      const rs = await db.client.batch(
        items.map((m) => ({
          // A webhook takes its subscription's next number, as every webhook row does.
          sql: `INSERT INTO outbox (id, channel, kind, target, payload, next_at, created_at, sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, CASE WHEN ? = 'webhook' THEN ${NEXT_SEQUENCE('?')} + 1 END)
                ON CONFLICT (id) DO NOTHING`,
          args: [
            m.id,
            m.channel,
            m.kind,
            m.target,
            JSON.stringify(m.payload ?? null),
            nextAt,
            m.createdAt,
            m.channel,
            m.target,
          ],
        })),
        'write',
      );
      return rs.reduce((sum, r) => sum + r.rowsAffected, 0);
    },

    async addLeasedWebhook({ id, kind, subscriptionId, payload, at, owner, leaseMs }) {
      const nowIso = iso(at, 'at');
      const expires = new Date(Date.parse(nowIso) + leaseMs).toISOString();
      const rs = await db.client.execute({
        sql: `INSERT INTO outbox (id, channel, kind, target, payload, next_at, created_at, lease_owner, lease_expires, sequence)
              SELECT ?, 'webhook', ?, s.id, ?, ?, ?, ?, ?, ${NEXT_SEQUENCE('s.id')} + 1
                FROM webhook_subscriptions s WHERE s.id = ? AND s.disabled_at IS NULL
              RETURNING *`,
        args: [id, kind, JSON.stringify(payload ?? null), nowIso, nowIso, owner, expires, subscriptionId],
      });
      const row = rs.rows[0];
      if (!row) return null;
      return { ...toItem(row), leaseOwner: owner, leaseExpires: expires };
    },

    async listOutbox({ channel, status, limit }) {
      const where = new Conditions();
      if (channel) where.add('channel = ?', channel);
      if (status) where.add('status = ?', status);
      const rs = await db.client.execute({
        sql: `SELECT * FROM outbox${where.parts.length ? ` WHERE ${where.parts.join(' AND ')}` : ''}
              ORDER BY created_at DESC, id DESC LIMIT ?`,
        args: [...where.args, pageLimit(limit, 50, 500)],
      });
      return rs.rows.map(toItem);
    },

    async getOutbox(id) {
      const rs = await db.client.execute({ sql: 'SELECT * FROM outbox WHERE id = ?', args: [id] });
      return rs.rows[0] ? toItem(rs.rows[0]) : null;
    },

    async resendOutbox(id, at) {
      const rs = await db.client.execute({
        sql: `UPDATE outbox SET status = 'pending', attempts = 0, next_at = ?, lease_owner = NULL, lease_expires = NULL
              WHERE id = ? AND status = 'dead'`,
        args: [iso(at, 'at'), id],
      });
      return rs.rowsAffected === 1;
    },

    async createWebhookSubscription(input) {
      const id = randomUUID();
      await db.client.execute({
        sql: `INSERT INTO webhook_subscriptions (id, url, events, secret, created_by, created_at)
              VALUES (?, ?, ?, ?, ?, ?)`,
        args: [id, input.url, JSON.stringify(input.events), input.secret, input.createdBy, input.createdAt],
      });
      return {
        id,
        url: input.url,
        events: [...input.events],
        createdBy: input.createdBy,
        createdAt: input.createdAt,
        disabledAt: null,
        rotating: false,
      };
    },

    async listWebhookSubscriptions() {
      const rs = await db.client.execute('SELECT * FROM webhook_subscriptions ORDER BY created_at, id');
      return rs.rows.map(toSubscription);
    },

    async getWebhookSubscription(id) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM webhook_subscriptions WHERE id = ?',
        args: [id],
      });
      const row = rs.rows[0];
      return row ? { ...toSubscription(row), secret: text(row, 'secret') } : null;
    },

    async disableWebhookSubscription(id, at) {
      const rs = await db.client.execute({
        sql: 'UPDATE webhook_subscriptions SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL',
        args: [at, id],
      });
      return rs.rowsAffected === 1;
    },

    async rotateWebhookSecret(id, secret) {
      // One statement: the new secret, then the newest of the old ones (a second rotation drops the oldest).
      const rs = await db.client.execute({
        sql: `UPDATE webhook_subscriptions
                 SET secret = ? || ' ' || CASE instr(secret, ' ') WHEN 0 THEN secret ELSE substr(secret, 1, instr(secret, ' ') - 1) END
               WHERE id = ? AND disabled_at IS NULL`,
        args: [secret, id],
      });
      return rs.rowsAffected === 1;
    },

    async finishWebhookRotation(id) {
      await db.client.execute({
        sql: `UPDATE webhook_subscriptions SET secret = substr(secret, 1, instr(secret, ' ') - 1)
               WHERE id = ? AND instr(secret, ' ') > 0`,
        args: [id],
      });
    },

    async webhookHealth() {
      const rs = await db.client.execute({
        sql: `SELECT s.id AS subscription_id,
                COALESCE(SUM(o.status = 'pending'), 0) AS waiting,
                COALESCE(SUM(o.status = 'pending' AND o.attempts > 0), 0) AS retrying,
                COALESCE(SUM(o.status = 'dead'), 0) AS dead,
                MAX(o.delivered_at) AS last_delivered_at,
                MIN(CASE WHEN o.status = 'pending' AND o.attempts > 0 THEN o.created_at END) AS failing_since,
                (SELECT e.last_error FROM outbox e
                  WHERE e.channel = 'webhook' AND e.target = s.id AND e.last_error IS NOT NULL
                    AND (e.status = 'dead' OR (e.status = 'pending' AND e.attempts > 0))
                  ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS last_error,
                (SELECT json_object('at', t.created_at, 'status', t.status, 'error', t.last_error) FROM outbox t
                  WHERE t.channel = 'webhook' AND t.target = s.id AND t.kind = ?
                  ORDER BY t.created_at DESC, t.id DESC LIMIT 1) AS last_test
           FROM webhook_subscriptions s
           LEFT JOIN outbox o ON o.channel = 'webhook' AND o.target = s.id
          GROUP BY s.id
          ORDER BY s.created_at, s.id`,
        args: [WEBHOOK_TEST_KIND],
      });
      return rs.rows.map((row) => ({
        subscriptionId: text(row, 'subscription_id'),
        waiting: Number(row.waiting),
        retrying: Number(row.retrying),
        dead: Number(row.dead),
        lastDeliveredAt: textOrNull(row, 'last_delivered_at'),
        failingSince: textOrNull(row, 'failing_since'),
        lastError: textOrNull(row, 'last_error'),
        lastTest: row.last_test ? (JSON.parse(String(row.last_test)) as WebhookTestOutcome) : null,
      }));
    },

    async getEmailPreferences(userId) {
      const rs = await db.client.execute({
        sql: 'SELECT * FROM email_preferences WHERE user_id = ?',
        args: [userId],
      });
      return rs.rows[0] ? toPreferences(rs.rows[0]) : defaults(userId);
    },

    async saveEmailPreferences(p, at) {
      const rs = await db.client.execute({
        sql: `INSERT INTO email_preferences (user_id, address, assigned, escalated, overdue, cancelled, digest, quiet_start, quiet_end, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (user_id) DO UPDATE SET address = excluded.address, assigned = excluded.assigned,
                escalated = excluded.escalated, overdue = excluded.overdue, cancelled = excluded.cancelled,
                digest = excluded.digest,
                quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, updated_at = excluded.updated_at
              RETURNING *`,
        args: [
          p.userId,
          p.address,
          p.assigned ? 1 : 0,
          p.escalated ? 1 : 0,
          p.overdue ? 1 : 0,
          p.cancelled ? 1 : 0,
          p.digest ? 1 : 0,
          p.quietStart,
          p.quietEnd,
          at,
        ],
      });
      return toPreferences(rs.rows[0]!);
    },
  };
}
