import { type Definition, parseDefinition } from '@portalflow/engine';
import { openStore, type Store } from '@portalflow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionCache } from '../src/definitions/cache.ts';
import { publish, tempDb } from './support/prepare.ts';

const workflow = (id: string, title = id): Definition =>
  parseDefinition({
    id,
    title,
    roles: [{ id: 'front-desk', name: 'Front desk' }],
    start: 'sort',
    steps: {
      sort: { type: 'task', title: 'Sort it', role: 'front-desk', outcomes: { done: 'end' } },
      end: { type: 'end' },
    },
  });

describe('the definition cache (one per app, over a real database file)', () => {
  let db: Awaited<ReturnType<typeof tempDb>>;
  let store: Store;
  let reads: number;
  let counted: Pick<Store, 'getVersion' | 'listDefinitions'>;

  beforeEach(async () => {
    db = await tempDb();
    store = await openStore({ url: db.url });
    reads = 0;
    counted = {
      getVersion: (id, version) => {
        reads++;
        return store.getVersion(id, version);
      },
      listDefinitions: () => store.listDefinitions(),
    };
  });
  afterEach(async () => {
    await store.close();
    await db.remove();
  });

  it('reads a version once, however many ask for it at the same moment', async () => {
    await publish(store, workflow('intake'));
    const cache = new DefinitionCache(counted);
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.get('intake', 1)));
    expect(all.every((w) => w?.definition.id === 'intake' && w.version === 1)).toBe(true);
    expect(await cache.definition('intake', 1)).toBe(all[0]!.definition);
    expect(reads).toBe(1);
  });

  it('does not remember a version that is not published yet', async () => {
    const cache = new DefinitionCache(counted);
    expect(await cache.get('intake', 1)).toBeNull();
    await expect(cache.definition('intake', 1)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    await publish(store, workflow('intake', 'Intake'));
    expect((await cache.get('intake', 1))?.definition.title).toBe('Intake');
  });

  it('finds the latest version and keeps it for readers of that version', async () => {
    await publish(store, workflow('intake', 'First'));
    await publish(store, workflow('intake', 'Second'));
    const cache = new DefinitionCache(counted);
    expect((await cache.published('intake'))?.version).toBe(2);
    const before = reads;
    expect((await cache.get('intake', 2))?.definition.title).toBe('Second');
    expect(reads).toBe(before);
    expect((await cache.latest()).map((w) => [w.definition.id, w.version])).toEqual([['intake', 2]]);
  });

  it('lets the least recently used version go when full', async () => {
    await publish(store, workflow('a'));
    await publish(store, workflow('b'));
    await publish(store, workflow('c'));
    const cache = new DefinitionCache(counted, 2);
    await cache.get('a', 1);
    await cache.get('b', 1);
    await cache.get('a', 1); // a is now the most recently used
    await cache.get('c', 1); // b leaves
    reads = 0;
    await cache.get('a', 1);
    await cache.get('c', 1);
    expect(reads).toBe(0);
    await cache.get('b', 1);
    expect(reads).toBe(1);
  });
});
