import { existsSync } from 'node:fs';
import type { Store } from '@portalflow/store';
import { CliError, EXIT } from '../io.ts';

export const DEFAULT_DB = 'file:./data/portalflow.db';

/** `--db`, else `DATABASE_URL`, else the embedded default. */
export function databaseUrl(flag: string | undefined): string {
  return flag ?? process.env.DATABASE_URL ?? DEFAULT_DB;
}

/** The path of a `file:` URL, or null for a server URL (or `:memory:`). */
function filePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  let path = url.slice('file:'.length).split('?')[0]!;
  if (path.startsWith('//')) path = path.replace(/^\/\/(localhost)?/, '');
  return path === '' || path === ':memory:' ? null : decodeURIComponent(path);
}

/**
 * Opens an existing database for reading commands. Opening a store creates a missing file, so a
 * mistyped `--db` would otherwise "verify" a brand-new empty database: refuse it instead (exit 2).
 */
export async function openExisting(url: string): Promise<Store> {
  const path = filePath(url);
  if (path !== null && !existsSync(path))
    throw new CliError(`${url}: no database there (check --db or DATABASE_URL)`, EXIT.usage, 'UNREADABLE');
  // Loaded on demand so that commands without a database never load libSQL.
  const { openStore, StoreError } = await import('@portalflow/store');
  try {
    const options: Parameters<typeof openStore>[0] = { url };
    if (process.env.DATABASE_AUTH_TOKEN) options.authToken = process.env.DATABASE_AUTH_TOKEN;
    return await openStore(options);
  } catch (error) {
    if (error instanceof StoreError)
      throw new CliError(`${url}: cannot open (${error.message})`, EXIT.usage, error.code);
    throw error;
  }
}
