import { createHash, randomUUID } from 'node:crypto';
import {
  clinicDay,
  type Definition,
  type Effect,
  type EngineEvent,
  type HistoryEntry,
  historyVersions,
  roleDuties,
  transition,
  type VersionLookup,
  withChartNumbers,
} from '@portalflow/engine';
import {
  type AccessEntry,
  type AuditPort,
  GENESIS_HASH,
  type IdempotencyPort,
  type Instance,
  type InstanceChange,
  type InstancePort,
  projectEffects,
} from '@portalflow/store';
import { roleTitlesIn } from '../audit/role-titles.ts';
import type { AuthUser } from '../auth/roles.ts';
import type { ServerConfig } from '../config.ts';
import type { DefinitionCache } from '../definitions/cache.ts';
import { retiredRefusal } from '../definitions/retirement.ts';
import { ApiError, forbidden, fromEngine, notFound } from '../http/errors.ts';
import type { LiveHub, LiveMessage } from '../live/hub.ts';
import { outboxDrafts } from '../outbox/messages.ts';
import { canSeeTask, starterRole } from './access.ts';
import { assigneeGone, assigneeHolds } from './assignee.ts';
import {
  type CommandState,
  eventFor,
  type InstanceCommand,
  needsHistory,
  needsTasks,
  openTask,
  taskToken,
} from './commands.ts';
import { durableTimers, isPracticeTaskDeadline } from './practice-deadlines.ts';
import { playsEveryRole, standsInFor } from './practice-stand-in.ts';
import { type Reply, replyFor } from './replies.ts';
import { mayWithdraw } from './withdraw.ts';
import { historyForWithdrawal } from './withdraw-history.ts';

/** How often a change that lost a race on the instance's revision is re-read and re-applied. */
const MAX_ATTEMPTS = 8;

/**
 * A name-based UUID (version 8) of `parts`: requests racing with the same parts all try to create the
 * same row and only one can.
 */
export function nameBasedInstanceId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id of an instance started with an Idempotency-Key: named by the caller and the key. */
const keyedInstanceId = (userId: string, key: string) =>
  nameBasedInstanceId('portalflow-instance', userId, key);

/** The role an event says its actor acted in (a completed task's role, a claim's pool), if any. */
const actingRoleOf = (event: EngineEvent): string | null =>
  'role' in event && typeof event.role === 'string' ? event.role : null;

/** The change's actor was disabled before it could commit: their access ended, so nothing was written. */
const accountDisabled = () =>
  new ApiError(401, 'UNAUTHENTICATED', 'Your account has been disabled: nothing was changed');

export const idempotencyKeyReused = () =>
  new ApiError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for a different request',
  );

export interface Actor {
  /** A user, or null for the system (deadlines). */
  user: AuthUser | null;
  /** The role the actor acts in, recorded in the history. */
  role: string | null;
}

export interface Idempotency {
  key: string;
  route: string;
}

/** What a request adds to its change, as data (nothing here calls back into the caller). */
export interface ChangeOptions {
  /** Replay an answered request, and store this one's answer, under this key. */
  idempotency?: Idempotency | undefined;
  /** The answer stored with the idempotency key. Default: the instance. */
  reply?: Reply;
  /**
   * The request's access-log entry; the service fills in the instance id. It is written in the same
   * batch as the change, and only if the change wins.
   */
  access?: AccessEntry;
  /** A completion note: written to the request's notes in the same commit, only if the completion wins. */
  completionNote?: { body: string; forNextRole: boolean };
  /**
   * A note on the task given back to its pool: written in the release's commit, only if it wins, so the
   * handoff note typed at closing time goes with the task.
   */
  handoffNote?: { body: string; forNextRole: boolean };
  /**
   * For a start: the new instance's id, chosen by the caller so that requests racing with the same
   * delivery (a webhook-id) all try to create the same row and only one can; the others get that
   * instance back with `duplicate`.
   */
  instanceId?: string;
  /**
   * History written as it happened earlier (the demo's past week): nobody is notified and nothing is
   * sent, as for practice runs, since every message would be about work long done.
   */
  quiet?: boolean;
}

