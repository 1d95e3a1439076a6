import type { Store } from '../../src/index.ts';

/** A store under test plus a side door to its database, which is how tests tamper with history. */
export interface StoreHarness {
  store: Store;
  /** Runs one SQL statement on a separate connection and returns its rows. */
  sql(sql: string, args?: Array<string | number | null>): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export type NewHarness = () => Promise<StoreHarness>;
