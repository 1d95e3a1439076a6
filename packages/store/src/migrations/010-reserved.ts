import type { Migration } from './migration.ts';

/**
 * Version 10 belongs to a change developed alongside 011; until it lands, this keeps the versions
 * contiguous. When merging, the real migration 010 replaces this file.
 */
export const reserved010: Migration = {
  version: 10,
  name: 'reserved',
  statements: ['SELECT 1'],
};