export interface Applied {
  instance: Instance;
  definition: Definition;
  effects: Effect[];
  /** The stored response when an idempotency key was replayed. */
  replayed?: { status: number; response: unknown };
  /** A start whose `instanceId` option already existed: the instance is that one, unchanged. */
  duplicate?: boolean;
  /** Set when the instance's history is long enough to approach the limit. */
  historyWarning?: HistoryWarning;
}

/** An instance whose history nears `historyLimit`: counts only, never instance data. */
export interface HistoryWarning {
  events: number;
  warnAt: number;
  limit: number;
}

/** The `Portalflow-Warning` header value for a history warning. */
export const historyWarningHeader = (w: HistoryWarning) =>
  `history-near-limit; events=${w.events}; limit=${w.limit}`;

/** What the instance service works with: the instance and definition ports, never the whole store. */
export interface InstanceServiceDeps {
  /** With the history's events: whether anyone has acted on a request its starter withdraws. */
  instances: InstancePort & IdempotencyPort & Pick<AuditPort, 'listEvents'>;
  definitions: DefinitionCache;
  config: Pick<ServerConfig, 'historyLimit' | 'historyWarnAt' | 'eventPayloadLimitBytes' | 'outbox'>;
  live: Pick<LiveHub, 'committed'>;
  clock: () => string;
  log: (line: string) => void;
}

/**
 * Runs engine events against stored instances. Each change is read → engine transition → one
 * conditional commit; a change that lost a race on the revision is re-read and re-applied, so the
 * engine decides again on fresh state (a second "complete" of the same step then fails with 409).
 */
export class InstanceService {
  constructor(private readonly deps: InstanceServiceDeps) {}

  /** The same service on another clock: the demo seed records its past week at the times it happened. */
  withClock(clock: () => string): InstanceService {
    return new InstanceService({ ...this.deps, clock });
  }

  /** A published version's definition, from the app's one definition cache. */
  definition(definitionId: string, version: number): Promise<Definition> {
    return this.deps.definitions.definition(definitionId, version);
  }

  /** The latest published version of every workflow, retired ones included (their requests still run). */
  async latestDefinitions(): Promise<Definition[]> {
    return (await this.deps.definitions.latest()).map((w) => w.definition);
  }

  /**
   * The clinic's role titles (id → title), as the Roles page and My work name each role: from the
   * published workflows, the first to declare it. A lane renamed in one workflow does not rename it.
   */
  async clinicRoleTitles(): Promise<Map<string, string>> {
    const duties = roleDuties(await this.deps.definitions.latest());
    return new Map(Object.values(duties).map((d) => [d.roleId, d.name]));
  }

  /**
   * Whether to offer `user` a way to withdraw this request: read as a cancel of theirs would decide it.
   * Never for a practice run: withdrawing is for a real request started by mistake, before it reaches
   * anyone; a practice run reaches nobody, and is finished or simply left.
   */
  async mayWithdraw(user: AuthUser, instance: Instance): Promise<boolean> {
    if (instance.practice) return false;
    return mayWithdraw(user, instance, await historyForWithdrawal(this.deps.instances, user, instance));
  }

  /** Every role that owns or receives work in any published workflow (the leads' "all" queue). */
  async allRoles(): Promise<string[]> {
    const roles = new Set<string>();
    for (const { definition } of await this.deps.definitions.latest()) {
      for (const role of definition.roles) roles.add(role.id);
    }
    return [...roles];
  }

  async load(instanceId: string): Promise<{ instance: Instance; definition: Definition }> {
    const instance = await this.deps.instances.getInstance(instanceId);
    if (!instance) throw notFound('The instance');
    return { instance, definition: await this.definition(instance.definitionId, instance.version) };
  }

  /**
   * What replaying a history needs: the definition it starts on and every version it migrates to
   * (a history with a `migrated` event starts on an earlier version than the instance is pinned to).
   */
  async historyDefinitions(
    instance: Pick<Instance, 'definitionId' | 'version'>,
    history: readonly HistoryEntry[],
  ): Promise<{ start: Definition; versions: VersionLookup }> {
    const { start, versions } = historyVersions(history, instance.version);
    const loaded = new Map<number, Definition>();
    for (const v of versions) loaded.set(v, await this.definition(instance.definitionId, v));
    return { start: loaded.get(start)!, versions: (v) => loaded.get(v) };
  }

