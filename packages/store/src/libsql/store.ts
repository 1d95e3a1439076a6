import type { Client } from '@libsql/client';
import type { Store } from '../types.ts';
import { accessLogApi } from './access-log.ts';
import { auditApi } from './audit.ts';
import { commentApi } from './comments.ts';
import type { Db } from './db.ts';
import { definitionApi } from './definitions.ts';
import { GroupCommit } from './group-commit.ts';
import { idempotencyApi } from './idempotency.ts';
import { instanceApi } from './instances.ts';
import { notificationApi } from './notifications.ts';
import { sessionApi } from './sessions.ts';
import { taskApi } from './tasks.ts';
import { timerApi } from './timers.ts';
import { userApi } from './users.ts';

export interface LibsqlStoreOptions {
  now: () => string;
  maxBatch: number;
}

/** The libSQL `Store`: one facade over a part per concern, all sharing one client and commit queue. */
export function createLibsqlStore(client: Client, options: LibsqlStoreOptions): Store {
  const queue = new GroupCommit(client, options.maxBatch);
  const db: Db = { client, queue, now: options.now };
  return {
    ...definitionApi(db),
    ...instanceApi(db),
    ...auditApi(db),
    ...taskApi(db),
    ...timerApi(db),
    ...userApi(db),
    ...sessionApi(db),
    ...accessLogApi(db),
    ...idempotencyApi(db),
    ...notificationApi(db),
    ...commentApi(db),
    commitStats: () => queue.stats(),
    async close() {
      await queue.close();
      client.close();
    },
  };
}
