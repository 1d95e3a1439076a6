import type { NoteView } from '@portalflow/contract';
import {
  assignmentKind,
  type Definition,
  type Effect,
  type HistoryEntry,
  historyVersions,
  PortalflowError,
  replay,
  type VersionLookup,
} from '@portalflow/engine';
import { csvText } from '@portalflow/engine/text';
import type { AuditEvent } from '@portalflow/store';
import { Hono } from 'hono';
import { listCheckpoints, takeCheckpoint } from '../audit/checkpoints.ts';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, has, isAuditor } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { AccessLogQuery, ExportQuery, ReplayQuery, VerifyQuery } from '../http/schemas.ts';
import { query } from '../http/validate.ts';
import { canReadInstance } from '../instances/access.ts';
import type { InstanceService } from '../instances/service.ts';
import { instanceView } from '../instances/view.ts';
import { noteViews } from '../notes/view.ts';

const canAudit = (user: AuthUser) => isAuditor(user) || has(user, 'admin');

/** One row of the timeline: who, in which role, when, what, and the old → new values it changed. */
export interface TimelineEntry {
  seq: number;
  at: string;
  actor: string | null;
  role: string | null;
  type: string;
  summary: string;
  changes: Array<{
    field: string;
    task?: string;
    step?: string;
    /** The step's title in the version the event applied to (screens show this, never the id). */
    stepTitle?: string;
    from: unknown;
    to: unknown;
  }>;
  steps: string[];
  hash: string;
  /** Set on the event the history no longer replays past (it was altered, or does not fit its version). */
  replayError?: string;
}

/** A step's title in the version the event applied to; the id only when the step has none. */
const titleIn = (definition: Definition, step: unknown): string => {
  const id = String(step);
  return `“${definition.steps[id]?.title ?? id}”`;
};

/** What the event did, in words, naming steps by title (exports and timelines are read by people). */
function describe(event: AuditEvent, definition: Definition, changes: TimelineEntry['changes']): string {
  const p = event.payload as Record<string, unknown>;
  switch (event.type) {
    case 'start':
      return 'started';
    case 'complete':
      return `completed ${titleIn(definition, p.step)} → ${p.outcome}`;
    case 'signal':
      return `signal ${p.name}`;
    case 'timer-fired':
      return `deadline ${p.timer} fired`;
    case 'reassign': {
      const verb = { claim: 'claimed', release: 'released', reassign: 'reassigned' }[assignmentKind(p)];
      const step = p.step ?? changes.find((c) => c.step)?.step;
      return step === undefined ? verb : `${verb} ${titleIn(definition, step)}`;
    }
    case 'cancel':
      return 'cancelled';
    case 'migrated':
      return `migrated from version ${p.from} to ${p.to}`;
    default:
      return event.type;
  }
}

export const historyOf = (events: AuditEvent[]): HistoryEntry[] =>
  events.map((e) => ({ at: e.at, event: e.payload as HistoryEntry['event'] }));

/**
 * Replays the history once, turning each event's effects into old → new values for the timeline.
 * `definition` is the version the history starts on; `versions` gives the ones it migrates to.
 */