  /** Time for an event on this instance: the clock, never before the instance's last change. */
  private timeFor(instance: Instance | null): string {
    const now = this.deps.clock();
    return instance && instance.snapshot.updatedAt > now ? instance.snapshot.updatedAt : now;
  }

  async start(
    actor: Actor,
    input: {
      definitionId: string;
      version?: number;
      data: Record<string, unknown>;
      practice?: boolean;
      calendar?: unknown;
    },
    options: ChangeOptions = {},
  ): Promise<Applied> {
    const { idempotency } = options;
    const latest = await this.deps.definitions.published(input.definitionId, input.version);
    if (!latest) {
      throw notFound(
        input.version === undefined
          ? `A published version of workflow '${input.definitionId}'`
          : `Version ${input.version} of '${input.definitionId}'`,
      );
    }
    const { definition } = latest;
    // One patient, one reference: "Patient/DEMO-5001" typed or sent is kept as DEMO-5001.
    const event: EngineEvent = { type: 'start', data: withChartNumbers(definition, input.data) };
    if (input.calendar !== undefined) event.calendar = input.calendar;
    if (actor.user) event.actor = actor.user.id;
    if (actor.role) event.role = actor.role;
    this.checkPayload(event);
    const now = this.timeFor(null);
    const result = transition(definition, null, event, now);
    if (!result.ok) throw fromEngine(result.error);
    const id =
      options.instanceId ??
      (idempotency && actor.user ? keyedInstanceId(actor.user.id, idempotency.key) : randomUUID());
    const instance: Instance = {
      id,
      definitionId: input.definitionId,
      version: latest.version,
      status: result.snapshot.status,
      snapshot: result.snapshot,
      revision: 1,
      lastHash: '',
      startedAt: now,
      updatedAt: now,
      startedBy: actor.user?.id ?? null,
      practice: input.practice === true,
    };
    const change: InstanceChange = {
      instanceId: id,
      expectedRevision: 0,
      create: {
        definitionId: input.definitionId,
        version: latest.version,
        startedBy: actor.user?.id ?? null,
        practice: input.practice === true,
      },
      event: {
        at: now,
        actor: actor.user?.id ?? null,
        role: actor.role,
        type: 'start',
        payload: event,
        prevHash: GENESIS_HASH,
      },
      snapshot: result.snapshot,
      ...projectEffects(result.effects, {
        definition,
        snapshot: result.snapshot,
        at: now,
        actor: actor.user?.id ?? null,
      }),
    };
    if (idempotency && actor.user) {
      change.idempotency = {
        key: idempotency.key,
        userId: actor.user.id,
        route: idempotency.route,
        status: 201,
        response: replyFor(
          options.reply ?? { kind: 'instance' },
          { instance, definition },
          clinicDay(now, instance.snapshot.context.calendar),
        ),
      };
    }
    // Sandbox work notifies nobody: a practice task never reaches a colleague's bell, inbox or systems.
    if (input.practice === true || options.quiet) change.notifications = [];
    change.timers = durableTimers(instance, change.timers);
    if (input.practice !== true && !options.quiet)
      change.outbox = this.outboxFor(change, definition, latest.version, event, result.effects, null);
    if (options.access) change.access = [{ ...options.access, instanceId: id }];
    change.feed = liveMessage(instance, definition, result.effects);
    const committed = await this.deps.instances.commitInstanceChange(change);
    if (!committed.ok && committed.reason === 'actor-disabled') throw accountDisabled();
    if (!committed.ok) {
      // Lost to a request with the same key: answer as it was answered.
      const seen =
        idempotency && actor.user
          ? await this.deps.instances.getIdempotency(idempotency.key, actor.user.id)
          : null;
      if (seen && idempotency) {
        if (seen.route !== idempotency.route) throw idempotencyKeyReused();
        const existing = await this.load(id);
        return { ...existing, effects: [], replayed: { status: seen.status, response: seen.response } };
      }
      if (options.instanceId && (await this.deps.instances.getInstance(id))) {
        return { ...(await this.load(id)), effects: [], duplicate: true };
      }
      // Retired by a lead between reading the workflow and writing the request: refused in words.
      const retired = await this.deps.definitions.retired(input.definitionId);
      if (retired !== null) throw retiredRefusal(retired);
      throw new ApiError(409, 'CONFLICT', 'The instance could not be created; try again');
    }
    instance.lastHash = committed.hash;
    this.deps.live.committed();
    return { instance, definition, effects: result.effects };
  }

