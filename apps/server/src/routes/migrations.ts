import { parkableSteps } from '@portalflow/engine';
import { type Context, Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, isAuditor, isLead } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body, optionalBody, query } from '../http/validate.ts';
import { idempotencyKeyReused } from '../instances/service.ts';
import { CreatePlanBody, EditPlanBody, PlanListQuery, RunScopeBody } from '../migrations/schemas.ts';
import type { MigrationService, PlanContext } from '../migrations/service.ts';

const requireLead = (user: AuthUser) => {
  if (!isLead(user)) throw forbidden('Only designers and admins migrate instances');
};
const requireReader = (user: AuthUser) => {
  if (!isLead(user) && !isAuditor(user)) throw forbidden('Only leads and auditors read migration plans');
};

/** The plan with what the screen needs to edit it: the steps of A that can hold an instance, and B's. */
function planView({ plan, from, to }: PlanContext) {
  const stepList = (d: typeof from) =>
    parkableSteps(d).map((id) => {
      const step = d.steps[id]!;
      const role = step.type === 'task' ? (step.role ?? null) : null;
      return {
        id,
        kind: step.type,
        title: step.title ?? id,
        role,
        roleName: role ? (d.roles.find((r) => r.id === role)?.name ?? role) : null,
      };
    });
  return { plan, workflow: from.title, from: stepList(from), to: stepList(to) };
}

export function migrationRoutes(deps: AppDeps, docs: ApiDocs, migrations: MigrationService): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /**
   * Runs `work` once per Idempotency-Key: a retried request gets the first answer instead of acting
   * again (a second apply would otherwise start another run once the first finished).
   */
  async function once(
    c: Context<AppEnv>,
    user: AuthUser,
    status: 200 | 201 | 202,
    work: () => Promise<object>,
  ): Promise<Response> {
    const idempotency = idempotencyOf(c);
    if (idempotency) {
      const seen = await deps.store.getIdempotency(idempotency.key, user.id);
      if (seen) {
        if (seen.route !== idempotency.route) throw idempotencyKeyReused();
        return c.json(seen.response as object, seen.status as 200);
      }
    }
    const response = await work();
    if (idempotency) {
      await deps.store.saveIdempotency({
        key: idempotency.key,
        userId: user.id,
        route: idempotency.route,
        status,
        response,
        createdAt: deps.clock(),
      });
    }
    return c.json(response, status);
  }

  docs.add({
    instanceData: false,
    method: 'post',
    path: '/api/migrations',
    summary:
      'Plan a migration of running instances from one version to another (lead); mapping proposed by step id',
    tag: 'migrations',
    body: CreatePlanBody,
    idempotent: true,
    responses: { 201: 'Plan created', 404: 'No such version', 422: 'Impossible mapping or same version' },
  });
  app.post('/', async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const input = await body(c, CreatePlanBody);
    return once(c, user, 201, async () => planView(await migrations.create(user, input)));
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/migrations',
    summary: "A workflow's migration plans (leads, auditors)",
    tag: 'migrations',
    query: PlanListQuery,
  });
  app.get('/', async (c) => {
    const user = requireUser(c);
    requireReader(user);
    const { definitionId } = query(c, PlanListQuery);
    return c.json({ plans: await deps.store.listMigrationPlans(definitionId) });
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/migrations/{id}',
    summary: 'A plan with its step lists and runs (leads, auditors)',
    tag: 'migrations',
    responses: { 200: 'Plan', 404: 'No such plan' },
  });
  app.get('/:id', async (c) => {
    const user = requireUser(c);
    requireReader(user);
    const context = await migrations.context(c.req.param('id'));
    return c.json({ ...planView(context), runs: await deps.store.listMigrationRuns(context.plan.id) });
  });

  docs.add({
    instanceData: false,
    method: 'put',
    path: '/api/migrations/{id}',
    summary:
      'Edit the step mapping; refused (409) when someone edited since `revision`, (422) when impossible',
    tag: 'migrations',
    body: EditPlanBody,
    idempotent: true,
    responses: { 200: 'Saved', 409: 'Stale revision', 422: 'Impossible mapping' },
  });
  app.put('/:id', async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const input = await body(c, EditPlanBody);
    return once(c, user, 200, async () =>
      planView(await migrations.edit(c.req.param('id'), input.mapping, input.revision)),
    );
  });

  docs.add({
    instanceData: false,
    method: 'post',
    path: '/api/migrations/{id}/dry-run',
    summary:
      'Where every running instance would land, with its new owner role, or why it cannot move (lead); practice instances only with includePractice',
    tag: 'migrations',
    body: RunScopeBody,
    responses: { 200: 'Dry run', 404: 'No such plan' },
  });
  app.post('/:id/dry-run', async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const scope = await optionalBody(c, RunScopeBody);
    const { context, rows } = await migrations.dryRun(c.req.param('id'), scope);
    await recordAccess(deps, c, user, {
      category: 'instance-list',
      outcome: 'allow',
      detail: `migration dry run: ${rows.length} instances`,
    });
    c.header('Cache-Control', 'no-store');
    return c.json({
      plan: context.plan,
      summary: {
        total: rows.length,
        movable: rows.filter((r) => r.ok).length,
        blocked: rows.filter((r) => !r.ok).length,
        practice: rows.filter((r) => r.practice).length,
      },
      rows,
    });
  });

  docs.add({
    instanceData: false,
    method: 'post',
    path: '/api/migrations/{id}/apply',
    summary:
      'Start moving the instances, one at a time, each atomically (lead); practice instances only with includePractice',
    tag: 'migrations',
    body: RunScopeBody,
    idempotent: true,
    responses: { 202: 'Run started', 409: 'A run of this plan is going', 422: 'Impossible mapping' },
  });
  app.post('/:id/apply', async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const scope = await optionalBody(c, RunScopeBody);
    return once(c, user, 202, async () => ({
      run: await migrations.apply(user, c.req.param('id'), {}, scope),
    }));
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/migrations/{id}/runs/{runId}',
    summary: 'A run: status, counts and the result for each instance (leads, auditors)',
    tag: 'migrations',
    responses: { 200: 'Run', 404: 'No such run' },
  });
  app.get('/:id/runs/:runId', async (c) => {
    const user = requireUser(c);
    requireReader(user);
    const run = await deps.store.getMigrationRun(c.req.param('runId'));
    if (!run || run.planId !== c.req.param('id')) throw notFound('The migration run');
    return c.json({ run, results: await deps.store.listMigrationResults(run.id) });
  });

  docs.add({
    instanceData: false,
    method: 'post',
    path: '/api/migrations/{id}/runs/{runId}/stop',
    summary: 'Stop a run after the instance it is on (lead); moved instances stay moved',
    tag: 'migrations',
    idempotent: true,
    responses: { 200: 'Stopping or stopped', 404: 'No such run' },
  });
  app.post('/:id/runs/:runId/stop', async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const run = await deps.store.getMigrationRun(c.req.param('runId'));
    if (!run || run.planId !== c.req.param('id')) throw notFound('The migration run');
    return once(c, user, 200, async () => ({ run: await migrations.stop(run.id) }));
  });

  return app;
}