export function timeline(
  definition: Definition,
  events: AuditEvent[],
  versions?: VersionLookup,
): TimelineEntry[] {
  const history = historyOf(events);
  const effectsAt: Effect[][] = [];
  // A history that stops replaying is exactly what an auditor must still be able to read and export:
  // the rows after the failure keep who/when/what, without the values replay would have derived.
  let failure: { index: number; message: string } | undefined;
  try {
    replay(definition, history, {
      ...(versions ? { versions } : {}),
      onEvent: (i, _s, effects) => (effectsAt[i] = effects),
    });
  } catch (error) {
    if (!(error instanceof PortalflowError)) throw error;
    const index = (error.details as { index?: unknown } | undefined)?.index;
    failure = { index: typeof index === 'number' ? index : effectsAt.length, message: error.message };
  }
  // Titles come from the version each event applied to: a migration can rename a step.
  let current = definition;
  return events.map((event, i) => {
    if (event.type === 'migrated') {
      const to = (event.payload as { to?: unknown }).to;
      current = (typeof to === 'number' ? versions?.(to) : undefined) ?? current;
    }
    const changes: TimelineEntry['changes'] = [];
    const steps: string[] = [];
    for (const effect of effectsAt[i] ?? []) {
      if (effect.type === 'data.changed') {
        // `data.` keeps a form field named like a task property (due, role) apart from it.
        for (const [field, [from, to]] of Object.entries(effect.changes)) {
          changes.push({
            field: `data.${field}`,
            ...(effect.token !== undefined ? { task: effect.token } : {}),
            ...(effect.step !== undefined ? { step: effect.step } : {}),
            from,
            to,
          });
        }
      } else if (effect.type === 'task.updated') {
        for (const [field, pair] of Object.entries(effect.changes)) {
          changes.push({
            field,
            task: effect.token,
            step: effect.step,
            from: pair?.[0] ?? null,
            to: pair?.[1] ?? null,
          });
        }
      } else if (effect.type === 'task.closed' && effect.outcome !== undefined) {
        changes.push({
          field: 'outcome',
          task: effect.token,
          step: effect.step,
          from: null,
          to: effect.outcome,
        });
      } else if (effect.type === 'task.opened') {
        steps.push(effect.step);
        if (effect.due)
          changes.push({ field: 'due', task: effect.token, step: effect.step, from: null, to: effect.due });
      } else if (effect.type === 'edge.taken') {
        steps.push(effect.to);
      }
    }
    return {
      seq: event.seq,
      at: event.at,
      actor: event.actor,
      role: event.role,
      type: event.type,
      summary: describe(event, current, changes),
      changes: changes.map((change) => {
        const title = change.step ? current.steps[change.step]?.title : undefined;
        return title ? { ...change, stepTitle: title } : change;
      }),
      steps,
      hash: event.hash,
      ...(failure?.index === i ? { replayError: failure.message } : {}),
    };
  });
}

/** One old or new value in the CSV `changes` column: ∅ for none, JSON for anything but text. */
const changeValue = (v: unknown) =>
  v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v);

/** CSV rows for notes: one when written, one per edit (old → new); no sequence number or hash of their own. */
function noteRows(notes: NoteView[]): Array<Array<string | number | null>> {
  const rows: Array<Array<string | number | null>> = [];
  for (const n of notes) {
    const where = n.stepTitle ? ` on “${n.stepTitle}”` : '';
    const forNext = n.forNextRole ? ' (for the next role)' : '';
    const firstBody = n.edits[0]?.from ?? n.body;
    rows.push([
      '',
      n.at,
      n.authorId,
      n.authorRole,
      'note',
      `${n.kind} note${where}${forNext}: ${firstBody}`,
      '',
      '',
    ]);
    for (const e of n.edits) {
      rows.push([
        '',
        e.at,
        e.authorId,
        n.authorRole,
        'note-edited',
        `edited ${n.kind} note${where}`,
        `note: ${e.from} → ${e.to}`,
        '',
      ]);
    }
  }
  return rows;
}