  /**
   * Applies a command to an instance: read → the command's engine event on that state (`eventFor`, pure)
   * → the engine's `transition` → one conditional commit. A change that lost the race on the revision is
   * re-read and re-decided, so every check sees fresh state.
   */
  async act(
    actor: Actor,
    instanceId: string,
    command: InstanceCommand,
    options: ChangeOptions = {},
  ): Promise<Applied> {
    try {
      return await this.apply(actor, instanceId, command, options);
    } catch (error) {
      const token = taskToken(command);
      if (token !== null && error instanceof ApiError && error.code === 'TASK_CLOSED')
        await this.explainClosed(actor.user, `${instanceId}:${token}`);
      throw error;
    }
  }

  /**
   * Fires a due timer as the engine's `timer-fired` event; false, firing nothing, for a practice task's
   * deadline (`practice-deadlines.ts`; its row was stored before that rule), which the worker then drops.
   */
  async fireTimer(instanceId: string, timerId: string): Promise<boolean> {
    const instance = await this.deps.instances.getInstance(instanceId);
    if (instance && isPracticeTaskDeadline(instance, timerId)) return false;
    await this.act({ user: null, role: null }, instanceId, {
      type: 'system',
      event: { type: 'timer-fired', timer: timerId },
    });
    return true;
  }

  /**
   * A task that is not open now: one that closed is a lost race (409, as thrown); a token that never was
   * a task is a 404; a task the caller could never see is refused without saying what became of it.
   */
  private async explainClosed(user: AuthUser | null, taskId: string): Promise<void> {
    const task = await this.deps.instances.getTask(taskId);
    if (!task) throw notFound('The task');
    if (user && !canSeeTask(user, task, { emergency: false }) && !(await this.playsEveryRole(user, task)))
      throw forbidden('This task belongs to a role you do not hold');
  }

  /** Whether the task is in a practice run `user` started, where they play every role. */
  private async playsEveryRole(user: AuthUser, task: { instanceId: string }): Promise<boolean> {
    const instance = await this.deps.instances.getInstance(task.instanceId);
    return instance !== null && playsEveryRole(user, instance);
  }

