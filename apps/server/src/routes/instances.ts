import { Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { canAct, isAuditor, isLead } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import {
  CancelBody,
  InstanceSearchBody,
  ListInstancesQuery,
  SignalBody,
  StartInstanceBody,
} from '../http/schemas.ts';
import { body, optionalBody, query } from '../http/validate.ts';
import { actingRole, canReadInstance, canStart } from '../instances/access.ts';
import { instanceReply } from '../instances/replies.ts';
import {
  type Applied,
  historyWarningHeader,
  type InstanceService,
  idempotencyKeyReused,
} from '../instances/service.ts';
import { instanceView } from '../instances/view.ts';
import { listedDetail, requestLabels } from '../requests/subjects.ts';

export function instanceRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  docs.add({
    method: 'post',
    path: '/api/instances',
    summary: 'Start an instance of a published workflow',
    tag: 'instances',
    instanceData: true,
    body: StartInstanceBody,
    idempotent: true,
    responses: {
      201: 'Started',
      400: 'Start data that presets a field a step owns (FIELD_OWNED)',
      403: 'Your roles cannot start this workflow',
      404: 'No published version',
    },
  });
  app.post('/', async (c) => {
    const user = requireUser(c);
    const input = await body(c, StartInstanceBody);
    const idempotency = idempotencyOf(c);
    if (idempotency) {
      const seen = await deps.store.getIdempotency(idempotency.key, user.id);
      if (seen && seen.route !== idempotency.route) throw idempotencyKeyReused();
      if (seen) return c.json(seen.response as object, seen.status as 201);
    }
    const version = await deps.store.getVersion(input.definitionId, input.version);
    const definition = version ? await instances.definition(version.definitionId, version.version) : null;
    if (definition && (!canAct(user) || !canStart(user, definition))) {
      await recordAccess(deps, c, user, {
        category: 'phi',
        outcome: 'deny',
        detail: `start ${input.definitionId}`,
      });
      throw forbidden(`Your roles cannot start '${input.definitionId}'`);
    }
    const role = definition ? (actingRole(user, definition) ?? user.roles[0] ?? null) : null;
    const start: Parameters<InstanceService['start']>[1] = {
      definitionId: input.definitionId,
      data: input.data,
      calendar: deps.calendar,
    };
    if (input.version !== undefined) start.version = input.version;
    if (input.practice !== undefined) start.practice = input.practice;
    const applied = await instances.start({ user, role }, start, {
      idempotency,
      access: accessEntry(deps, c, user, { category: 'phi', outcome: 'allow', detail: 'start' }),
    });
    // The allowed access was logged in the change's own commit; a replayed request is logged here.
    if (applied.replayed) {
      await recordAccess(deps, c, user, {
        instanceId: applied.instance.id,
        category: 'phi',
        outcome: 'allow',
        detail: 'start (replayed)',
      });
      return c.json(applied.replayed.response as object, applied.replayed.status as 201);
    }
    return c.json(instanceReply(applied), 201);
  });

  docs.add({
    method: 'get',
    path: '/api/instances',
    summary: 'Find instances (leads and auditors: all; staff: ones they took part in)',
    tag: 'instances',
    instanceData: true,
    query: ListInstancesQuery,
  });
  app.get('/', async (c) => {
    const user = requireUser(c);
    const q = query(c, ListInstancesQuery);
    // A break-glass grant lets its holder find instances outside their roles (the rows are flagged).
    const everyone = isLead(user) || isAuditor(user) || user.emergency !== undefined;
    if (!isLead(user) && !isAuditor(user) && user.emergency) user.emergencyUsed = true;
    const filter: Parameters<typeof deps.store.listInstances>[0] = { practice: q.practice === 'true' };
    if (q.definitionId) filter.definitionId = q.definitionId;
    if (q.status) filter.status = q.status;
    if (q.from) filter.startedFrom = new Date(q.from).toISOString();
    if (q.to) filter.startedTo = new Date(q.to).toISOString();
    if (q.limit) filter.limit = q.limit;
    if (q.cursor) filter.cursor = q.cursor;
    if (!everyone) filter.actor = user.id;
    else if (q.person) filter.actor = q.person;
    const page = await deps.store.listInstances(filter);
    const labels = await requestLabels(
      deps,
      instances,
      page.items.map((i) => i.id),
    );
    const items = page.items.map((i) => ({ ...i, subject: labels.get(i.id)?.subject ?? null }));
    // Rows carry each request's subject (patient data): the read names every instance it showed.
    await recordAccess(deps, c, user, {
      category: 'instance-list',
      outcome: 'allow',
      detail: listedDetail(
        'instances',
        items.map((i) => ({ instanceId: i.id })),
      ),
    });
    return c.json({ ...page, items });
  });

  docs.add({
    method: 'post',
    path: '/api/instances/search',
    summary:
      'Find instances by patient reference or by the name of a person who worked on them (leads and auditors: all; staff: their own)',
    tag: 'instances',
    instanceData: true,
    body: InstanceSearchBody,
    responses: { 200: 'A page of instances', 400: 'Nothing to search for' },
  });
  app.post('/search', async (c) => {
    const user = requireUser(c);
    const q = await body(c, InstanceSearchBody);
    if (q.patient === undefined && q.personName === undefined)
      throw new ApiError(400, 'VALIDATION_FAILED', 'Give a patient reference or a person name to search for');
    const everyone = isLead(user) || isAuditor(user);
    const filter: Parameters<typeof deps.store.listInstances>[0] = { practice: q.practice === true };
    if (q.definitionId) filter.definitionId = q.definitionId;
    if (q.status) filter.status = q.status;
    if (q.limit) filter.limit = q.limit;
    if (q.cursor) filter.cursor = q.cursor;
    if (!everyone) filter.actor = user.id;
    const searches: string[] = [];
    if (q.patient !== undefined) {
      filter.dataValue = q.patient;
      searches.push('patient reference');
    }
    if (q.personName !== undefined) {
      const needle = q.personName.toLowerCase();
      const people = (await deps.store.listUsers()).filter(
        (u) => u.displayName.toLowerCase().includes(needle) || u.username.toLowerCase().includes(needle),
      );
      filter.actors = people.map((u) => u.id);
      searches.push('person name');
    }
    const page = await deps.store.listInstances(filter);
    // The search term is left out (a patient reference is patient data); which requests it showed is kept.
    const n = page.items.length;
    const ids = n > 0 ? ` (${page.items.map((i) => i.id).join(', ')})` : '';
    await recordAccess(deps, c, user, {
      category: 'instance-list',
      outcome: 'allow',
      detail: `search by ${searches.join(' and ')}: ${n} ${n === 1 ? 'instance' : 'instances'}${ids}`,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(page);
  });

  docs.add({
    method: 'get',
    path: '/api/instances/{id}',
    summary: 'State, active steps, owning roles, assignees and data',
    tag: 'instances',
    instanceData: true,
    responses: { 200: 'Instance', 403: 'Not yours to read', 404: 'No such instance' },
  });
  app.get('/:id', async (c) => {
    const user = requireUser(c);
    const { instance, definition } = await instances.load(c.req.param('id'));
    if (!(await canReadInstance(user, instance, deps.store))) {
      await recordAccess(deps, c, user, { instanceId: instance.id, category: 'phi', outcome: 'deny' });
      throw forbidden('You have no task in this instance');
    }
    await recordAccess(deps, c, user, { instanceId: instance.id, category: 'phi', outcome: 'allow' });
    const tasks = await deps.store.listInstanceTasks(instance.id);
    return c.json({ instance: instanceView(instance, definition), tasks });
  });

  docs.add({
    method: 'post',
    path: '/api/instances/{id}/signal',
    summary: 'Deliver an outside signal (e.g. patient-replied)',
    tag: 'instances',
    instanceData: true,
    body: SignalBody,
    idempotent: true,
    responses: {
      200: 'Delivered',
      400: 'Data the waiting step does not declare (a wait declares none)',
      409: 'Nothing waits for it',
    },
  });
  app.post('/:id/signal', async (c) => {
    const user = requireUser(c);
    const input = await body(c, SignalBody);
    const instanceId = c.req.param('id');
    let applied: Applied;
    try {
      applied = await instances.act(
        { user, role: null },
        instanceId,
        { type: 'signal', name: input.name, data: input.data ?? {} },
        {
          idempotency: idempotencyOf(c),
          access: accessEntry(deps, c, user, { category: 'phi', outcome: 'allow', detail: 'signal' }),
        },
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 403)
        await recordAccess(deps, c, user, { instanceId, category: 'phi', outcome: 'deny', detail: 'signal' });
      throw error;
    }
    // The allowed access was logged in the change's own commit; a replayed request is logged here.
    if (applied.replayed) {
      await recordAccess(deps, c, user, {
        instanceId: applied.instance.id,
        category: 'phi',
        outcome: 'allow',
        detail: 'signal (replayed)',
      });
      return c.json(applied.replayed.response as object, applied.replayed.status as 200);
    }
    if (applied.historyWarning) c.header('Portalflow-Warning', historyWarningHeader(applied.historyWarning));
    return c.json(instanceReply(applied));
  });

  docs.add({
    method: 'post',
    path: '/api/instances/{id}/cancel',
    summary: 'Cancel an instance (leads)',
    tag: 'instances',
    instanceData: true,
    body: CancelBody,
    idempotent: true,
    responses: { 200: 'Cancelled', 403: 'Leads only', 409: 'Already ended' },
  });
  app.post('/:id/cancel', async (c) => {
    const user = requireUser(c);
    const input = await optionalBody(c, CancelBody);
    if (!isLead(user)) {
      await recordAccess(deps, c, user, {
        instanceId: c.req.param('id'),
        category: 'phi',
        outcome: 'deny',
        detail: 'cancel',
      });
      throw forbidden('Only leads cancel instances');
    }
    const applied = await instances.act(
      { user, role: null },
      c.req.param('id'),
      { type: 'cancel', reason: input.reason },
      {
        idempotency: idempotencyOf(c),
        access: accessEntry(deps, c, user, { category: 'phi', outcome: 'allow', detail: 'cancel' }),
      },
    );
    // The allowed access was logged in the change's own commit; a replayed request is logged here.
    if (applied.replayed) {
      await recordAccess(deps, c, user, {
        instanceId: applied.instance.id,
        category: 'phi',
        outcome: 'allow',
        detail: 'cancel (replayed)',
      });
      return c.json(applied.replayed.response as object, applied.replayed.status as 200);
    }
    if (applied.historyWarning) c.header('Portalflow-Warning', historyWarningHeader(applied.historyWarning));
    return c.json(instanceReply(applied));
  });

  return app;
}
