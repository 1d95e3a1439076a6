import type { Migration } from './migration.ts';

/** Version 10 is taken by another schema change; this keeps the versions contiguous until it is merged in. */
export const reserved010: Migration = {
  version: 10,
  name: 'reserved',
  statements: ['SELECT 1'],
};
