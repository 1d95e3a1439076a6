/**
 * Every test project resolves the workspace packages to their TypeScript sources (the `source`
 * export condition), so tests never need a build and never run a stale `dist/`.
 */
export const sourceConditions = {
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
};
