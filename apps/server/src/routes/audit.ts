import {
  type AccessLogSearchBody,
  accessLog,
  exportAccessLog,
  exportHistory,
  instanceHistory,
  listAuditCheckpoints,
  replayInstance,
  replayStates,
  searchAccessLog,
  takeAuditCheckpoint,
  verifyHistories,
} from '@portalflow/contract';
import type { AccessQuery } from '@portalflow/store';
import type { Context } from 'hono';
import { accessLogService } from '../audit/access-log.ts';
import { listCheckpoints, takeCheckpoint } from '../audit/checkpoints.ts';
import { historyService } from '../audit/history.ts';
import { historyExportService } from '../audit/history-export.ts';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, has, isAuditor } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { asOfStamp, attachmentNamed } from '../http/file-name.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { canReadInstance } from '../instances/access.ts';
import type { InstanceService } from '../instances/service.ts';

const canAudit = (user: AuthUser) => isAuditor(user) || has(user, 'admin');

/** The filters of the access log, as its address or a search's body gives them. */
type AccessLogQuery = Omit<AccessLogSearchBody, 'patient'>;

export function auditRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();
  const histories = historyService(deps, instances);
  const accessLogs = accessLogService(deps, instances);
  const historyExports = historyExportService(deps, instances, histories);

  /**
   * Loads the instance for a reader of its history and logs the read: a history's field values are
   * patient data, so a read with them (`values`) is logged as one, allowed or refused.
   */
  async function readable(c: Context<AppEnv>, detail: string, values = false) {
    const user = requireUser(c);
    const { instance, definition } = await instances.load(c.req.param('id')!);
    const category = values ? 'phi' : 'history';
    const logged = values ? `${detail} with values` : detail;
    if (!(await canReadInstance(user, instance, deps.store))) {
      await recordAccess(deps, c, user, {
        instanceId: instance.id,
        category,
        outcome: 'deny',
        detail: logged,
      });
      throw forbidden('You have no task in this instance');
    }
    await recordAccess(deps, c, user, {
      instanceId: instance.id,
      category,
      outcome: 'allow',
      detail: logged,
    });
    return { user, instance, definition };
  }

  app.openapi(declared(docs, instanceHistory), async (c) => {
    const values = c.req.valid('query').values === 'true';
    const { instance, definition } = await readable(c, 'history', values);
    return c.json(await histories.history(instance, definition, values), 200);
  });

  app.openapi(declared(docs, replayInstance), async (c) => {
    const { at, values: asked } = c.req.valid('query');
    const values = asked === 'true';
    const { instance, definition } = await readable(c, `replay ${at ?? 'all'}`, values);
    return c.json(await histories.replayAt(instance, definition, at, values), 200);
  });

  app.openapi(declared(docs, replayStates), async (c) => {
    const values = c.req.valid('query').values === 'true';
    const { instance } = await readable(c, 'replay every event', values);
    return c.json({ of: instance.revision, states: await histories.states(instance, values) }, 200);
  });

  app.openapi(declared(docs, exportHistory), async (c) => {
    const { format, values: asked } = c.req.valid('query');
    // Unless asked for without them, every field's values are in an export: a read of patient data.
    const values = asked !== 'false';
    const { instance, definition } = await readable(c, `export ${format}`, values);
    const exported = await historyExports.exported(instance, definition, format, values);
    // A practice (sandbox) history is never mistaken for real work: its file name and content say so.
    const name = `${instance.practice ? 'practice-' : ''}instance-${instance.id}.${format}`;
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    if ('json' in exported) return c.json(exported.json, 200);
    return c.body(exported.csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  app.openapi(declared(docs, verifyHistories), async (c) => {
    const user = requireUser(c);
    const { instanceId } = c.req.valid('query');
    if (instanceId !== undefined) {
      const { instance } = await instances.load(instanceId);
      if (!canAudit(user) && !(await canReadInstance(user, instance, deps.store))) {
        await recordAccess(deps, c, user, {
          instanceId,
          category: 'history',
          outcome: 'deny',
          detail: 'verify',
        });
        throw forbidden();
      }
      await recordAccess(deps, c, user, {
        instanceId,
        category: 'history',
        outcome: 'allow',
        detail: 'verify',
      });
      return c.json({ instanceId, result: await deps.store.verifyInstance(instanceId) }, 200);
    }
    if (!canAudit(user)) {
      await recordAccess(deps, c, user, { category: 'history', outcome: 'deny', detail: 'verify all' });
      throw forbidden('Only auditors and admins verify every history');
    }
    await recordAccess(deps, c, user, { category: 'history', outcome: 'allow', detail: 'verify all' });
    return c.json(await deps.store.verifyAll(), 200);
  });

  /** The access log's filters as the store takes them (the same in the address and in a search's body). */
  function accessFilter(q: AccessLogQuery): AccessQuery {
    const filter: AccessQuery = {};
    if (q.from) filter.from = new Date(q.from).toISOString();
    if (q.to) filter.to = new Date(q.to).toISOString();
    if (q.userId) filter.userId = q.userId;
    if (q.instanceId) filter.instanceId = q.instanceId;
    if (q.outcome) filter.outcome = q.outcome;
    if (q.practice === 'true') filter.practice = true;
    if (q.emergency) filter.emergency = q.emergency === 'true';
    if (q.category) filter.category = q.category;
    if (q.listReads) filter.listReads = q.listReads === 'true';
    if (q.order === 'newest') filter.newestFirst = true;
    if (q.limit) filter.limit = q.limit;
    if (q.cursor) filter.cursor = q.cursor;
    if (filter.from && filter.to && filter.from > filter.to)
      throw new ApiError(400, 'VALIDATION_FAILED', 'The period ends before it starts: “from” is after “to”');
    return filter;
  }

  async function auditorOf(c: Context<AppEnv>) {
    const user = requireUser(c);
    if (!canAudit(user)) {
      await recordAccess(deps, c, user, { category: 'access-log', outcome: 'deny' });
      throw forbidden('Only auditors and admins read the access log');
    }
    return user;
  }

  app.openapi(declared(docs, accessLog), async (c) => {
    const user = await auditorOf(c);
    const q = c.req.valid('query');
    const report = { filter: accessFilter(q), fold: q.repeats === 'fold', namesPatients: isAuditor(user) };
    return c.json(await accessLogs.report(c, user, report), 200);
  });

  app.openapi(declared(docs, searchAccessLog), async (c) => {
    const user = await auditorOf(c);
    const { patient, ...q } = c.req.valid('json');
    const report = {
      filter: accessFilter(q),
      patient,
      fold: q.repeats === 'fold',
      namesPatients: isAuditor(user),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(await accessLogs.report(c, user, report), 200);
  });

  app.openapi(declared(docs, exportAccessLog), async (c) => {
    const user = await auditorOf(c);
    const { patient, ...q } = c.req.valid('json');
    const report = {
      // The screen's order unless asked otherwise: an auditor compares the file with the screen.
      filter: { ...accessFilter(q), newestFirst: q.order !== 'oldest' },
      ...(patient !== undefined ? { patient } : {}),
      namesPatients: isAuditor(user),
    };
    const { csv, asOf } = await accessLogs.exportCsv(c, user, report);
    const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : 'all');
    // The period and the moment the file stands as of.
    const name = `access-log-${day(report.filter.from)}-to-${day(report.filter.to)}-as-of-${asOfStamp(asOf)}.csv`;
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentNamed(name),
      'Cache-Control': 'no-store',
    });
  });

  app.openapi(declared(docs, takeAuditCheckpoint), async (c) => {
    const user = requireUser(c);
    if (!canAudit(user)) {
      await recordAccess(deps, c, user, { category: 'history', outcome: 'deny', detail: 'checkpoint' });
      throw forbidden('Only auditors and admins take checkpoints');
    }
    await recordAccess(deps, c, user, { category: 'history', outcome: 'allow', detail: 'checkpoint' });
    return c.json({ checkpoint: await takeCheckpoint(deps) }, 201);
  });

  app.openapi(declared(docs, listAuditCheckpoints), async (c) => {
    const user = requireUser(c);
    if (!canAudit(user)) {
      await recordAccess(deps, c, user, { category: 'history', outcome: 'deny', detail: 'checkpoints' });
      throw forbidden('Only auditors and admins list checkpoints');
    }
    await recordAccess(deps, c, user, { category: 'history', outcome: 'allow', detail: 'checkpoints' });
    c.header('Cache-Control', 'no-store');
    return c.json({ items: listCheckpoints(deps) }, 200);
  });

  return app;
}