  private async apply(
    actor: Actor,
    instanceId: string,
    command: InstanceCommand,
    options: ChangeOptions,
  ): Promise<Applied> {
    const { idempotency } = options;
    const replay = async (): Promise<Applied | null> => {
      if (!idempotency || !actor.user) return null;
      const seen = await this.deps.instances.getIdempotency(idempotency.key, actor.user.id);
      if (!seen) return null;
      if (seen.route !== idempotency.route) throw idempotencyKeyReused();
      const { instance, definition } = await this.load(instanceId);
      return {
        instance,
        definition,
        effects: [],
        replayed: { status: seen.status, response: seen.response },
      };
    };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const replayed = await replay();
      if (replayed) return replayed;
      const { instance, definition } = await this.load(instanceId);
      const now = this.timeFor(instance);
      let event: EngineEvent;
      let result: ReturnType<typeof transition>;
      try {
        const tasks = needsTasks(command) ? await this.deps.instances.listInstanceTasks(instanceId) : [];
        // Up to the revision read: the commit below lands only on that revision, so a change that
        // commits first (a completion) has the command decided again on the history that includes it.
        const history = needsHistory(command)
          ? await historyForWithdrawal(this.deps.instances, actor.user, instance)
          : [];
        event = this.withinLimit(command, { user: actor.user, instance, definition, tasks, history });
        this.checkPayload(event);
        result = transition(definition, instance.snapshot, event, now);
        if (!result.ok) throw fromEngine(result.error);
      } catch (error) {
        // A retry of a request whose first try committed between the key check above and the read
        // of the instance meets that very change ("already yours", "task closed"): it gets the
        // first try's answer, as a retry after the commit would.
        if (error instanceof ApiError && idempotency) {
          const late = await replay();
          if (late) return late;
        }
        throw error;
      }
      const next: Instance = {
        ...instance,
        status: result.snapshot.status,
        snapshot: result.snapshot,
        revision: instance.revision + 1,
        updatedAt: now,
      };
      // Playing a practice run's wait is its starter acting in the role they started it in (the
      // time passing is a timer's event, which has no role of its own).
      const who =
        command.type === 'play-wait' && actor.user && !actor.role
          ? { ...actor, role: starterRole(actor.user, definition) }
          : actor;
      const change = changeFor(who, instance, next, definition, event, result.effects, now);
      if (options.quiet) change.notifications = [];
      else if (!instance.practice)
        change.outbox = this.outboxFor(
          change,
          definition,
          instance.version,
          event,
          result.effects,
          instance.snapshot,
        );
      if (idempotency && actor.user) {
        change.idempotency = {
          key: idempotency.key,
          userId: actor.user.id,
          route: idempotency.route,
          status: 200,
          response: replyFor(
            options.reply ?? { kind: 'instance' },
            { instance: next, definition },
            clinicDay(now, next.snapshot.context.calendar),
          ),
        };
      }
      if (options.access) change.access = [{ ...options.access, instanceId }];
      // A claim lands only while its claimer still holds the role (read in the commit): an admin taking
      // the role meanwhile returns what they hold in it, and this claim must not come after that.
      if (
        command.type === 'claim' &&
        event.type === 'reassign' &&
        actor.user &&
        event.role &&
        !standsInFor(actor.user, instance, event.role)
      )
        change.actorHolds = event.role;
      // A lead's reassignment to a person lands only while that person can still work the task (read in
      // the commit): an admin taking the role or disabling the account meanwhile returns what they hold,
      // and this must not come after that.
      const handedTo =
        (command.type === 'reassign' || command.type === 'hand-off') &&
        event.type === 'reassign' &&
        typeof event.assignee === 'string'
          ? assigneeHolds(event.assignee, event.toRole ?? openTask(instance, command.token).role)
          : undefined;
      if (handedTo) change.assigneeHolds = handedTo;
      if (options.completionNote && event.type === 'complete' && actor.user) {
        change.notes = [
          {
            kind: 'completion',
            taskToken: event.token ?? null,
            step: event.step,
            forNextRole: options.completionNote.forNextRole,
            authorId: actor.user.id,
            authorRole: event.role ?? null,
            at: now,
            body: options.completionNote.body,
          },
        ];
      }
      if (options.handoffNote && (command.type === 'release' || command.type === 'hand-off') && actor.user) {
        const task = openTask(instance, command.token);
        change.notes = [
          {
            kind: 'comment',
            taskToken: task.token,
            step: task.step,
            forNextRole: options.handoffNote.forNextRole,
            authorId: actor.user.id,
            authorRole: task.role ?? null,
            at: now,
            body: options.handoffNote.body,
          },
        ];
      }
      const committed = await this.deps.instances.commitInstanceChange(change);
      if (committed.ok) {
        next.lastHash = committed.hash;
        this.deps.live.committed();
        const historyWarning = this.historyWarning(next);
        return historyWarning
          ? { instance: next, definition, effects: result.effects, historyWarning }
          : { instance: next, definition, effects: result.effects };
      }
      if (committed.reason === 'actor-disabled') throw accountDisabled();
      if (committed.reason === 'actor-lacks-role') throw ApiError.of('ROLE_REMOVED');
      if (committed.reason === 'assignee-lacks-role' || committed.reason === 'assignee-disabled')
        throw assigneeGone(
          committed.reason,
          command.type === 'reassign' || command.type === 'hand-off' ? command.person : null,
          roleTitlesIn(definition)(handedTo?.role ?? null),
        );
      if (committed.reason !== 'conflict')
        throw new ApiError(409, 'CONFLICT', `The change could not be recorded (${committed.reason})`);
    }
    throw new ApiError(409, 'CONFLICT', 'The instance is changing too quickly; reload and try again');
  }

  /**
   * A history past `historyLimit` takes no more events but `cancel` (so it can still be ended): replay,
   * verification and export of one instance stay bounded.
   */
  private withinLimit(command: InstanceCommand, state: CommandState): EngineEvent {
    const { historyLimit } = this.deps.config;
    if (state.instance.revision < historyLimit) return eventFor(command, state);
    const full = new ApiError(
      409,
      'HISTORY_LIMIT',
      `This instance's history has reached ${historyLimit} events; it accepts only cancel`,
      { events: state.instance.revision, limit: historyLimit },
    );
    // Past the limit that is the answer (a 403 still says who may not act); only a permitted cancel passes.
    let event: EngineEvent;
    try {
      event = eventFor(command, state);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) throw error;
      throw full;
    }
    if (event.type !== 'cancel') throw full;
    return event;
  }

  /** The email and webhook messages the change causes, committed with it. */
  private outboxFor(
    change: InstanceChange,
    definition: Definition,
    version: number,
    event: EngineEvent,
    effects: Effect[],
    previous: Instance['snapshot'] | null,
  ) {
    return outboxDrafts({
      definition,
      version,
      instanceId: change.instanceId,
      event,
      at: change.event.at,
      effects,
      notifications: change.notifications ?? [],
      previous,
      email: this.deps.config.outbox.smtpUrl !== null,
    });
  }

  /** One event's recorded payload is bounded, whatever the request body limit is. */
  private checkPayload(event: EngineEvent): void {
    const limit = this.deps.config.eventPayloadLimitBytes;
    // The stored text is canonical JSON: the same members, only in another order, so the same length.
    const bytes = Buffer.byteLength(JSON.stringify(event));
    if (bytes > limit) {
      throw new ApiError(
        413,
        'PAYLOAD_TOO_LARGE',
        `This change would record ${bytes} bytes; one event is limited to ${limit} bytes`,
        { bytes, limit },
      );
    }
  }

  /** A warning (and a log line with counts only) once the history reaches `historyWarnAt`. */
  private historyWarning(instance: Instance): HistoryWarning | undefined {
    const { historyWarnAt, historyLimit } = this.deps.config;
    if (instance.revision < historyWarnAt) return undefined;
    // One log line at the threshold and every 1,000 events after it, not one per change.
    if ((instance.revision - historyWarnAt) % 1000 === 0) {
      this.deps.log(
        `instance ${instance.id} history at ${instance.revision} events (warning at ${historyWarnAt}, limit ${historyLimit})`,
      );
    }
    return { events: instance.revision, warnAt: historyWarnAt, limit: historyLimit };
  }
}

