import {
  ACCOUNT_CHANGES_MOST,
  type AccountChangeView,
  applyStaffList,
  endUserSession,
  endUserSessions,
  heldTaskCount,
  issueSetPasswordCode as issueCodeRoute,
  listAccountChanges,
  listUserSessions,
  previewStaffList as previewRoute,
  type RouteSpec,
  sendInvitation as sendInvitationRoute,
  sendPasswordResetEmail,
} from '@portalflow/contract';
import { csvText } from '@portalflow/engine/text';
import type { AccountChange, User } from '@portalflow/store';
import type { Context } from 'hono';
import { openTasksHeldBy } from '../accounts/held-tasks.ts';
import { knownRoles, roleTitles } from '../accounts/known-roles.ts';
import { type LinkEmailKind, sendLinkEmail } from '../accounts/link-email.ts';
import { returnHeldTasks } from '../accounts/return-held-tasks.ts';
import { rolesEndAccess } from '../accounts/role-change.ts';
import { issueSetPasswordCode } from '../accounts/set-password-code.ts';
import { ImportFileError, type ImportRow, previewStaffList } from '../accounts/staff-import.ts';
import { requireUser } from '../auth/authenticate.ts';
import { sessionView } from '../auth/own-account.ts';
import { has } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, authorizedFirst, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { asOfStamp, attachmentNamed } from '../http/file-name.ts';
import type { ApiDocs } from '../http/openapi.ts';
import type { InstanceService } from '../instances/service.ts';
import { accessEnded } from '../live/access-ended.ts';
import { peopleChanged } from '../live/people-changed.ts';
import { requireAdmin } from './users.ts';

function preview(deps: AppDeps, csv: string): Promise<ImportRow[]> {
  return Promise.all([deps.store.listUsers(), knownRoles(deps)]).then(([users, known]) => {
    try {
      return previewStaffList(csv, users, known);
    } catch (error) {
      if (error instanceof ImportFileError) throw new ApiError(400, 'STAFF_LIST_INVALID', error.message);
      throw error;
    }
  });
}

/** A row refused because another admin changed the person's roles after the preview, in words. */
async function rolesChangedSince(deps: AppDeps, userId: string, name: string): Promise<string> {
  const [now, titles] = await Promise.all([deps.store.getUser(userId), roleTitles(deps)]);
  return `refused: someone changed ${now?.displayName ?? name}'s roles since your preview (now: ${titles(now?.roles ?? [])}); preview the list again to see them`;
}

const counts = (rows: ImportRow[]) => ({
  create: rows.filter((r) => r.action === 'create').length,
  update: rows.filter((r) => r.action === 'update').length,
  unchanged: rows.filter((r) => r.action === 'unchanged').length,
  error: rows.filter((r) => r.action === 'error').length,
});

/**
 * Account administration beyond create and edit (see users.ts): one-time set-password codes,
 * sessions, open tasks held, staff-list import, and the account change trail (also for auditors).
 */
