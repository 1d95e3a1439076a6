import type { Migration } from './migration.ts';

/** The help center: FAQ and how-to entries per clinic, for staff or patients, with an edit history. */
export const helpCenter: Migration = {
  version: 6,
  name: 'help-center',
  statements: [
    `CREATE TABLE help_clinics (
      slug TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE TABLE help_entries (
      id TEXT PRIMARY KEY,
      clinic TEXT NOT NULL REFERENCES help_clinics (slug),
      kind TEXT NOT NULL CHECK (kind IN ('faq', 'howto')),
      audience TEXT NOT NULL CHECK (audience IN ('staff', 'patients')),
      language TEXT NOT NULL,
      category TEXT NOT NULL,
      tags TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      video_url TEXT,
      status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
      revision INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT,
      updated_at TEXT NOT NULL,
      updated_by TEXT,
      published_at TEXT
    ) STRICT`,
    'CREATE INDEX help_entries_by_clinic ON help_entries (clinic, status, audience)',
    `CREATE TABLE help_entry_changes (
      entry_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      at TEXT NOT NULL,
      user_id TEXT,
      action TEXT NOT NULL CHECK (action IN ('created', 'edited', 'published', 'unpublished', 'deleted')),
      changes TEXT NOT NULL,
      PRIMARY KEY (entry_id, seq)
    ) STRICT`,
  ],
};
