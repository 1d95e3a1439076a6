import type { InStatement, InValue, Row } from '@libsql/client';
import type { AccountAdminStore, AccountChange, SessionSummary } from '../accounts.ts';
import { pageLimit } from '../cursor.ts';
import type { Db } from './db.ts';
import { flag, int, placeholders, text, textOrNull } from './rows.ts';
import { revokeAccessStatements, rolesOf, toUser } from './users.ts';

const TRAIL = 'INSERT INTO account_changes (at, actor_id, user_id, what, old_value, new_value)';
const ROLES_JSON = `(SELECT json_group_array(role) FROM (SELECT role FROM user_roles WHERE user_id = ? ORDER BY role))`;

function toChange(row: Row): AccountChange {
  return {
    id: int(row, 'id'),
    at: text(row, 'at'),
    actorId: textOrNull(row, 'actor_id'),
    userId: text(row, 'user_id'),
    what: text(row, 'what'),
    oldValue: textOrNull(row, 'old_value'),
    newValue: textOrNull(row, 'new_value'),
  };
}

function toSessionSummary(row: Row): SessionSummary {
  return {
    id: text(row, 'id'),
    userId: text(row, 'user_id'),
    createdAt: text(row, 'created_at'),
    lastSeenAt: text(row, 'last_seen_at'),
    expiresAt: text(row, 'expires_at'),
    revoked: flag(row, 'revoked'),
    stage: text(row, 'stage') as SessionSummary['stage'],
    clientHint: textOrNull(row, 'client_hint'),
  };
}

/** The last admin guard's trigger aborts with this text; anything else is a real failure. */
const isLastAdmin = (error: unknown) => String((error as Error)?.message ?? '').includes('LAST_ADMIN');
/** A reset's trail row with no confirmed authenticator to reset: its `what` is NULL and the edit aborts. */
/** The no-role guard writes a trail row without a time only when it is breached; see `editAccount`. */
const isNoRole = (error: unknown) =>
  String((error as Error)?.message ?? '').includes('NOT NULL constraint failed: account_changes.at');

/** The roles guard writes a trail row without an account only when the roles changed meanwhile. */
const isRolesChanged = (error: unknown) =>
  String((error as Error)?.message ?? '').includes('NOT NULL constraint failed: account_changes.user_id');

const isNothingToReset = (error: unknown) =>
  String((error as Error)?.message ?? '').includes('NOT NULL constraint failed: account_changes.what');

/**
 * The admin reset of two-factor sign-in the person has not set up again since: the account's latest
 * two-factor trail row, when it is a reset and no authenticator is confirmed (every reset deletes it).
 */
const WAITING_RESET = `SELECT r.user_id, r.at, a.display_name AS by_name
  FROM account_changes r LEFT JOIN users a ON a.id = r.actor_id
  WHERE r.what = 'two-factor' AND r.id = (SELECT max(id) FROM account_changes WHERE user_id = r.user_id AND what = 'two-factor')
    AND r.new_value = '"reset"'
    AND NOT EXISTS (SELECT 1 FROM totp_secrets t WHERE t.user_id = r.user_id AND t.confirmed_at IS NOT NULL)`;

/** The newest invitation trail row of each account with no password set since (see `SentInvitation`). */
const OPEN_INVITATION = `SELECT r.user_id, r.at, r.new_value FROM account_changes r
  WHERE r.what = 'invitation' AND r.id = (SELECT max(id) FROM account_changes WHERE user_id = r.user_id AND what = 'invitation')
    AND NOT EXISTS (SELECT 1 FROM account_changes p WHERE p.user_id = r.user_id AND p.what = 'password' AND p.id > r.id)`;

function toInvitation(row: Row) {
  const v = JSON.parse(text(row, 'new_value')) as { to: string; expiresAt?: string; error?: string };
  return { to: v.to, at: text(row, 'at'), expiresAt: v.expiresAt ?? null, error: v.error ?? null };
}

