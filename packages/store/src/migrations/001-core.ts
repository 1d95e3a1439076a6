import type { Migration } from './migration.ts';

const immutable = (table: string, what: string) => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${what}'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${what}'); END`,
];

/** Workflows, their immutable versions, instances with their hash-chained events, tasks and timers. */
export const core: Migration = {
  version: 1,
  name: 'core',
  statements: [
    `CREATE TABLE definitions (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      definition TEXT NOT NULL CHECK (json_valid(definition)),
      layout TEXT CHECK (layout IS NULL OR json_valid(layout)),
      revision INTEGER NOT NULL CHECK (revision >= 1),
      updated_at TEXT NOT NULL,
      updated_by TEXT
    ) STRICT`,

    `CREATE TABLE definition_versions (
      definition_id TEXT NOT NULL REFERENCES definitions (id),
      version INTEGER NOT NULL CHECK (version >= 1),
      content_hash TEXT NOT NULL,
      definition TEXT NOT NULL CHECK (json_valid(definition)),
      layout TEXT,
      published_at TEXT NOT NULL,
      published_by TEXT,
      PRIMARY KEY (definition_id, version)
    ) STRICT`,
    ...immutable('definition_versions', 'definition versions are immutable; publish a new version'),

    // commit_token marks which change last moved the row; the rest of that change's batch checks it.
    `CREATE TABLE instances (
      id TEXT PRIMARY KEY,
      definition_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'done', 'cancelled')),
      snapshot TEXT NOT NULL,
      revision INTEGER NOT NULL CHECK (revision >= 1),
      last_hash TEXT NOT NULL,
      commit_token TEXT,
      started_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      started_by TEXT,
      practice INTEGER NOT NULL DEFAULT 0 CHECK (practice IN (0, 1)),
      FOREIGN KEY (definition_id, version) REFERENCES definition_versions (definition_id, version)
    ) STRICT`,
    'CREATE INDEX instances_by_start ON instances (practice, started_at, id)',
    'CREATE INDEX instances_by_definition ON instances (definition_id, status, started_at)',
    'CREATE INDEX instances_by_status ON instances (status, started_at)',
    'CREATE INDEX instances_by_starter ON instances (started_by, started_at)',

    // Append-only: the triggers stop accidents, the hash chain exposes deliberate edits.
    `CREATE TABLE events (
      instance_id TEXT NOT NULL REFERENCES instances (id),
      seq INTEGER NOT NULL CHECK (seq >= 1),
      at TEXT NOT NULL,
      actor TEXT,
      role TEXT,
      type TEXT NOT NULL,
      payload TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      PRIMARY KEY (instance_id, seq)
    ) STRICT`,
    'CREATE INDEX events_by_actor ON events (actor, instance_id)',
    ...immutable('events', 'events are append-only'),

    // due_order puts tasks without a due time last while keeping queue scans in index order.
    `CREATE TABLE tasks (
      id TEXT PRIMARY KEY,
      instance_id TEXT NOT NULL REFERENCES instances (id),
      definition_id TEXT NOT NULL,
      token TEXT NOT NULL,
      step TEXT NOT NULL,
      title TEXT NOT NULL,
      role TEXT NOT NULL,
      assignee TEXT,
      status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      due TEXT,
      due_order TEXT GENERATED ALWAYS AS (ifnull(due, '~')) VIRTUAL,
      priority TEXT NOT NULL DEFAULT 'normal',
      opened_at TEXT NOT NULL,
      closed_at TEXT,
      outcome TEXT,
      close_reason TEXT,
      closed_by TEXT,
      escalated INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0, 1)),
      practice INTEGER NOT NULL DEFAULT 0 CHECK (practice IN (0, 1))
    ) STRICT`,
    'CREATE INDEX tasks_by_role ON tasks (status, practice, role, due_order, opened_at, id)',
    'CREATE INDEX tasks_by_assignee ON tasks (status, practice, assignee, due_order, opened_at, id)',
    `CREATE INDEX tasks_pool ON tasks (practice, role, due_order, opened_at, id)
      WHERE status = 'open' AND assignee IS NULL`,
    'CREATE INDEX tasks_by_instance ON tasks (instance_id)',

    `CREATE TABLE timers (
      id TEXT PRIMARY KEY,
      instance_id TEXT NOT NULL REFERENCES instances (id),
      timer_id TEXT NOT NULL,
      due TEXT NOT NULL,
      lease_owner TEXT,
      lease_expires TEXT
    ) STRICT`,
    'CREATE INDEX timers_by_due ON timers (due)',
    'CREATE INDEX timers_by_instance ON timers (instance_id)',
  ],
};
