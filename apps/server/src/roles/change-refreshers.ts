import type { ChangeRefresher, RefresherProgress, RoleRefresherStatus } from '@portalflow/contract';
import type {
  PracticeCompletion,
  RefresherAcknowledgement,
  RoleAssignment,
  RolePort,
  User,
} from '@portalflow/store';
import { ApiError, notFound } from '../http/errors.ts';
import { holdersOf } from './catalog.ts';
import { catchUp } from './catch-up.ts';
import type { RefresherIndex, RefresherWorkflow } from './refresher-index.ts';

type PersonRefresher = ChangeRefresher & RefresherProgress;

/**
 * Refreshers after published changes: one per person, workflow and role they hold, comparing the
 * version they last finished with the latest (see `catchUp`). Someone who got the role after version 1
 * starts from the version current when they got it: the changes before are the job as they learned it.
 */
export class ChangeRefreshers {
  constructor(
    private readonly store: Pick<
      RolePort,
      | 'acknowledgeRefresher'
      | 'listRefresherAcknowledgements'
      | 'listPracticeCompletions'
      | 'listRoleAssignments'
    >,
    private readonly index: RefresherIndex,
  ) {}

  /** The person's refreshers: those to do, and the last one finished of each workflow and role. */
  async mine(userId: string, roles: readonly string[]): Promise<PersonRefresher[]> {
    const [workflows, acks, completions, assignments] = await Promise.all([
      this.index.workflows(),
      this.store.listRefresherAcknowledgements({ userId }),
      this.store.listPracticeCompletions({ userId }),
      this.store.listRoleAssignments({ userId }),
    ]);
    const out: PersonRefresher[] = [];
    for (const w of workflows)
      for (const role of roles) {
        const joined = joinedAt(w, assignedAt(assignments, userId, role));
        const r = await this.refresherFor(w, role, userId, joined, acks, completions);
        // Nothing to read, and nothing read before: no refresher to show.
        if (r && !(r.done && r.acknowledgedAt === null)) out.push(r);
      }
    return out.sort(newestFirst);
  }

  /** Every workflow and role whose job changed, with where each holder stands. */
  async overview(users: readonly User[]): Promise<RoleRefresherStatus[]> {
    const [workflows, acks, completions, assignments] = await Promise.all([
      this.index.workflows(),
      this.store.listRefresherAcknowledgements(),
      this.store.listPracticeCompletions(),
      this.store.listRoleAssignments(),
    ]);
    const out: RoleRefresherStatus[] = [];
    for (const w of workflows)
      for (const role of Object.keys(w.changedIn)) {
        const people = [];
        const comparisons = new Map<number, RoleRefresherStatus['comparisons'][number]>();
        for (const p of holdersOf([...users], role)) {
          const joined = joinedAt(w, assignedAt(assignments, p.id, role));
          const r = (await this.refresherFor(w, role, p.id, joined, acks, completions))!;
          const { previousVersion, acknowledgedAt, practiceNeeded, practiceDoneAt, done } = r;
          people.push({ ...p, previousVersion, acknowledgedAt, practiceNeeded, practiceDoneAt, done });
          if (!done) comparisons.set(previousVersion, { previousVersion, change: r.change });
        }
        out.push({
          ...heading(w, role),
          comparisons: [...comparisons.values()].sort((a, b) => a.previousVersion - b.previousVersion),
          people,
        });
      }
    return out.sort(newestFirst);
  }

