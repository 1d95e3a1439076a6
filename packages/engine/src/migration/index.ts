export { type Blocker, BlockerCode } from './blockers.ts';
export { checkMapping, targetIssue } from './check.ts';
export { type MigratedEvent, MigratedEventSchema, type StepMapping, StepMappingSchema } from './event.ts';
export { historyVersions } from './history.ts';
export { parkableSteps, proposeMapping } from './mapping.ts';
export { type Landing, type MigrationResult, migrateSnapshot } from './migrate.ts';
export { pathOf, placements, type Region, regionsOfPath } from './placement.ts';
