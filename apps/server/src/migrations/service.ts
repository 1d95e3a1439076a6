import {
  type Blocker,
  checkMapping,
  type Definition,
  type MigratedEvent,
  migrateSnapshot,
  parkableSteps,
  proposeMapping,
  type StepMapping,
} from '@portalflow/engine';
import {
  type Instance,
  type InstanceChange,
  type InstancePort,
  type InstanceSummary,
  type MigrationPlan,
  type MigrationPort,
  type MigrationRun,
  projectEffects,
} from '@portalflow/store';
import { type AuthUser, leadRole } from '../auth/roles.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { durableTimers } from '../instances/practice-deadlines.ts';
import type { InstanceService } from '../instances/service.ts';
import type { LiveHub, LiveMessage } from '../live/hub.ts';
import { type DryRunRow, dryRunRow } from './view.ts';

/** How often one instance's migration is re-read and re-tried after losing a race on its revision. */
const MAX_ATTEMPTS = 8;

export interface PlanContext {
  plan: MigrationPlan;
  from: Definition;
  to: Definition;
}

/** Called between instances (tests use it to stop a run at a known point). */
export interface RunHooks {
  afterInstance?: (index: number, instanceId: string) => Promise<void> | void;
}

/** Which instances a dry run or apply covers: real ones only unless practice ones are asked for. */
export interface RunScope {
  includePractice?: boolean | undefined;
}

export const mappingInvalid = (issues: Blocker[]) =>
  new ApiError(422, 'MAPPING_INVALID', issues[0]?.message ?? 'The mapping is not possible', { issues });

/** What a migration works with: the instance and migration ports, never the whole store. */
export interface MigrationServiceDeps {
  store: InstancePort & MigrationPort;
  live: Pick<LiveHub, 'committed'>;
  clock: () => string;
  log: (line: string) => void;
}

/**
 * Plans and runs the move of running instances from one published version to another. Each instance
 * moves in one conditional commit (migrated event, version pin, snapshot, task rows, timers); a run
 * goes one instance at a time and looks for a stop request between instances.
 */
