import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { OneWriterClient } from './libsql/forward/one-writer-client.ts';
import { writerSocketPath } from './libsql/forward/socket-path.ts';
import { NativeClient } from './libsql/native-client.ts';
import { createLibsqlStore } from './libsql/store.ts';
import { ThreadedClient } from './libsql/threaded-client.ts';
import { migrate } from './migrate.ts';
import type { Store } from './types.ts';

export const DEFAULT_DATABASE_URL = 'file:./data/portalflow.db';
const BUSY_TIMEOUT_MS = 5000;

export interface StoreOptions {
  /** `file:…` (embedded, the default `file:./data/portalflow.db`), or `libsql://…` / `http(s)://…` for a libSQL server. */
  url?: string;
  authToken?: string;
  /** Clock for rows whose input gives no time. */
  now?: () => string;
  /**
   * Which driver opens a `file:` URL: `native` (the default) talks to the `libsql` engine directly
   * and keeps its prepared statements; `client` goes through `@libsql/client`, the code path remote
   * URLs always take — tests use it on a file to cover that path where no server can run.
   */
  driver?: 'native' | 'client';
  /**
   * With the native driver: write on a worker thread (the default), so commits and their fsyncs do
   * not block the event loop; `false` writes on the calling thread (tools, benchmarks of the floor).
   */
  writeThread?: boolean;
  /** Most changes sharing one group-commit batch. */
  maxBatch?: number;
  /**
   * Wraps the client after its pragmas are set, before migrations: for fault injection (failing
   * writes) and instrumentation. The wrapper must keep the client's semantics when it does not fail,
   * and pass batches on in the order it is given them (group commit may send one before the last is answered).
   */
  wrapClient?: (client: Client) => Client;
  /**
   * With the write thread: one writer per file (the default). The first process to open the file
   * commits for every process that opens it after; the others send it their commit batches (see
   * `libsql/forward/one-writer-client.ts`). `false`: this store always commits for itself.
   */
  oneWriter?: boolean;
}

/** The path of a `file:` URL, or null for anything else. */
function filePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  let path = url.slice('file:'.length).split('?')[0]!;
  if (path.startsWith('//')) path = path.replace(/^\/\/(localhost)?/, '');
  return path === '' || path === ':memory:' ? null : decodeURIComponent(path);
}

/**
 * Opens the database, makes a file durable (WAL, synchronous=FULL: an acknowledged commit survives a
 * power cut), brings the schema up to date, and returns the store.
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const url = options.url ?? DEFAULT_DATABASE_URL;
  const path = filePath(url);
  let client: Client;
  let orderedBatches = false;
  let threaded: ThreadedClient | undefined;
  if (path !== null) {
    mkdirSync(dirname(path), { recursive: true });
    // One write connection: the pragmas below are per connection, and SQLite writes one at a time anyway.
    client =
      options.driver === 'client'
        ? createClient({ url, concurrency: 1, timeout: BUSY_TIMEOUT_MS })
        : options.writeThread === false
          ? new NativeClient(path, { timeout: BUSY_TIMEOUT_MS })
          : new ThreadedClient(path, { timeout: BUSY_TIMEOUT_MS });
    orderedBatches = client instanceof ThreadedClient;
    if (client instanceof ThreadedClient) threaded = client;
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = FULL');
    await client.execute('PRAGMA foreign_keys = ON');
    await client.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } else {
    client = createClient(options.authToken === undefined ? { url } : { url, authToken: options.authToken });
  }
  if (options.wrapClient) client = options.wrapClient(client);
  const now = options.now ?? (() => new Date().toISOString());
  try {
    await migrate(client, undefined, now);
  } catch (error) {
    client.close();
    throw error;
  }
  // After the migrations, which run on this process's own connection like every per-connection setting.
  if (threaded && path !== null && options.oneWriter !== false) {
    const socket = writerSocketPath(path);
    if (socket) client = await OneWriterClient.open(client, threaded!, socket);
  }
  return createLibsqlStore(client, { now, maxBatch: options.maxBatch ?? 200, orderedBatches });
}
