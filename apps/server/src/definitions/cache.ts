import type { Definition } from '@portalflow/engine';
import type { DefinitionPort, DefinitionSummary, DefinitionVersion } from '@portalflow/store';
import { notFound } from '../http/errors.ts';

/** One published version as the server uses it: the definition with its layout and when it was published. */
export interface PublishedWorkflow {
  definition: Definition;
  version: number;
  layout: unknown;
  publishedAt: string;
}

/** Enough for every version a clinic publishes over years; past it the least recently used go first. */
const DEFAULT_CAPACITY = 5000;

/**
 * The server's one cache of published versions, built in `createApp` and shared by instances, roles,
 * refreshers and the handbook. Published versions are immutable, so an entry never goes stale; it only
 * leaves when the cache is full. Concurrent misses for the same version share one read.
 */
export class DefinitionCache {
  private readonly entries = new Map<string, Promise<PublishedWorkflow | null>>();

  constructor(
    private readonly store: Pick<DefinitionPort, 'getVersion' | 'listDefinitions'>,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** The version, or null when it was never published. */
  get(definitionId: string, version: number): Promise<PublishedWorkflow | null> {
    const key = `${definitionId}@${version}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last: eviction takes from the front.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const read = this.store.getVersion(definitionId, version).then((v) => (v ? workflowOf(v) : null));
    this.remember(key, read);
    return read;
  }

  private remember(key: string, read: Promise<PublishedWorkflow | null>): void {
    // A missing version is not kept (it may be published a moment later), nor a failed read.
    const forget = () => {
      if (this.entries.get(key) === read) this.entries.delete(key);
    };
    read.then((v) => v ?? forget(), forget);
    this.entries.set(key, read);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The definition of a version that must exist (an instance is pinned to it); 404 otherwise. */
  async definition(definitionId: string, version: number): Promise<Definition> {
    const found = await this.get(definitionId, version);
    if (!found) throw notFound(`Version ${version} of workflow '${definitionId}'`);
    return found.definition;
  }

  /** The given version, or the latest one when `version` is omitted; null when there is none. */
  async published(definitionId: string, version?: number): Promise<PublishedWorkflow | null> {
    if (version !== undefined) return this.get(definitionId, version);
    const latest = await this.store.getVersion(definitionId);
    if (!latest) return null;
    const key = `${latest.definitionId}@${latest.version}`;
    if (!this.entries.has(key)) this.remember(key, Promise.resolve(workflowOf(latest)));
    return this.get(latest.definitionId, latest.version);
  }

  /** The workflow's title when a lead retired it (no new request starts it), else null; read fresh each time. */
  async retired(definitionId: string): Promise<string | null> {
    const found = (await this.store.listDefinitions()).find((d) => d.id === definitionId);
    return found?.retiredAt ? found.title : null;
  }

  /** The latest published version of every workflow, retired ones included, in the catalog's order (by title). */
  latest(): Promise<PublishedWorkflow[]> {
    return this.latestOf(() => true);
  }

  /**
   * The latest published version of every workflow new requests can start: those a lead retired are
   * left out (their running requests finish, and they stay for audit) until brought back.
   */
  inUse(): Promise<PublishedWorkflow[]> {
    return this.latestOf((d) => d.retiredAt === null);
  }

  private async latestOf(keep: (d: DefinitionSummary) => boolean): Promise<PublishedWorkflow[]> {
    const list = await this.store.listDefinitions();
    const out = await Promise.all(
      list.filter((d) => d.latestVersion !== null && keep(d)).map((d) => this.get(d.id, d.latestVersion!)),
    );
    return out.filter((w): w is PublishedWorkflow => w !== null);
  }
}

const workflowOf = (v: DefinitionVersion): PublishedWorkflow => ({
  definition: v.definition,
  version: v.version,
  layout: v.layout,
  publishedAt: v.publishedAt,
});
