import type { Migration } from './migration.ts';

/**
 * Files attached to a request (a statement, a signed proxy form, a referral letter): the row names the
 * file's bytes by their SHA-256 in the attachments directory beside the database, never holds them.
 * Both tables are append-only: a file attached by mistake (another patient's letter) is removed by a
 * removal row with its reason, which also lets the server delete the bytes; the attachment row stays.
 */
export const attachments: Migration = {
  version: 24,
  name: 'attachments',
  statements: [
    `CREATE TABLE request_attachments (
      id TEXT PRIMARY KEY,
      instance_id TEXT NOT NULL,
      task_id TEXT,
      step TEXT,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      bytes INTEGER NOT NULL CHECK (bytes > 0),
      sha256 TEXT NOT NULL,
      author_id TEXT NOT NULL,
      author_role TEXT,
      at TEXT NOT NULL
    ) STRICT`,
    'CREATE INDEX request_attachments_by_instance ON request_attachments (instance_id, id)',
    'CREATE INDEX request_attachments_by_sha256 ON request_attachments (sha256)',
    `CREATE TABLE request_attachment_removals (
      attachment_id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      removed_by TEXT NOT NULL,
      reason TEXT NOT NULL
    ) STRICT`,
    `CREATE TRIGGER request_attachments_no_update BEFORE UPDATE ON request_attachments
      BEGIN SELECT RAISE(ABORT, 'request_attachments is append-only'); END`,
    `CREATE TRIGGER request_attachments_no_delete BEFORE DELETE ON request_attachments
      BEGIN SELECT RAISE(ABORT, 'request_attachments is append-only'); END`,
    `CREATE TRIGGER request_attachment_removals_no_update BEFORE UPDATE ON request_attachment_removals
      BEGIN SELECT RAISE(ABORT, 'request_attachment_removals is append-only'); END`,
    `CREATE TRIGGER request_attachment_removals_no_delete BEFORE DELETE ON request_attachment_removals
      BEGIN SELECT RAISE(ABORT, 'request_attachment_removals is append-only'); END`,
  ],
};
