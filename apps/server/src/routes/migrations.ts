import {
  applyMigration,
  createMigrationPlan,
  dryRunMigration,
  editMigrationPlan,
  getMigrationPlan,
  getMigrationRun,
  listMigrationPlans,
  type PlanView,
  stopMigrationRun,
} from '@portalflow/contract';
import { parkableSteps } from '@portalflow/engine';
import type { Context } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, isAuditor, isLead } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { idempotencyKeyReused } from '../instances/service.ts';
import type { MigrationService, PlanContext } from '../migrations/service.ts';

const requireLead = (user: AuthUser) => {
  if (!isLead(user)) throw forbidden('Only designers and admins migrate instances');
};
const requireReader = (user: AuthUser) => {
  if (!isLead(user) && !isAuditor(user)) throw forbidden('Only leads and auditors read migration plans');
};

/** The plan with what the screen needs to edit it: the steps of A that can hold an instance, and B's. */
function planView({ plan, from, to }: PlanContext): PlanView {
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

export function migrationRoutes(deps: AppDeps, docs: ApiDocs, migrations: MigrationService): ApiRoutes {
  const app = apiRoutes();

  /**
   * Runs `work` once per Idempotency-Key: a retried request gets the first answer instead of acting
   * again (a second apply would otherwise start another run once the first finished).
   */
  async function once<B extends object, S extends 200 | 201 | 202>(
    c: Context<AppEnv>,
    user: AuthUser,
    status: S,
    work: () => Promise<B>,
  ) {
    const idempotency = idempotencyOf(c);
    if (idempotency) {
      const seen = await deps.store.getIdempotency(idempotency.key, user.id);
      if (seen) {
        if (seen.route !== idempotency.route) throw idempotencyKeyReused();
        return c.json(seen.response as B, seen.status as S);
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

  app.openapi(declared(docs, createMigrationPlan), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const input = c.req.valid('json');
    return once(c, user, 201, async () => planView(await migrations.create(user, input)));
  });

  app.openapi(declared(docs, listMigrationPlans), async (c) => {
    const user = requireUser(c);
    requireReader(user);
    const { definitionId } = c.req.valid('query');
    return c.json({ plans: await deps.store.listMigrationPlans(definitionId) }, 200);
  });

  app.openapi(declared(docs, getMigrationPlan), async (c) => {
    const user = requireUser(c);
    requireReader(user);
    const context = await migrations.context(c.req.valid('param').id);
    return c.json({ ...planView(context), runs: await deps.store.listMigrationRuns(context.plan.id) }, 200);
  });

  app.openapi(declared(docs, editMigrationPlan), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const input = c.req.valid('json');
    return once(c, user, 200, async () =>
      planView(await migrations.edit(c.req.valid('param').id, input.mapping, input.revision)),
    );
  });

  app.openapi(declared(docs, dryRunMigration), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const scope = c.req.valid('json');
    const { context, rows } = await migrations.dryRun(c.req.valid('param').id, scope);
    await recordAccess(deps, c, user, {
      category: 'instance-list',
      outcome: 'allow',
      detail: `migration dry run: ${rows.length} instances`,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        plan: context.plan,
        summary: {
          total: rows.length,
          movable: rows.filter((r) => r.ok).length,
          blocked: rows.filter((r) => !r.ok).length,
          practice: rows.filter((r) => r.practice).length,
        },
        rows,
      },
      200,
    );
  });

  app.openapi(declared(docs, applyMigration), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const scope = c.req.valid('json');
    return once(c, user, 202, async () => ({
      run: await migrations.apply(user, c.req.valid('param').id, {}, scope),
    }));
  });

  app.openapi(declared(docs, getMigrationRun), async (c) => {
    const user = requireUser(c);
    requireReader(user);
    const { id, runId } = c.req.valid('param');
    const run = await deps.store.getMigrationRun(runId);
    if (!run || run.planId !== id) throw notFound('The migration run');
    return c.json({ run, results: await deps.store.listMigrationResults(run.id) }, 200);
  });

  app.openapi(declared(docs, stopMigrationRun), async (c) => {
    const user = requireUser(c);
    requireLead(user);
    const { id, runId } = c.req.valid('param');
    const run = await deps.store.getMigrationRun(runId);
    if (!run || run.planId !== id) throw notFound('The migration run');
    return once(c, user, 200, async () => ({ run: await migrations.stop(run.id) }));
  });

  return app;
}