  /**
   * Records that the person read what changed up to `version`, the latest: each version still to do
   * is recorded as read (one read before keeps its time). Refused when a later version came out since
   * the person looked (they read less than there is now).
   */
  async acknowledge(
    userId: string,
    input: { definitionId: string; version: number; role: string },
    at: string,
  ): Promise<RefresherAcknowledgement> {
    const w = (await this.index.workflows()).find((x) => x.definitionId === input.definitionId);
    const changedIn = w?.changedIn[input.role];
    if (!w || !changedIn || input.version > w.latestVersion) throw notFound('That refresher');
    if (input.version < w.latestVersion)
      throw ApiError.of(
        'CONFLICT',
        `Version ${w.latestVersion} of this workflow was published since you opened it: read what changed again`,
      );
    const [acks, completions, assignments] = await Promise.all([
      this.store.listRefresherAcknowledgements({ userId }),
      this.store.listPracticeCompletions({ userId }),
      this.store.listRoleAssignments({ userId }),
    ]);
    const joined = joinedAt(w, assignedAt(assignments, userId, input.role));
    const stand = catchUp(trackOf(w, input.role, joined), userId, acks, completions);
    const result = (acknowledgedAt: string) => ({ userId, ...input, at: acknowledgedAt });
    if (!stand.open) {
      if (stand.finished) return result(stand.finished.acknowledgedAt);
      // Nothing changed for the role since the person got it: there is nothing to read.
      throw notFound('That refresher');
    }
    const open = stand.open;
    if ((await this.index.change(w.definitionId, input.role, open.since, w.latestVersion)).count === 0) {
      if (stand.finished) return result(stand.finished.acknowledgedAt);
      throw notFound('That refresher');
    }
    const pending = changedIn.filter((v) => v > open.since);
    const recorded = [];
    for (const version of pending)
      recorded.push(
        await this.store.acknowledgeRefresher({
          userId,
          definitionId: w.definitionId,
          version,
          role: input.role,
          at,
        }),
      );
    return result(
      recorded
        .map((a) => a.at)
        .sort()
        .at(-1)!,
    );
  }

  /** The person's refresher for one workflow and role; null when the role's job never changed in it. */
  private async refresherFor(
    w: RefresherWorkflow,
    role: string,
    userId: string,
    joined: number,
    acks: readonly RefresherAcknowledgement[],
    completions: readonly PracticeCompletion[],
  ): Promise<PersonRefresher | null> {
    if (!w.changedIn[role]) return null;
    const { open, finished } = catchUp(trackOf(w, role, joined), userId, acks, completions);
    const change = (since: number) => this.index.change(w.definitionId, role, since, w.latestVersion);
    if (open) {
      const toRead = await change(open.since);
      if (toRead.count > 0)
        return { ...heading(w, role), previousVersion: open.since, change: toRead, ...open, done: false };
    }
    // Up to date: with the last refresher finished, or (never finished one) because nothing changed
    // since the version they started from.
    const since = finished?.since ?? open?.since ?? joined;
    return {
      ...heading(w, role),
      previousVersion: since,
      change: await change(since),
      acknowledgedAt: finished?.acknowledgedAt ?? null,
      practiceNeeded: finished?.practiceNeeded ?? false,
      practiceDoneAt: finished?.practiceDoneAt ?? null,
      done: true,
    };
  }
}

/** The changes a person is to catch up on: those of versions after the one they joined the role at. */
const trackOf = (w: RefresherWorkflow, role: string, joined: number) => ({
  definitionId: w.definitionId,
  role,
  changedIn: (w.changedIn[role] ?? []).filter((v) => v > joined),
  practiceIn: (w.practiceIn[role] ?? []).filter((v) => v > joined),
});

const assignedAt = (assignments: readonly RoleAssignment[], userId: string, role: string) =>
  assignments.find((a) => a.userId === userId && a.role === role)?.assignedAt ?? null;

/**
 * The version of the workflow current when the person got the role: the last one published before
 * then, or 1 (the start) when it was given before any, or before this was recorded. A version
 * published at that very moment counts as one to catch up on: a refresher too many, never one missed.
 */
function joinedAt(w: RefresherWorkflow, at: string | null): number {
  if (at === null) return 1;
  let version = 1;
  w.versionsPublishedAt.forEach((publishedAt, i) => {
    if (publishedAt < at) version = i + 1;
  });
  return version;
}

const heading = (w: RefresherWorkflow, role: string) => ({
  definitionId: w.definitionId,
  title: w.title,
  version: w.latestVersion,
  publishedAt: w.publishedAt,
  role,
  roleName: w.roleNames[role] ?? role,
});

const newestFirst = (
  a: { publishedAt: string; title: string; roleName: string },
  b: { publishedAt: string; title: string; roleName: string },
) =>
  a.publishedAt !== b.publishedAt
    ? a.publishedAt < b.publishedAt
      ? 1
      : -1
    : a.title.localeCompare(b.title) || a.roleName.localeCompare(b.roleName);
