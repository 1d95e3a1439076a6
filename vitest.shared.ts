/**
 * Every test project resolves the workspace packages to their TypeScript sources (the `source`
 * export condition), so tests never need a build and never run a stale `dist/`.
 */
export const sourceConditions = {
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
};

/**
 * Unit test files share one module registry per worker instead of a fresh one per file: loading the
 * server's sources again for each of ~140 files took half the server project's time (399 s → 229 s on
 * two cores, every test passing either way). Tests therefore leave no state behind (environment
 * variables are put back, each server and database is their own); the browser tests keep isolation.
 */
export const sharedModules = { isolate: false } as const;
