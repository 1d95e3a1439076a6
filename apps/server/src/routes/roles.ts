import {
  approveRole,
  getRole,
  listRoles,
  type RoleDetail,
  type RoleSummary,
  roleJobDescription,
  saveJobText,
} from '@portalflow/contract';
import { jobDescription, jobDescriptionHtml, jobDescriptionMarkdown } from '@portalflow/engine';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, isLead } from '../auth/roles.ts';
import type { DefinitionCache } from '../definitions/cache.ts';
import type { AppDeps } from '../deps.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { type RoleEntry, roleCatalog } from '../roles/catalog.ts';

function requireLead(user: AuthUser): void {
  if (!isLead(user)) throw forbidden('Only designers and admins edit and sign off job descriptions');
}

/** The catalog entry as the API shows it: the role, its holders, sign-off state and duties. */
function summary(e: RoleEntry): RoleSummary {
  const steps = e.duties.workflows.reduce((n, w) => n + w.steps.length, 0);
  return {
    id: e.duties.roleId,
    name: e.duties.name,
    department: e.duties.department ?? '',
    description: e.duties.description ?? '',
    holders: e.holders,
    state: e.state,
    approvedAt: e.approval?.approvedAt ?? null,
    approvedBy: e.approverName,
    counts: {
      workflows: e.duties.workflows.length,
      steps,
      escalations: e.duties.workflows.reduce((n, w) => n + w.escalations.length, 0),
      changes: e.changes?.count ?? 0,
    },
  };
}

function detail(e: RoleEntry, names: Map<string, string>): RoleDetail {
  const roleName = (id: string) => names.get(id) ?? id;
  return {
    role: summary(e),
    duties: e.duties,
    text: e.text,
    textRevision: e.textRevision,
    fingerprint: e.fingerprint,
    changes: e.changes,
    textChanged: e.textChanged,
    approvedText: e.approval?.jobText ?? null,
    jobDescription: jobDescription(e.duties, e.text, roleName),
  };
}

export function roleRoutes(deps: AppDeps, docs: ApiDocs, versions: DefinitionCache): ApiRoutes {
  const app = apiRoutes();
  const load = async (id: string) => {
    const all = await roleCatalog(deps.store, versions);
    const entry = all.find((e) => e.duties.roleId === id);
    if (!entry) throw notFound(`Role '${id}'`);
    return { entry, names: new Map(all.map((e) => [e.duties.roleId, e.duties.name])) };
  };

  app.openapi(declared(docs, listRoles), async (c) => {
    requireUser(c);
    const all = await roleCatalog(deps.store, versions);
    return c.json({ roles: all.map(summary) }, 200);
  });

  app.openapi(declared(docs, getRole), async (c) => {
    requireUser(c);
    const { entry, names } = await load(c.req.valid('param').id);
    return c.json(detail(entry, names), 200);
  });

  app.openapi(declared(docs, roleJobDescription), async (c) => {
    requireUser(c);
    const { format } = c.req.valid('query');
    const { entry, names } = await load(c.req.valid('param').id);
    const job = jobDescription(entry.duties, entry.text, (id) => names.get(id) ?? id);
    const file = `${entry.duties.roleId}-job-description.${format}`;
    c.header('Content-Disposition', `attachment; filename="${file}"`);
    return format === 'md'
      ? c.body(jobDescriptionMarkdown(job), 200, { 'Content-Type': 'text/markdown; charset=utf-8' })
      : c.body(jobDescriptionHtml(job), 200, { 'Content-Type': 'text/html; charset=utf-8' });
  });

  app.openapi(declared(docs, saveJobText), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    await load(id);
    const { revision, ...text } = input;
    const saved = await deps.store.saveJobText({
      roleId: id,
      ...text,
      expectedRevision: revision,
      updatedBy: user.id,
      at: deps.clock(),
    });
    if (!saved.ok) {
      const current = saved.current;
      // A retried save that already went through is not a conflict.
      const same =
        current &&
        current.revision === revision + 1 &&
        current.updatedBy === user.id &&
        (['reportsTo', 'skills', 'languages', 'hours'] as const).every((k) => current[k] === text[k]);
      if (!same)
        throw new ApiError(
          409,
          'STALE_REVISION',
          'Someone else changed this job description; review their text first',
          {
            current,
          },
        );
    }
    const { entry, names } = await load(id);
    return c.json(detail(entry, names), 200);
  });

  app.openapi(declared(docs, approveRole), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const { id } = c.req.valid('param');
    const { fingerprint } = c.req.valid('json');
    const { entry, names } = await load(id);
    if (entry.fingerprint !== fingerprint)
      throw new ApiError(
        409,
        'CHANGED_SINCE_REVIEW',
        'The job description changed since you opened it; review it again',
        {
          fingerprint: entry.fingerprint,
        },
      );
    // Approving what is already approved changes nothing (a retry, or a second lead).
    if (entry.state !== 'approved') {
      await deps.store.addJobApproval({
        roleId: id,
        fingerprint,
        duties: entry.duties,
        jobText: entry.text,
        approvedBy: user.id,
        approvedAt: deps.clock(),
      });
    }
    return c.json(detail((await load(id)).entry, names), 200);
  });

  return app;
}
