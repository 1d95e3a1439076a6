import type { Store } from '@portalflow/store';
import { RefresherIndex, VersionCache } from './catalog.ts';

/** One version cache and refresher index per store, shared by the role, refresher and handbook routes. */
const contexts = new WeakMap<Store, { versions: VersionCache; refreshers: RefresherIndex }>();

export function rolesContext(store: Store): { versions: VersionCache; refreshers: RefresherIndex } {
  let ctx = contexts.get(store);
  if (!ctx) {
    const versions = new VersionCache(store);
    ctx = { versions, refreshers: new RefresherIndex(store, versions) };
    contexts.set(store, ctx);
  }
  return ctx;
}
