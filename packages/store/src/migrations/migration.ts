/**
 * One schema step. Statements run in one batch with the `schema_migrations` row that records them, so
 * a migration is applied entirely or not at all. Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}