export function accountAdminApi(db: Db): AccountAdminStore {
  return {
    async listAccounts() {
      const [users, roles, resets, invitations] = await Promise.all([
        db.client.execute(
          `SELECT u.id, u.username, u.display_name, u.disabled, u.created_at, u.last_sign_in_at,
                  t.confirmed_at IS NOT NULL AS two_factor, e.address AS email
           FROM users u LEFT JOIN totp_secrets t ON t.user_id = u.id
             LEFT JOIN email_preferences e ON e.user_id = u.id ORDER BY u.username`,
        ),
        db.client.execute('SELECT user_id, role FROM user_roles ORDER BY role'),
        db.client.execute(WAITING_RESET),
        db.client.execute(OPEN_INVITATION),
      ]);
      const invitationOf = new Map(invitations.rows.map((r) => [text(r, 'user_id'), toInvitation(r)]));
      const resetOf = new Map(
        resets.rows.map((r) => [text(r, 'user_id'), { at: text(r, 'at'), byName: textOrNull(r, 'by_name') }]),
      );
      const byUser = new Map<string, string[]>();
      for (const r of roles.rows) {
        const id = text(r, 'user_id');
        byUser.set(id, [...(byUser.get(id) ?? []), text(r, 'role')]);
      }
      return users.rows.map((row) => ({
        ...toUser(row, byUser.get(text(row, 'id')) ?? []),
        lastSignInAt: textOrNull(row, 'last_sign_in_at'),
        twoFactor: flag(row, 'two_factor'),
        twoFactorReset: resetOf.get(text(row, 'id')) ?? null,
        email: textOrNull(row, 'email'),
        invitation: invitationOf.get(text(row, 'id')) ?? null,
      }));
    },

    async setWorkEmail({ userId, address, actorId, at }) {
      const rs = await db.client.batch(
        [
          {
            // Old → new as JSON text, null where there was none (as every other trail row).
            sql: `${TRAIL} SELECT ?, ?, ?, 'email', CASE WHEN old IS NULL THEN NULL ELSE json_quote(old) END,
                    CASE WHEN ? IS NULL THEN NULL ELSE json_quote(?) END
                  FROM (SELECT (SELECT address FROM email_preferences WHERE user_id = ?) AS old)
                  WHERE old IS NOT ?`,
            args: [at, actorId, userId, address, address, userId, address],
          },
          {
            sql: `INSERT INTO email_preferences (user_id, address, updated_at) VALUES (?, ?, ?)
                  ON CONFLICT (user_id) DO UPDATE SET address = excluded.address, updated_at = excluded.updated_at
                  WHERE address IS NOT excluded.address`,
            args: [userId, address, at],
          },
        ],
        'write',
      );
      return rs[0]!.rowsAffected === 1;
    },

    async activeAccountsWithEmail(address) {
      const rs = await db.client.execute({
        sql: `SELECT u.id, u.username, u.display_name, u.disabled, u.created_at, e.address FROM users u
              JOIN email_preferences e ON e.user_id = u.id
              WHERE lower(e.address) = lower(?) AND u.disabled = 0 ORDER BY u.username`,
        args: [address],
      });
      return Promise.all(
        rs.rows.map(async (row) => ({
          ...toUser(row, await rolesOf(db, text(row, 'id'))),
          email: text(row, 'address'),
        })),
      );
    },

    async twoFactorResetAt(userId) {
      const rs = await db.client.execute({ sql: `${WAITING_RESET} AND r.user_id = ?`, args: [userId] });
      return rs.rows[0] ? text(rs.rows[0], 'at') : null;
    },

    async recordSignIn(userId, at) {
      await db.client.execute({
        sql: 'UPDATE users SET last_sign_in_at = ? WHERE id = ?',
        args: [at, userId],
      });
    },

    async editAccount(edit) {
      const { userId: id, actorId, at } = edit;
      const exists = await db.client.execute({ sql: 'SELECT 1 FROM users WHERE id = ?', args: [id] });
      if (exists.rows.length === 0) return { ok: false, reason: 'not-found' };
      const statements: InStatement[] = [];
      const trail = (what: string, from: string, args: InValue[]) =>
        statements.push({ sql: `${TRAIL} ${from}`, args: [at, actorId, id, what, ...args] });

      if (edit.expectedRoles !== undefined) {
        // Before anything else: roles other than the ones the admin chose from (another admin saved in
        // between) insert a trail row without an account, the NOT NULL constraint aborts the
        // transaction, and nothing of the edit is written.
        statements.push({
          sql: `${TRAIL} SELECT ?, NULL, NULL, 'roles', NULL, NULL WHERE ${ROLES_JSON} <> ?`,
          args: [at, id, JSON.stringify([...new Set(edit.expectedRoles)].sort())],
        });
      }
      if (edit.resetTwoFactor) {
        // Next, and the guard of the whole edit: with no confirmed authenticator to reset (never set
        // up, or reset a moment ago by another admin) the trail row's `what` is NULL, the NOT NULL
        // constraint aborts the transaction, and nothing of the edit is written.
        statements.push(
          {
            sql: `${TRAIL} SELECT ?, ?, ?, CASE WHEN EXISTS (
                    SELECT 1 FROM totp_secrets WHERE user_id = ? AND confirmed_at IS NOT NULL) THEN 'two-factor' END,
                  '"enrolled"', '"reset"'`,
            args: [at, actorId, id, id],
          },
          { sql: 'DELETE FROM recovery_codes WHERE user_id = ?', args: [id] },
          { sql: 'DELETE FROM totp_secrets WHERE user_id = ?', args: [id] },
          { sql: 'UPDATE devices SET totp_until = NULL WHERE user_id = ?', args: [id] },
        );
      }

      if (edit.displayName !== undefined) {
        trail(
          'display-name',
          'SELECT ?, ?, ?, ?, json_quote(display_name), json_quote(?) FROM users WHERE id = ? AND display_name <> ?',
          [edit.displayName, id, edit.displayName],
        );
        statements.push({
          sql: 'UPDATE users SET display_name = ? WHERE id = ?',
          args: [edit.displayName, id],
        });
      }
      if (edit.roles !== undefined) {
        const roles = [...new Set(edit.roles)].sort();
        const next = JSON.stringify(roles);
        trail('roles', `SELECT ?, ?, ?, ?, o, ? FROM (SELECT ${ROLES_JSON} AS o) WHERE o <> ?`, [
          next,
          id,
          next,
        ]);
        // Only the roles that go are deleted (never delete-all-then-insert), so the guard sees the real change
        // and a role kept keeps when it was given.
        statements.push({
          sql: `DELETE FROM user_roles WHERE user_id = ?${roles.length ? ` AND role NOT IN (${placeholders(roles.length)})` : ''}`,
          args: [id, ...roles],
        });
        for (const role of roles)
          statements.push({
            sql: 'INSERT INTO user_roles (user_id, role, assigned_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
            args: [id, role, at],
          });
      }
      if (edit.disabled !== undefined) {
        const value = edit.disabled ? 1 : 0;
        trail(
          'disabled',
          `SELECT ?, ?, ?, ?, CASE disabled WHEN 1 THEN 'true' ELSE 'false' END, ? FROM users WHERE id = ? AND disabled <> ?`,
          [edit.disabled ? 'true' : 'false', id, value],
        );
        statements.push({ sql: 'UPDATE users SET disabled = ? WHERE id = ?', args: [value, id] });
      }
      if (edit.passwordHash !== undefined) {
        // Never the hash itself: only that it changed, and how.
        trail('password', 'VALUES (?, ?, ?, ?, NULL, ?)', ['"set by an admin"']);
        statements.push({
          sql: 'UPDATE users SET password_hash = ? WHERE id = ?',
          args: [edit.passwordHash, id],
        });
      }
      if (edit.roles !== undefined || edit.disabled === false) {
        // Checked inside the transaction, after its other writes: an active account with no role signs in
        // to nothing. Breached, it inserts a trail row without a time, which aborts the whole edit.
        statements.push({
          sql: `${TRAIL} SELECT NULL, NULL, id, 'roles', NULL, NULL FROM users
                WHERE id = ? AND disabled = 0 AND NOT EXISTS (SELECT 1 FROM user_roles WHERE user_id = ?)`,
          args: [id, id],
        });
      }
      const reasons = [edit.revokeReason, edit.disabled ? 'disabled' : undefined].filter(Boolean);
      const revokeAt = statements.length;
      if (reasons.length > 0) statements.push(...revokeAccessStatements(id, at, reasons.join(',')));
      try {
        const rs = await db.client.batch(statements, 'write');
        const ended =
          reasons.length > 0
            ? { sessions: rs[revokeAt]!.rowsAffected, tokens: rs[revokeAt + 1]!.rowsAffected }
            : { sessions: 0, tokens: 0 };
        const row = (await db.client.execute({ sql: 'SELECT * FROM users WHERE id = ?', args: [id] }))
          .rows[0]!;
        return { ok: true, user: toUser(row, await rolesOf(db, id)), ended };
      } catch (error) {
        if (isLastAdmin(error)) return { ok: false, reason: 'last-admin' };
        if (isNoRole(error)) return { ok: false, reason: 'no-role' };
        if (edit.expectedRoles !== undefined && isRolesChanged(error))
          return { ok: false, reason: 'roles-changed' };
        if (edit.resetTwoFactor && isNothingToReset(error))
          return { ok: false, reason: 'two-factor-not-set-up' };
        throw error;
      }
    },

    async changeOwnPassword({ userId: id, expectedHash, passwordHash, at }) {
      // Each statement is guarded by the hash it expects: the old one until the update, the new one
      // after, so a change that lost the race writes no trail row and ends no session.
      const changedNow = 'EXISTS (SELECT 1 FROM users WHERE id = ? AND password_hash = ?)';
      const [, updated, sessions, tokens] = await db.client.batch(
        [
          {
            sql: `${TRAIL} SELECT ?, ?, ?, 'password', NULL, '"changed by its owner"' FROM users WHERE id = ? AND password_hash = ?`,
            args: [at, id, id, id, expectedHash],
          },
          {
            sql: 'UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?',
            args: [passwordHash, id, expectedHash],
          },
          ...revokeAccessStatements(id, at, 'password').map((s) => {
            const { sql, args } = s as { sql: string; args: InValue[] };
            return { sql: `${sql} AND ${changedNow}`, args: [...args, id, passwordHash] };
          }),
        ],
        'write',
      );
      if (updated!.rowsAffected === 0) {
        const exists = await db.client.execute({ sql: 'SELECT 1 FROM users WHERE id = ?', args: [id] });
        return { ok: false, reason: exists.rows.length === 0 ? 'not-found' : 'changed' };
      }
      return { ok: true, ended: { sessions: sessions!.rowsAffected, tokens: tokens!.rowsAffected } };
    },

    async recordAccountChanges({ userId, actorId, at, changes }) {
      if (changes.length === 0) return;
      await db.client.batch(
        changes.map((c) => ({
          sql: `${TRAIL} VALUES (?, ?, ?, ?, ?, ?)`,
          args: [at, actorId, userId, c.what, c.oldValue ?? null, c.newValue ?? null],
        })),
        'write',
      );
    },

    async listAccountChanges(query = {}) {
      const rs = await db.client.execute({
        sql: `SELECT * FROM account_changes ${query.userId !== undefined ? 'WHERE user_id = ?' : ''} ORDER BY id DESC LIMIT ?`,
        args: [...(query.userId !== undefined ? [query.userId] : []), pageLimit(query.limit, 200, 5000)],
      });
      return rs.rows.map(toChange);
    },

    async listUserSessions(userId, now) {
      const rs = await db.client.execute({
        sql: `SELECT * FROM sessions WHERE user_id = ? AND revoked = 0 AND expires_at > ?
              ORDER BY created_at DESC, id LIMIT 200`,
        args: [userId, now],
      });
      return rs.rows.map(toSessionSummary);
    },

    async endUserSession({ userId, sessionId, actorId, at }) {
      const rs = await db.client.batch(
        [
          {
            sql: 'UPDATE sessions SET revoked = 1 WHERE id = ? AND user_id = ? AND revoked = 0 AND expires_at > ?',
            args: [sessionId, userId, at],
          },
          {
            sql: `${TRAIL} SELECT ?, ?, ?, 'sessions', json_quote(?), '"ended"' WHERE changes() = 1`,
            args: [at, actorId, userId, `session ${sessionId.slice(0, 8)}`],
          },
        ],
        'write',
      );
      return rs[0]!.rowsAffected === 1;
    },

    async endUserSessions({ userId, exceptSessionId, actorId, at }) {
      const [ended] = await db.client.batch(
        [
          {
            sql: `UPDATE sessions SET revoked = 1
                  WHERE user_id = ? AND revoked = 0 AND expires_at > ? AND id IS NOT ?`,
            args: [userId, at, exceptSessionId ?? null],
          },
          {
            sql: `${TRAIL} SELECT ?, ?, ?, 'sessions', json_quote(changes() || ' active'), ? WHERE changes() > 0`,
            args: [at, actorId, userId, exceptSessionId ? '"all others ended"' : '"all ended"'],
          },
        ],
        'write',
      );
      return ended!.rowsAffected;
    },

    async createSetPasswordCode({ userId, codeHash, actorId, at, expiresAt }) {
      await db.client.batch(
        [
          {
            sql: `UPDATE set_password_codes SET used_at = ?, redeemed_by = 'superseded' WHERE user_id = ? AND used_at IS NULL`,
            args: [at, userId],
          },
          {
            sql: `INSERT INTO set_password_codes (code_hash, user_id, created_by, created_at, expires_at, used_at, redeemed_by)
                  VALUES (?, ?, ?, ?, ?, NULL, NULL)`,
            args: [codeHash, userId, actorId, at, expiresAt],
          },
          {
            sql: `${TRAIL} VALUES (?, ?, ?, 'set-password-code', NULL, ?)`,
            args: [at, actorId, userId, JSON.stringify({ expiresAt })],
          },
        ],
        'write',
      );
    },

    async redeemSetPasswordCode({ username, codeHash, passwordHash, at }) {
      const nonce = crypto.randomUUID();
      const winner = 'SELECT user_id FROM set_password_codes WHERE code_hash = ? AND redeemed_by = ?';
      const rs = await db.client.batch(
        [
          {
            sql: `UPDATE set_password_codes SET used_at = ?, redeemed_by = ?
                  WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?
                    AND user_id = (SELECT id FROM users WHERE username = ? AND disabled = 0)`,
            args: [at, nonce, codeHash, at, username],
          },
          {
            sql: `UPDATE users SET password_hash = ? WHERE id = (${winner})`,
            args: [passwordHash, codeHash, nonce],
          },
          // Whatever signed in before the new password was chosen ends with it.
          {
            sql: `UPDATE sessions SET revoked = 1 WHERE revoked = 0 AND user_id = (${winner})`,
            args: [codeHash, nonce],
          },
          {
            sql: `UPDATE api_tokens SET revoked = 1, revoked_at = ?, revoked_reason = 'password'
                  WHERE revoked = 0 AND user_id = (${winner})`,
            args: [at, codeHash, nonce],
          },
          {
            sql: `${TRAIL} SELECT ?, user_id, user_id, 'password', NULL, '"set with a one-time code"'
                  FROM set_password_codes WHERE code_hash = ? AND redeemed_by = ?`,
            args: [at, codeHash, nonce],
          },
        ],
        'write',
      );
      if (rs[0]!.rowsAffected !== 1) return null;
      const row = (
        await db.client.execute({ sql: 'SELECT * FROM users WHERE username = ?', args: [username] })
      ).rows[0];
      return row ? toUser(row, await rolesOf(db, text(row, 'id'))) : null;
    },
  };
}