export function accountAdminRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();
  const adminOnly = <R extends RouteSpec>(spec: R) =>
    authorizedFirst(declared(docs, spec), (c) => requireAdmin(requireUser(c)));
  const account = async (id: string): Promise<User> => {
    const found = await deps.store.getUser(id);
    if (!found) throw notFound('The account');
    return found;
  };

  app.openapi(adminOnly(issueCodeRoute), async (c) => {
    const user = requireUser(c);
    const target = await account(c.req.valid('param').id);
    if (target.disabled)
      throw new ApiError(409, 'ACCOUNT_DISABLED', 'Enable the account before giving it a set-password code');
    const { code, expiresAt } = await issueSetPasswordCode(deps, target.id, user.id);
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `set-password code for ${target.id}`,
    });
    return c.json({ setPasswordCode: code, expiresAt }, 201);
  });

  /** An emailed link with a one-time code: refused, said in words, when it cannot reach the person. */
  const emailLink = async (c: Context<AppEnv>, id: string, kind: LinkEmailKind) => {
    const user = requireUser(c);
    const target = await account(id);
    const what = kind === 'invitation' ? 'an invitation' : 'a password reset link';
    if (target.disabled)
      throw new ApiError(409, 'ACCOUNT_DISABLED', `Enable the account before sending it ${what}`);
    if (!deps.config.outbox.smtpUrl) throw ApiError.of('EMAIL_NOT_CONFIGURED');
    const { address } = await deps.store.getEmailPreferences(target.id);
    if (!address)
      throw ApiError.of('NO_EMAIL_ADDRESS', `Give the account a work email address first, then send ${what}`);
    // The admin's id goes in the account change trail: who sent it, never the code.
    const sent = await sendLinkEmail(deps, { kind, user: target, to: address, actorId: user.id });
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `${kind} for ${target.id} ${sent.error ? 'not sent' : 'sent'}`,
    });
    return sent;
  };

  app.openapi(adminOnly(sendInvitationRoute), async (c) => {
    const invitation = await emailLink(c, c.req.valid('param').id, 'invitation');
    return c.json({ invitation }, 200);
  });

  // The same link "Forgot your password" sends (one hour), for a person an admin is helping.
  app.openapi(adminOnly(sendPasswordResetEmail), async (c) => {
    const passwordReset = await emailLink(c, c.req.valid('param').id, 'password-reset-email');
    return c.json({ passwordReset }, 200);
  });

  app.openapi(adminOnly(listUserSessions), async (c) => {
    const user = requireUser(c);
    const target = await account(c.req.valid('param').id);
    const sessions = await deps.store.listUserSessions(target.id, deps.clock());
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `sessions of ${target.id}`,
    });
    return c.json(
      {
        sessions: sessions.map((s) => sessionView(s, user.sessionId)),
      },
      200,
    );
  });

  app.openapi(adminOnly(endUserSession), async (c) => {
    const user = requireUser(c);
    const target = await account(c.req.valid('param').id);
    const ended = await deps.store.endUserSession({
      userId: target.id,
      sessionId: c.req.valid('param').sessionId,
      actorId: user.id,
      at: deps.clock(),
    });
    if (!ended) throw notFound('The session');
    // Its live streams end on every process, not at their next periodic check.
    await accessEnded(deps, target.id);
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `ended a session of ${target.id}`,
    });
    return c.json({ ended: 1 as const }, 200);
  });

  app.openapi(adminOnly(endUserSessions), async (c) => {
    const user = requireUser(c);
    const target = await account(c.req.valid('param').id);
    const n = await deps.store.endUserSessions({ userId: target.id, actorId: user.id, at: deps.clock() });
    if (n > 0) await accessEnded(deps, target.id);
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `ended ${n} sessions of ${target.id}`,
    });
    return c.json({ ended: n }, 200);
  });

  // Asked before a disable or a role change, so the admin knows how much work goes back to the pools:
  // counts only, per role (a removed role's tasks go back).
  app.openapi(adminOnly(heldTaskCount), async (c) => {
    const user = requireUser(c);
    const target = await account(c.req.valid('param').id);
    const held = await openTasksHeldBy(deps.store, target.id);
    const byRole: Record<string, number> = {};
    for (const task of held) byRole[task.role] = (byRole[task.role] ?? 0) + 1;
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `open tasks held by ${target.id}`,
    });
    return c.json({ open: held.length, byRole }, 200);
  });

  app.openapi(adminOnly(previewRoute), async (c) => {
    const rows = await preview(deps, c.req.valid('json').csv);
    return c.json({ rows, counts: counts(rows) }, 200);
  });

  app.openapi(adminOnly(applyStaffList), async (c) => {
    const user = requireUser(c);
    const { csv, seenRoles } = c.req.valid('json');
    const rows = await preview(deps, csv);
    if (rows.some((r) => r.action === 'error'))
      throw new ApiError(
        422,
        'STAFF_LIST_HAS_ERRORS',
        'Fix the rows marked as errors first; nothing was written',
        {
          rows: rows.filter((r) => r.action === 'error'),
        },
      );
    const at = deps.clock();
    const codes: Array<{
      username: string;
      displayName: string;
      setPasswordCode: string;
      expiresAt: string;
    }> = [];
    const byName = new Map((await deps.store.listUsers()).map((u) => [u.username.toLowerCase(), u]));
    const results: Array<ImportRow & { outcome: string }> = [];
    let tasksReturned = 0;
    for (const row of rows) {
      if (row.action === 'create') {
        const made = await deps.store.createUser({
          username: row.username,
          passwordHash: '!unset',
          displayName: row.displayName,
          roles: row.roles,
          at,
        });
        if (!made.ok) {
          results.push({ ...row, outcome: 'username taken meanwhile' });
          continue;
        }
        await deps.store.recordAccountChanges({
          userId: made.user.id,
          actorId: user.id,
          at,
          changes: [
            {
              what: 'created',
              newValue: JSON.stringify({
                username: row.username,
                displayName: row.displayName,
                roles: row.roles,
                via: 'staff list',
              }),
            },
          ],
        });
        await peopleChanged(deps, made.user.id, row.roles);
        const code = await issueSetPasswordCode(deps, made.user.id, user.id);
        codes.push({
          username: row.username,
          displayName: row.displayName,
          setPasswordCode: code.code,
          expiresAt: code.expiresAt,
        });
        results.push({ ...row, outcome: 'created' });
      } else if (row.action === 'update') {
        const existing = byName.get(row.username)!;
        const rolesChanged = row.roles.join(';') !== [...existing.roles].sort().join(';');
        // The roles the admin saw in the preview, checked in the write's transaction: another admin's
        // change since is not undone unseen (as on the person's own screen).
        const seen = seenRoles?.[row.username];
        const edited = await deps.store.editAccount({
          userId: existing.id,
          actorId: user.id,
          at,
          displayName: row.displayName,
          roles: row.roles,
          ...(rolesChanged && seen ? { expectedRoles: seen } : {}),
          ...(rolesChanged && (await rolesEndAccess(deps, existing.id, row.roles))
            ? { revokeReason: 'roles' }
            : {}),
        });
        // Streams opened under the old roles end on every process now, not at their next periodic check.
        if (edited.ok && rolesChanged) await accessEnded(deps, existing.id);
        if (edited.ok) await peopleChanged(deps, existing.id, [...existing.roles, ...row.roles]);
        // What they hold in a role the list takes away goes back to its pool, as on Save roles.
        const removedRoles = new Set(existing.roles.filter((r) => !row.roles.includes(r)));
        if (edited.ok && removedRoles.size > 0)
          tasksReturned += await returnHeldTasks(
            { store: deps.store, instances },
            user,
            existing.id,
            { removedRoles },
            accessEntry(deps, c, user, {
              category: 'phi',
              outcome: 'allow',
              detail: 'returned to its pool: its holder no longer has the role',
            }),
          );
        results.push({
          ...row,
          outcome: edited.ok
            ? 'updated'
            : edited.reason === 'last-admin'
              ? 'refused: last active admin'
              : edited.reason === 'no-role'
                ? 'refused: an active account needs a role'
                : edited.reason === 'roles-changed'
                  ? await rolesChangedSince(deps, existing.id, row.displayName)
                  : 'not found',
        });
      } else results.push({ ...row, outcome: 'unchanged' });
    }
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `staff list: ${codes.length} created, ${results.filter((r) => r.outcome === 'updated').length} updated${tasksReturned > 0 ? `; ${tasksReturned} open tasks back to their pools` : ''}`,
    });
    return c.json({ rows: results, codes }, 200);
  });

  return app;
}

