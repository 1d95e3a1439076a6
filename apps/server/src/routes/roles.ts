import { jobDescription, jobDescriptionHtml, jobDescriptionMarkdown } from '@portalflow/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, isLead } from '../auth/roles.ts';
import type { DefinitionCache } from '../definitions/cache.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body, query } from '../http/validate.ts';
import { type RoleEntry, roleCatalog } from '../roles/catalog.ts';

const field = z.string().max(2000);
export const JobTextBody = z
  .object({
    reportsTo: field,
    skills: field,
    languages: field,
    hours: field,
    revision: z.number().int().min(0),
  })
  .strict();
export const ApproveBody = z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
const ExportQuery = z.object({ format: z.enum(['md', 'html']) }).strict();

function requireLead(user: AuthUser): void {
  if (!isLead(user)) throw forbidden('Only designers and admins edit and sign off job descriptions');
}

/** The catalog entry as the API shows it: the role, its holders, sign-off state and duties. */
function summary(e: RoleEntry) {
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

function detail(e: RoleEntry, names: Map<string, string>) {
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

export function roleRoutes(deps: AppDeps, docs: ApiDocs, versions: DefinitionCache): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const load = async (id: string) => {
    const all = await roleCatalog(deps.store, versions);
    const entry = all.find((e) => e.duties.roleId === id);
    if (!entry) throw notFound(`Role '${id}'`);
    return { entry, names: new Map(all.map((e) => [e.duties.roleId, e.duties.name])) };
  };

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/roles',
    summary: 'Role catalog: every role of the published workflows, its holders and sign-off state',
    tag: 'roles',
  });
  app.get('/', async (c) => {
    requireUser(c);
    const all = await roleCatalog(deps.store, versions);
    return c.json({ roles: all.map(summary) });
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/roles/{id}',
    summary: 'One role: derived duties, job description, editable text and what changed since sign-off',
    tag: 'roles',
    responses: { 200: 'Role', 404: 'No such role in the published workflows' },
  });
  app.get('/:id', async (c) => {
    requireUser(c);
    const { entry, names } = await load(c.req.param('id'));
    return c.json(detail(entry, names));
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/roles/{id}/job-description',
    summary: 'The job description as a Markdown or HTML download',
    tag: 'roles',
    query: ExportQuery,
    responses: { 200: 'The document', 404: 'No such role' },
  });
  app.get('/:id/job-description', async (c) => {
    requireUser(c);
    const { format } = query(c, ExportQuery);
    const { entry, names } = await load(c.req.param('id'));
    const job = jobDescription(entry.duties, entry.text, (id) => names.get(id) ?? id);
    const file = `${entry.duties.roleId}-job-description.${format}`;
    c.header('Content-Disposition', `attachment; filename="${file}"`);
    return format === 'md'
      ? c.body(jobDescriptionMarkdown(job), 200, { 'Content-Type': 'text/markdown; charset=utf-8' })
      : c.body(jobDescriptionHtml(job), 200, { 'Content-Type': 'text/html; charset=utf-8' });
  });

  docs.add({
    instanceData: false,
    method: 'put',
    path: '/api/roles/{id}/job-text',
    summary:
      'Save the hand-written part of the job description (lead); 409 when someone saved since `revision`',
    tag: 'roles',
    body: JobTextBody,
    idempotent: true,
    responses: { 200: 'Saved', 403: 'Not a lead', 404: 'No such role', 409: 'Stale revision' },
  });
  app.put('/:id/job-text', async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const id = c.req.param('id');
    const input = await body(c, JobTextBody);
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
    return c.json(detail(entry, names));
  });

  docs.add({
    instanceData: false,
    method: 'post',
    path: '/api/roles/{id}/approve',
    summary: 'Sign off the current job description (lead); `fingerprint` is the version you reviewed',
    tag: 'roles',
    body: ApproveBody,
    idempotent: true,
    responses: {
      200: 'Approved',
      403: 'Not a lead',
      404: 'No such role',
      409: 'It changed since you reviewed it',
    },
  });
  app.post('/:id/approve', async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const id = c.req.param('id');
    const { fingerprint } = await body(c, ApproveBody);
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
    return c.json(detail((await load(id)).entry, names));
  });

  return app;
}