export function auditRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /**
   * The access log in the words of the workflow: the title of the instance's workflow and, for a task
   * opened, its step's title (from the `step <id>` detail), so the report needs no ids to be read.
   */
  async function withTitles<T extends { instanceId: string | null; detail: string | null }>(rows: T[]) {
    const titles = new Map<string, Definition | null>();
    const definitionOf = async (instanceId: string): Promise<Definition | null> => {
      if (!titles.has(instanceId)) {
        const loaded = await instances.load(instanceId).catch(() => null);
        titles.set(instanceId, loaded?.definition ?? null);
      }
      return titles.get(instanceId) ?? null;
    };
    return Promise.all(
      rows.map(async (row) => {
        const definition = row.instanceId ? await definitionOf(row.instanceId) : null;
        const stepId = /^step (\S+)$/.exec(row.detail ?? '')?.[1];
        const step = stepId ? definition?.steps[stepId] : undefined;
        return {
          ...row,
          workflowTitle: definition?.title ?? null,
          stepTitle: stepId ? (step?.title ?? stepId) : null,
        };
      }),
    );
  }

  async function readable(c: Parameters<typeof requireUser>[0], detail: string) {
    const user = requireUser(c);
    const { instance, definition } = await instances.load(c.req.param('id')!);
    if (!(await canReadInstance(user, instance, deps.store))) {
      await recordAccess(deps, c, user, {
        instanceId: instance.id,
        category: 'history',
        outcome: 'deny',
        detail,
      });
      throw forbidden('You have no task in this instance');
    }
    await recordAccess(deps, c, user, {
      instanceId: instance.id,
      category: 'history',
      outcome: 'allow',
      detail,
    });
    return { user, instance, definition };
  }

  docs.add({
    method: 'get',
    path: '/api/instances/{id}/history',
    summary: 'The event history as a timeline with old → new values',
    tag: 'audit',
    instanceData: true,
  });
  app.get('/instances/:id/history', async (c) => {
    const { instance, definition } = await readable(c, 'history');
    const events = await deps.store.listEvents(instance.id);
    const { start, versions } = await instances.historyDefinitions(instance, historyOf(events));
    return c.json({
      instance: instanceView(instance, definition),
      events,
      timeline: timeline(start, events, versions),
      // The request's notes, each edit old → new; the timeline screen places them by time.
      notes: noteViews(await deps.store.listNoteRevisions(instance.id), definition),
    });
  });

  docs.add({
    method: 'get',
    path: '/api/instances/{id}/replay',
    summary: 'The instance state replayed up to event `at`',
    tag: 'audit',
    instanceData: true,
    query: ReplayQuery,
  });
  app.get('/instances/:id/replay', async (c) => {
    const { at } = query(c, ReplayQuery);
    const { instance, definition } = await readable(c, `replay ${at ?? 'all'}`);
    // The whole history says which version it starts on; the state at event N belongs to the version
    // the instance was on then.
    const history = historyOf(await deps.store.listEvents(instance.id));
    const { start, versions } = await instances.historyDefinitions(instance, history);
    const upTo = Math.min(at ?? history.length, history.length);
    const snapshot = replay(start, history, { versions, at: upTo });
    if (!snapshot) return c.json({ at: 0, snapshot: null, active: [] });
    const lastMove = history
      .slice(0, upTo)
      .map((h) => h.event)
      .filter((e) => e.type === 'migrated')
      .at(-1);
    const atDefinition = lastMove?.type === 'migrated' ? (versions(lastMove.to) ?? definition) : start;
    const view = instanceView(
      {
        ...instance,
        version:
          lastMove?.type === 'migrated' ? lastMove.to : historyVersions(history, instance.version).start,
        snapshot,
        status: snapshot.status,
        revision: snapshot.seq,
        updatedAt: snapshot.updatedAt,
      },
      atDefinition,
    );
    return c.json({ at: snapshot.seq, of: instance.revision, instance: view });
  });

  docs.add({
    method: 'get',
    path: '/api/instances/{id}/export',
    summary: 'Export the history (JSON or CSV)',
    tag: 'audit',
    instanceData: true,
    query: ExportQuery,
  });
  app.get('/instances/:id/export', async (c) => {
    const { format } = query(c, ExportQuery);
    const { instance, definition } = await readable(c, `export ${format}`);
    const events = await deps.store.listEvents(instance.id);
    const { start, versions } = await instances.historyDefinitions(instance, historyOf(events));
    const rows = timeline(start, events, versions);
    const notes = noteViews(await deps.store.listNoteRevisions(instance.id), definition);
    // A practice (sandbox) history is never mistaken for real work: its file name and content say so.
    const name = `${instance.practice ? 'practice-' : ''}instance-${instance.id}.${format}`;
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    if (format === 'json') {
      return c.json({
        instance: {
          id: instance.id,
          definitionId: instance.definitionId,
          version: instance.version,
          ...(instance.practice ? { practice: true } : {}),
        },
        events,
        timeline: rows,
        notes,
        verify: await deps.store.verifyInstance(instance.id),
      });
    }
    const header = ['seq', 'at', 'actor', 'role', 'type', 'summary', 'changes', 'hash'];
    if (instance.practice) header.push('practice');
    const eventLines = rows.map((r) => [
      r.seq,
      r.at,
      r.actor,
      r.role,
      r.type,
      r.summary,
      r.changes
        .map(
          (ch) =>
            `${ch.step ? `${ch.step} ` : ''}${ch.field}: ${changeValue(ch.from)} → ${changeValue(ch.to)}`,
        )
        .join('; '),
      r.hash,
      ...(instance.practice ? ['practice'] : []),
    ]);
    // Notes and their edits join the events in time order (an event first when both share a time).
    const noteLines = noteRows(notes).map((r) => [...r, ...(instance.practice ? ['practice'] : [])]);
    const lines = [
      ...eventLines.map((l) => ({ at: String(l[1]), l })),
      ...noteLines.map((l) => ({ at: String(l[1]), l })),
    ]
      .map((x, i) => ({ ...x, i }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.i - b.i))
      .map((x) => x.l);
    return c.body(csvText([header, ...lines]), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
    });
  });

  docs.add({
    method: 'get',
    path: '/api/audit/verify',
    summary: 'Verify the hash chains (all, or one instance)',
    tag: 'audit',
    instanceData: true,
    query: VerifyQuery,
  });
  app.get('/audit/verify', async (c) => {
    const user = requireUser(c);
    const { instanceId } = query(c, VerifyQuery);
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
      return c.json({ instanceId, result: await deps.store.verifyInstance(instanceId) });
    }
    if (!canAudit(user)) {
      await recordAccess(deps, c, user, { category: 'history', outcome: 'deny', detail: 'verify all' });
      throw forbidden('Only auditors and admins verify every history');
    }
    await recordAccess(deps, c, user, { category: 'history', outcome: 'allow', detail: 'verify all' });
    return c.json(await deps.store.verifyAll());
  });

  docs.add({
    method: 'get',
    path: '/api/audit/access-log',
    summary: 'Who read or tried to read what, for a period (auditors)',
    tag: 'audit',
    instanceData: true,
    query: AccessLogQuery,
  });
  app.get('/audit/access-log', async (c) => {
    const user = requireUser(c);
    if (!canAudit(user)) {
      await recordAccess(deps, c, user, { category: 'access-log', outcome: 'deny' });
      throw forbidden('Only auditors and admins read the access log');
    }
    const q = query(c, AccessLogQuery);
    const filter: Parameters<typeof deps.store.listAccess>[0] = {};
    if (q.from) filter.from = new Date(q.from).toISOString();
    if (q.to) filter.to = new Date(q.to).toISOString();
    if (q.userId) filter.userId = q.userId;
    if (q.instanceId) filter.instanceId = q.instanceId;
    if (q.outcome) filter.outcome = q.outcome;
    if (q.practice === 'true') filter.practice = true;
    if (q.emergency) filter.emergency = q.emergency === 'true';
    if (q.category) filter.category = q.category;
    if (q.order === 'newest') filter.newestFirst = true;
    if (q.limit) filter.limit = q.limit;
    if (q.cursor) filter.cursor = q.cursor;
    if (filter.from && filter.to && filter.from > filter.to)
      throw new ApiError(400, 'VALIDATION_FAILED', 'from is after to');
    await recordAccess(deps, c, user, { category: 'access-log', outcome: 'allow' });
    const page = await deps.store.listAccess(filter);
    return c.json({ ...page, items: await withTitles(page.items) });
  });

  docs.add({
    method: 'post',
    path: '/api/audit/checkpoints',
    instanceData: true,
    summary: 'Sign a checkpoint of every history now (auditors and admins)',
    tag: 'audit',
    responses: {
      201: 'Written',
      403: 'Auditors and admins only',
      409: 'Checkpoints are off, or the history no longer extends the last checkpoint',
    },
  });
  app.post('/audit/checkpoints', async (c) => {
    const user = requireUser(c);
    if (!canAudit(user)) {
      await recordAccess(deps, c, user, { category: 'history', outcome: 'deny', detail: 'checkpoint' });
      throw forbidden('Only auditors and admins take checkpoints');
    }
    await recordAccess(deps, c, user, { category: 'history', outcome: 'allow', detail: 'checkpoint' });
    return c.json({ checkpoint: await takeCheckpoint(deps) }, 201);
  });

  docs.add({
    method: 'get',
    path: '/api/audit/checkpoints',
    instanceData: true,
    summary: 'The newest signed checkpoints, newest first (auditors and admins)',
    tag: 'audit',
    responses: { 200: 'Checkpoints', 403: 'Auditors and admins only', 409: 'Checkpoints are off' },
  });
  app.get('/audit/checkpoints', async (c) => {
    const user = requireUser(c);
    if (!canAudit(user)) {
      await recordAccess(deps, c, user, { category: 'history', outcome: 'deny', detail: 'checkpoints' });
      throw forbidden('Only auditors and admins list checkpoints');
    }
    await recordAccess(deps, c, user, { category: 'history', outcome: 'allow', detail: 'checkpoints' });
    c.header('Cache-Control', 'no-store');
    return c.json({ items: listCheckpoints(deps) });
  });

  return app;
}