/** The account change trail, old → new: admins and auditors read it, as JSON or a CSV download. */
export function accountChangeRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  const adminOrAuditor = async (c: Context<AppEnv>) => {
    const user = requireUser(c);
    if (has(user, 'admin') || has(user, 'auditor')) return;
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'deny',
      detail: 'account change trail',
    });
    throw forbidden('Only admins and auditors read the account change trail');
  };
  app.openapi(authorizedFirst(declared(docs, listAccountChanges), adminOrAuditor), async (c) => {
    const user = requireUser(c);
    const q = c.req.valid('query');
    const [changes, users] = await Promise.all([
      deps.store.listAccountChanges({
        ...(q.userId !== undefined ? { userId: q.userId } : {}),
        // A file is the whole trail an auditor takes away (up to the most one read gives), not the
        // screen's newest page.
        ...(q.limit !== undefined
          ? { limit: q.limit }
          : q.format === 'csv'
            ? { limit: ACCOUNT_CHANGES_MOST }
            : {}),
      }),
      deps.store.listUsers(),
    ]);
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    const view = (ch: AccountChange): AccountChangeView => ({
      ...ch,
      actorName: ch.actorId ? (names.get(ch.actorId) ?? ch.actorId) : null,
      userName: names.get(ch.userId) ?? ch.userId,
    });
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: 'account change trail',
    });
    if (q.format === 'csv') {
      // The one CSV writer of every export: names come from admins, staff lists and sign-on providers.
      const csv = csvText([
        ['at', 'by', 'account', 'what', 'old', 'new'],
        ...changes.map(view).map((v) => [v.at, v.actorName, v.userName, v.what, v.oldValue, v.newValue]),
      ]);
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': attachmentNamed(`account-changes-as-of-${asOfStamp(deps.clock())}.csv`),
      });
    }
    return c.json({ changes: changes.map(view) }, 200);
  });
  return app;
}
