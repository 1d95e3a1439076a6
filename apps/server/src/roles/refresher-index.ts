import { type RoleChange, type RoleDuties, roleChange, roleChanges, roleDuties } from '@portalflow/engine';
import type { DefinitionPort } from '@portalflow/store';
import type { DefinitionCache } from '../definitions/cache.ts';
import { practiceNeeded } from './practice-needed.ts';

/** A workflow as refreshers read it: its latest version, and where each role's job changed on the way. */
export interface RefresherWorkflow {
  definitionId: string;
  /** The title of the latest version. */
  title: string;
  latestVersion: number;
  /** When the latest version was published. */
  publishedAt: string;
  /** When each version was published: `versionsPublishedAt[v - 1]` for version v. */
  versionsPublishedAt: string[];
  /** Per role whose job changed at least once: the versions that changed it from the one before, ascending. */
  changedIn: Record<string, number[]>;
  /**
   * Per role, those of `changedIn` whose change is practised as well as read (`practiceNeeded`, judged
   * on the version's own change and the steps the role has in the latest version); the others are
   * finished by reading.
   */
  practiceIn: Record<string, number[]>;
  roleNames: Record<string, string>;
}

/** What changed between two versions, per role whose job changed (roles left alone are absent). */
interface Comparison {
  changes: Record<string, RoleChange>;
  names: Record<string, string>;
}

/**
 * Compares published versions of a workflow for refreshers. A comparison is made between the two
 * versions directly, never by adding up the versions in between: a step added in one version and
 * taken out in the next is no change. Published versions never change, so every comparison is kept.
 */
export class RefresherIndex {
  private readonly comparisons = new Map<string, Promise<Comparison | null>>();

  constructor(
    private readonly store: Pick<DefinitionPort, 'listDefinitions'>,
    private readonly cache: DefinitionCache,
  ) {}

  /**
   * Every workflow published more than once and still in use: nobody catches up on one a lead retired,
   * since no new request starts it (brought back, its refreshers return where they stood).
   */
  async workflows(): Promise<RefresherWorkflow[]> {
    const list = await this.store.listDefinitions();
    const out = await Promise.all(
      list
        .filter((d) => (d.latestVersion ?? 0) >= 2 && d.retiredAt === null)
        .map((d) => this.workflow(d.id, d.latestVersion!)),
    );
    return out.filter((w) => w !== null);
  }

  /** What changed for `role` from version `from` to version `to` (empty when nothing did). */
  async change(definitionId: string, role: string, from: number, to: number): Promise<RoleChange> {
    const comparison = await this.compare(definitionId, from, to);
    return comparison?.changes[role] ?? roleChange(role, undefined, undefined);
  }

  private async workflow(definitionId: string, latestVersion: number): Promise<RefresherWorkflow | null> {
    const latest = await this.cache.get(definitionId, latestVersion);
    if (!latest) return null;
    const changedIn: Record<string, number[]> = {};
    const practiceIn: Record<string, number[]> = {};
    const roleNames: Record<string, string> = {};
    const duties = roleDuties([latest]);
    const versionsPublishedAt: string[] = [];
    for (let version = 1; version <= latestVersion; version++) {
      const published = await this.cache.get(definitionId, version);
      if (!published) return null;
      versionsPublishedAt.push(published.publishedAt);
    }
    for (let version = 2; version <= latestVersion; version++) {
      const step = await this.compare(definitionId, version - 1, version);
      if (!step) continue;
      Object.assign(roleNames, step.names);
      for (const [role, change] of Object.entries(step.changes)) {
        changedIn[role] = [...(changedIn[role] ?? []), version];
        if (practiceNeeded(change, duties[role], definitionId))
          practiceIn[role] = [...(practiceIn[role] ?? []), version];
      }
    }
    return {
      definitionId,
      title: latest.definition.title,
      latestVersion,
      publishedAt: latest.publishedAt,
      versionsPublishedAt,
      changedIn,
      practiceIn,
      roleNames,
    };
  }

  private compare(definitionId: string, from: number, to: number): Promise<Comparison | null> {
    const key = `${definitionId}@${from}..${to}`;
    let hit = this.comparisons.get(key);
    if (!hit) {
      hit = this.read(definitionId, from, to);
      // A version not (yet) there is not kept: it may be published a moment later.
      hit.then(
        (c) => c ?? this.comparisons.delete(key),
        () => this.comparisons.delete(key),
      );
      this.comparisons.set(key, hit);
    }
    return hit;
  }

  private async read(definitionId: string, from: number, to: number): Promise<Comparison | null> {
    const [before, after] = await Promise.all([
      this.cache.get(definitionId, from),
      this.cache.get(definitionId, to),
    ]);
    if (!before || !after) return null;
    const a = roleDuties([before]);
    const b = roleDuties([after]);
    const changes = roleChanges(a, b);
    return { changes, names: Object.fromEntries(Object.keys(changes).map((id) => [id, nameOf(id, a, b)])) };
  }
}

const nameOf = (id: string, a: Record<string, RoleDuties>, b: Record<string, RoleDuties>) =>
  b[id]?.name ?? a[id]?.name ?? id;