/** The one conditional commit of an applied event: history entry, projection, notifications, feed. */
function changeFor(
  actor: Actor,
  before: Instance,
  next: Instance,
  definition: Definition,
  event: EngineEvent,
  effects: Effect[],
  at: string,
): InstanceChange {
  const change: InstanceChange = {
    instanceId: before.id,
    expectedRevision: before.revision,
    event: {
      at,
      actor: actor.user?.id ?? null,
      role: actor.role ?? actingRoleOf(event),
      type: event.type,
      payload: event,
      prevHash: before.lastHash,
    },
    snapshot: next.snapshot,
    ...projectEffects(effects, {
      definition,
      snapshot: next.snapshot,
      before: before.snapshot,
      at,
      actor: actor.user?.id ?? null,
    }),
  };
  // Sandbox work notifies nobody: a practice task never reaches a colleague's bell, inbox or systems.
  if (before.practice) change.notifications = [];
  change.timers = durableTimers(next, change.timers);
  change.feed = liveMessage(next, definition, effects);
  return change;
}

/**
 * What live clients hear about a change: which tasks (by role and assignee) and which instance. It
 * rides in the change's own commit (the change feed), so it is announced exactly when the change lands.
 */
function liveMessage(instance: Instance, definition: Definition, effects: Effect[]): LiveMessage {
  const roles = new Set<string>();
  const users = new Set<string>();
  for (const effect of effects) {
    if (effect.type === 'task.opened' || effect.type === 'task.closed') roles.add(effect.role);
    if (effect.type === 'task.updated') {
      for (const r of effect.changes.role ?? []) if (r) roles.add(r);
      for (const u of effect.changes.assignee ?? []) if (u) users.add(u);
    }
  }
  for (const a of Object.values(instance.snapshot.context.active)) {
    if (a.role) roles.add(a.role);
    if (a.assignee) users.add(a.assignee);
  }
  return {
    type: 'instance.changed',
    instanceId: instance.id,
    definitionId: definition.id,
    status: instance.status,
    revision: instance.revision,
    roles: [...roles],
    users: [...users],
    practice: instance.practice,
  };
}
