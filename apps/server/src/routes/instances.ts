import {
  cancelInstance,
  endWait,
  getInstance,
  type InstanceAnswer,
  listInstances,
  searchInstances,
  signalInstance,
  startInstance,
} from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import { canAct, isAuditor, isLead } from '../auth/roles.ts';
import { clinicToday } from '../clinic/today.ts';
import type { AppDeps } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { canReadInstance, canStart, starterRole } from '../instances/access.ts';
import { instanceReply } from '../instances/replies.ts';
import { historyWarningHeader, type InstanceService, idempotencyKeyReused } from '../instances/service.ts';
import { checkStartData } from '../instances/start-data.ts';
import { startedPeriod } from '../instances/started-period.ts';
import { instanceView } from '../instances/view.ts';
import { listedDetail, requestLabels } from '../requests/subjects.ts';
import { actOnInstance } from './act-on-instance.ts';

export function instanceRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, startInstance), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const idempotency = idempotencyOf(c);
    if (idempotency) {
      const seen = await deps.store.getIdempotency(idempotency.key, user.id);
      if (seen && seen.route !== idempotency.route) throw idempotencyKeyReused();
      if (seen) return c.json(seen.response as InstanceAnswer, 201);
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
    // Before anything is stored: the start form's fields only, each of its type, required ones present.
    if (definition) checkStartData(definition, input.data, clinicToday(deps));
    const role = definition ? starterRole(user, definition) : null;
    const start: Parameters<InstanceService['start']>[1] = {
      definitionId: input.definitionId,
      data: input.data,
      calendar: deps.calendar,
    };
    // The version whose start roles were just checked is the one started (and the latest is read once).
    if (version) start.version = version.version;
    else if (input.version !== undefined) start.version = input.version;
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
      return c.json(applied.replayed.response as InstanceAnswer, 201);
    }
    return c.json(instanceReply(applied), 201);
  });

  app.openapi(declared(docs, listInstances), async (c) => {
    const user = requireUser(c);
    const q = c.req.valid('query');
    // A break-glass grant lets its holder find instances outside their roles (the rows are flagged).
    const everyone = isLead(user) || isAuditor(user) || user.emergency !== undefined;
    if (!isLead(user) && !isAuditor(user) && user.emergency) user.emergencyUsed = true;
    const filter: Parameters<typeof deps.store.listInstances>[0] = { practice: q.practice === 'true' };
    if (q.definitionId) filter.definitionId = q.definitionId;
    if (q.status) filter.status = q.status;
    Object.assign(filter, startedPeriod(q));
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
    return c.json({ ...page, items }, 200);
  });

  app.openapi(declared(docs, searchInstances), async (c) => {
    const user = requireUser(c);
    const q = c.req.valid('json');
    if (q.patient === undefined && q.personName === undefined)
      throw new ApiError(400, 'VALIDATION_FAILED', 'Give a patient reference or a person name to search for');
    const everyone = isLead(user) || isAuditor(user);
    const filter: Parameters<typeof deps.store.listInstances>[0] = { practice: q.practice === true };
    if (q.definitionId) filter.definitionId = q.definitionId;
    if (q.status) filter.status = q.status;
    Object.assign(filter, startedPeriod(q));
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
    // Rows carry each request's subject, as the unfiltered list does: the auditor knows the request by
    // it there and in the replay, and the log below names every instance this read showed.
    const labels = await requestLabels(
      deps,
      instances,
      page.items.map((i) => i.id),
    );
    const items = page.items.map((i) => ({ ...i, subject: labels.get(i.id)?.subject ?? null }));
    // The search term is left out (a patient reference is patient data); which requests it showed is kept.
    const n = items.length;
    const ids = n > 0 ? ` (${items.map((i) => i.id).join(', ')})` : '';
    await recordAccess(deps, c, user, {
      category: 'instance-list',
      outcome: 'allow',
      detail: `search by ${searches.join(' and ')}: ${n} ${n === 1 ? 'instance' : 'instances'}${ids}`,
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ ...page, items }, 200);
  });

  app.openapi(declared(docs, getInstance), async (c) => {
    const user = requireUser(c);
    const { instance, definition } = await instances.load(c.req.valid('param').id);
    if (!(await canReadInstance(user, instance, deps.store))) {
      await recordAccess(deps, c, user, { instanceId: instance.id, category: 'phi', outcome: 'deny' });
      throw forbidden('You have no task in this instance');
    }
    await recordAccess(deps, c, user, { instanceId: instance.id, category: 'phi', outcome: 'allow' });
    const tasks = await deps.store.listInstanceTasks(instance.id);
    return c.json({ instance: instanceView(instance, definition), tasks }, 200);
  });

  app.openapi(declared(docs, signalInstance), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const applied = await actOnInstance(
      deps,
      instances,
      c,
      user,
      c.req.valid('param').id,
      { type: 'signal', name: input.name, data: input.data ?? {} },
      'signal',
    );
    if (applied.replayed) return c.json(applied.replayed.response as InstanceAnswer, 200);
    if (applied.historyWarning) c.header('Portalflow-Warning', historyWarningHeader(applied.historyWarning));
    return c.json(instanceReply(applied), 200);
  });

  app.openapi(declared(docs, endWait), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const applied = await actOnInstance(
      deps,
      instances,
      c,
      user,
      c.req.valid('param').id,
      { type: 'end-wait', token: input.token, reason: input.reason },
      'end wait early',
    );
    if (applied.replayed) return c.json(applied.replayed.response as InstanceAnswer, 200);
    if (applied.historyWarning) c.header('Portalflow-Warning', historyWarningHeader(applied.historyWarning));
    return c.json(instanceReply(applied), 200);
  });

  app.openapi(declared(docs, cancelInstance), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json') ?? {};
    // Who may cancel depends on the request's state (see eventFor): the service decides.
    const applied = await actOnInstance(
      deps,
      instances,
      c,
      user,
      c.req.valid('param').id,
      { type: 'cancel', reason: input.reason },
      'cancel',
    );
    if (applied.replayed) return c.json(applied.replayed.response as InstanceAnswer, 200);
    if (applied.historyWarning) c.header('Portalflow-Warning', historyWarningHeader(applied.historyWarning));
    return c.json(instanceReply(applied), 200);
  });

  return app;
}
