import type { Client } from '@libsql/client';
import type { Store } from '../types.ts';
import { accessLogApi } from './access-log.ts';
import { accountAdminApi } from './account-admin.ts';
import { apiTokenApi } from './api-tokens.ts';
import { attachmentApi } from './attachments.ts';
import { auditApi } from './audit.ts';
import { clinicApi } from './clinic.ts';
import { commentApi } from './comments.ts';
import type { Db } from './db.ts';
import { definitionApi } from './definitions.ts';
import { dueSoonApi } from './due-soon.ts';
import { feedApi } from './feed.ts';
import { OneWriterClient } from './forward/one-writer-client.ts';
import { GroupCommit } from './group-commit.ts';
import { helpApi } from './help.ts';
import { idempotencyApi } from './idempotency.ts';
import { instanceMigrationApi } from './instance-migrations.ts';
import { instanceApi } from './instances.ts';
import { intakeKeyApi } from './intake-keys.ts';
import { noteApi } from './notes.ts';
import { notificationApi } from './notifications.ts';
import { outboxApi } from './outbox.ts';
import { retirementApi } from './retirements.ts';
import { roleSignOffApi } from './role-sign-off.ts';
import { securityApi } from './security.ts';
import { sessionApi } from './sessions.ts';
import { ssoApi } from './sso.ts';
import { taskDraftApi } from './task-drafts.ts';
import { taskApi } from './tasks.ts';
import type { ThreadedClient } from './threaded-client.ts';
import { timerApi } from './timers.ts';
import { trackingApi } from './tracking.ts';
import { trackingEntryApi } from './tracking-entries.ts';
import { userApi } from './users.ts';

export interface LibsqlStoreOptions {
  now: () => string;
  maxBatch: number;
  /** The client runs batches in the order sent (the write thread): a full batch may be sent early. */
  orderedBatches?: boolean;
}

/** The libSQL `Store`: one facade over a part per concern, all sharing one client and commit queue. */
export function createLibsqlStore(client: Client, options: LibsqlStoreOptions): Store {
  const queue = new GroupCommit(client, options.maxBatch, options.now, options.orderedBatches ?? false);
  const db: Db = { client, queue, now: options.now };
  return {
    ...definitionApi(db),
    ...retirementApi(db),
    ...instanceApi(db),
    ...auditApi(db),
    ...taskApi(db),
    ...timerApi(db),
    ...userApi(db),
    ...sessionApi(db),
    ...apiTokenApi(db),
    ...accessLogApi(db),
    ...idempotencyApi(db),
    ...notificationApi(db),
    ...dueSoonApi(db),
    ...commentApi(db),
    ...noteApi(db),
    ...roleSignOffApi(db),
    ...trackingApi(db),
    ...trackingEntryApi(db),
    ...helpApi(db),
    ...instanceMigrationApi(db),
    ...feedApi(db),
    ...securityApi(db),
    ...accountAdminApi(db),
    ...ssoApi(db),
    ...clinicApi(db),
    ...attachmentApi(db),
    ...outboxApi(db),
    ...intakeKeyApi(db),
    ...taskDraftApi(db),
    async health() {
      const version = await client.execute('SELECT max(version) AS v FROM schema_migrations');
      // A libSQL server may refuse PRAGMAs; the version read above already proves it answers.
      const pragma = async (name: string) => {
        try {
          const rs = await client.execute(`PRAGMA ${name}`);
          return rs.rows[0]?.[0] ?? null;
        } catch {
          return null;
        }
      };
      const [journalMode, synchronous, foreignKeys] = await Promise.all([
        pragma('journal_mode'),
        pragma('synchronous'),
        pragma('foreign_keys'),
      ]);
      return {
        schemaVersion: Number(version.rows[0]?.v ?? 0),
        journalMode: journalMode === null ? null : String(journalMode),
        synchronous: synchronous === null ? null : Number(synchronous),
        foreignKeys: foreignKeys === null ? null : Number(foreignKeys) === 1,
        writes: client instanceof OneWriterClient ? client.role : client.protocol === 'file' ? 'alone' : null,
      };
    },
    commitStats: () => queue.stats(),
    async close() {
      await queue.close();
      // The file's writer lets the processes forwarding to it finish and pick the next writer first.
      if (client instanceof OneWriterClient) await client.handOver();
      client.close();
      // The write and checkpoint threads close their connections after this; the file is free once they have.
      await (client as Partial<Pick<ThreadedClient, 'whenClosed'>>).whenClosed?.();
    },
  };
}