export class MigrationService {
  private readonly active = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: MigrationServiceDeps,
    private readonly instances: InstanceService,
  ) {}

  async context(planId: string): Promise<PlanContext> {
    const plan = await this.deps.store.getMigrationPlan(planId);
    if (!plan) throw notFound('The migration plan');
    const [from, to] = await Promise.all([
      this.instances.definition(plan.definitionId, plan.fromVersion),
      this.instances.definition(plan.definitionId, plan.toVersion),
    ]);
    return { plan, from, to };
  }

  /** The proposal by step id, with the caller's entries over it; refused if any entry is impossible. */
  async create(
    user: AuthUser,
    input: {
      definitionId: string;
      fromVersion: number;
      toVersion: number;
      mapping?: StepMapping | undefined;
    },
  ): Promise<PlanContext> {
    if (input.fromVersion === input.toVersion)
      throw new ApiError(422, 'SAME_VERSION', 'Choose two different versions');
    const [from, to] = await Promise.all([
      this.instances.definition(input.definitionId, input.fromVersion),
      this.instances.definition(input.definitionId, input.toVersion),
    ]);
    const mapping = { ...proposeMapping(from, to), ...(input.mapping ?? {}) };
    const issues = checkMapping(from, to, mapping);
    if (issues.length > 0) throw mappingInvalid(issues);
    const plan = await this.deps.store.createMigrationPlan({
      definitionId: input.definitionId,
      fromVersion: input.fromVersion,
      toVersion: input.toVersion,
      mapping,
      createdBy: user.id,
      at: this.deps.clock(),
    });
    return { plan, from, to };
  }

  async edit(planId: string, mapping: StepMapping, revision: number): Promise<PlanContext> {
    const { plan, from, to } = await this.context(planId);
    // Every step an instance can wait at keeps an entry, so the plan always says what happens to it.
    const full: StepMapping = {};
    for (const id of parkableSteps(from))
      full[id] = Object.hasOwn(mapping, id) ? mapping[id]! : (plan.mapping[id] ?? null);
    for (const [id, target] of Object.entries(mapping)) if (!Object.hasOwn(full, id)) full[id] = target;
    const issues = checkMapping(from, to, full);
    if (issues.length > 0) throw mappingInvalid(issues);
    const saved = await this.deps.store.updateMigrationPlan({
      id: planId,
      mapping: full,
      expectedRevision: revision,
      at: this.deps.clock(),
    });
    if (!saved.ok) {
      if (saved.reason === 'not-found') throw notFound('The migration plan');
      throw new ApiError(409, 'STALE_REVISION', 'Someone changed this plan after you opened it', {
        current: saved.current,
      });
    }
    return { plan: saved.plan, from, to };
  }

  /** Every running instance still on version A, oldest first; practice ones only when asked for. */
  private async candidates(plan: MigrationPlan, scope: RunScope): Promise<Array<InstanceSummary>> {
    const found: InstanceSummary[] = [];
    for (const practice of scope.includePractice ? [false, true] : [false]) {
      let cursor: string | null = null;
      do {
        const page = await this.deps.store.listInstances({
          definitionId: plan.definitionId,
          version: plan.fromVersion,
          status: 'active',
          practice,
          limit: 500,
          cursor,
        });
        found.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
    }
    return found.sort((a, b) =>
      a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : 1,
    );
  }

  /** What applying the plan now would do to each instance. Changes nothing. */
  async dryRun(planId: string, scope: RunScope = {}): Promise<{ context: PlanContext; rows: DryRunRow[] }> {
    const context = await this.context(planId);
    const { plan, from, to } = context;
    const at = this.deps.clock();
    const rows: DryRunRow[] = [];
    for (const summary of await this.candidates(plan, scope)) {
      const instance = await this.deps.store.getInstance(summary.id);
      if (!instance || instance.version !== plan.fromVersion || instance.status !== 'active') continue;
      const when = instance.snapshot.updatedAt > at ? instance.snapshot.updatedAt : at;
      const moved = migrateSnapshot(from, to, instance.snapshot, plan.mapping, when);
      rows.push(dryRunRow(instance, from, to, moved, at));
    }
    return { context, rows };
  }

  /**
   * Starts a run of the plan in the background and returns it. An impossible mapping is refused
   * before anything is written; a plan with a run already going is a 409.
   */
  async apply(
    user: AuthUser,
    planId: string,
    hooks: RunHooks = {},
    scope: RunScope = {},
  ): Promise<MigrationRun> {
    const { plan, from, to } = await this.context(planId);
    const issues = checkMapping(from, to, plan.mapping);
    if (issues.length > 0) throw mappingInvalid(issues);
    const ids = (await this.candidates(plan, scope)).map((i) => i.id);
    const started = await this.deps.store.startMigrationRun({
      planId,
      mapping: plan.mapping,
      total: ids.length,
      startedBy: user.id,
      at: this.deps.clock(),
    });
    if (!started.ok) {
      if (started.reason === 'not-found') throw notFound('The migration plan');
      throw new ApiError(409, 'RUN_IN_PROGRESS', 'This plan is already being applied; stop that run first');
    }
    const run = started.run;
    const role = leadRole(user) ?? 'designer';
    const work = this.runAll(run, { plan, from, to }, ids, { id: user.id, role }, hooks).finally(() =>
      this.active.delete(run.id),
    );
    this.active.set(run.id, work);
    return run;
  }

  /** Resolves when the run has finished in this process (at once if it is not running here). */
  settled(runId: string): Promise<void> {
    return this.active.get(runId) ?? Promise.resolve();
  }

  /**
   * Asks a run to stop after the instance it is on (whichever process runs it). Asking again when it
   * is still stopping and no run is going here closes it: its process may have ended mid-run, and
   * every instance it moved was moved whole, so the plan can simply be applied again.
   */
  async stop(runId: string): Promise<MigrationRun> {
    const run = await this.deps.store.getMigrationRun(runId);
    if (!run) throw notFound('The migration run');
    if (run.status === 'running') await this.deps.store.requestMigrationStop(runId, this.deps.clock());
    else if (run.status === 'stopping' && !this.active.has(runId))
      await this.deps.store.finishMigrationRun(runId, 'stopped', this.deps.clock());
    return (await this.deps.store.getMigrationRun(runId))!;
  }

  private async runAll(
    run: MigrationRun,
    context: PlanContext,
    ids: string[],
    actor: { id: string; role: string },
    hooks: RunHooks,
  ): Promise<void> {
    const { store } = this.deps;
    try {
      for (const [index, instanceId] of ids.entries()) {
        const current = await store.getMigrationRun(run.id);
        if (current?.status !== 'running') {
          await store.finishMigrationRun(run.id, 'stopped', this.deps.clock());
          return;
        }
        await this.migrateOne(run, context, instanceId, actor);
        await hooks.afterInstance?.(index, instanceId);
      }
      const current = await store.getMigrationRun(run.id);
      await store.finishMigrationRun(
        run.id,
        current?.status === 'stopping' ? 'stopped' : 'done',
        this.deps.clock(),
      );
    } catch (error) {
      this.deps.log(`migration run ${run.id} failed: ${(error as Error).name}: ${(error as Error).message}`);
      await store.finishMigrationRun(run.id, 'failed', this.deps.clock(), (error as Error).message);
    }
  }

  /** Moves one instance, re-reading it when a concurrent change wins the race on its revision. */
  private async migrateOne(
    run: MigrationRun,
    { plan, from, to }: PlanContext,
    instanceId: string,
    actor: { id: string; role: string },
  ): Promise<void> {
    const { store } = this.deps;
    const skip = (reason: string) =>
      store.recordMigrationResult({
        runId: run.id,
        instanceId,
        status: 'skipped',
        reason,
        at: this.deps.clock(),
      });
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const instance = await store.getInstance(instanceId);
      if (!instance) return skip('The instance no longer exists');
      if (instance.version !== plan.fromVersion) return skip(`Already on version ${instance.version}`);
      if (instance.status !== 'active') return skip(`The instance is ${instance.status}`);
      const now = this.deps.clock();
      const at = instance.snapshot.updatedAt > now ? instance.snapshot.updatedAt : now;
      const moved = migrateSnapshot(from, to, instance.snapshot, run.mapping, at);
      if (!moved.ok) return skip(moved.blockers.map((b) => b.message).join('; '));
      const event: MigratedEvent = {
        type: 'migrated',
        from: plan.fromVersion,
        to: plan.toVersion,
        mapping: run.mapping,
        run: run.id,
        actor: actor.id,
        role: actor.role,
      };
      const change: InstanceChange = {
        instanceId,
        expectedRevision: instance.revision,
        pin: { from: plan.fromVersion, to: plan.toVersion, runId: run.id },
        event: {
          at,
          actor: actor.id,
          role: actor.role,
          type: 'migrated',
          payload: event,
          prevHash: instance.lastHash,
        },
        snapshot: moved.snapshot,
        ...projectEffects(moved.effects, { definition: to, snapshot: moved.snapshot, at, actor: actor.id }),
        // The run read and rewrote this instance's state on the lead's behalf: logged with the change.
        access: [
          {
            at,
            userId: actor.id,
            role: actor.role,
            action: 'POST /api/migrations/:id/apply',
            instanceId,
            dataCategory: 'history',
            outcome: 'allow',
            detail: `migrated to version ${plan.toVersion} in run ${run.id}`,
          },
        ],
      };
      // A practice run moved to the new version keeps its tasks' deadlines shown, never fired.
      change.timers = durableTimers({ ...instance, snapshot: moved.snapshot }, change.timers);
      // Live clients on every process hear of it through the change feed, in the same commit.
      change.feed = liveMessage(
        { ...instance, version: plan.toVersion, snapshot: moved.snapshot, revision: instance.revision + 1 },
        instance,
      );
      const committed = await store.commitInstanceChange(change);
      if (committed.ok) {
        this.deps.live.committed();
        return;
      }
    }
    await store.recordMigrationResult({
      runId: run.id,
      instanceId,
      status: 'conflict',
      reason: 'The instance kept changing; apply the plan again to retry it',
      at: this.deps.clock(),
    });
  }
}

/** What live clients hear of a migration: the roles and people whose tasks moved, never patient data. */
function liveMessage(after: Instance, before: Instance): LiveMessage {
  const roles = new Set<string>();
  const users = new Set<string>();
  for (const s of [before.snapshot, after.snapshot]) {
    for (const a of Object.values(s.context.active)) {
      if (a.role) roles.add(a.role);
      if (a.assignee) users.add(a.assignee);
    }
  }
  return {
    type: 'instance.changed',
    instanceId: after.id,
    definitionId: after.definitionId,
    status: after.snapshot.status,
    revision: after.revision,
    roles: [...roles],
    users: [...users],
    practice: after.practice,
  };
}
