import type { Migration } from './migration.ts';

/**
 * A help entry's own short video: its SHA-256 (the file's name in the media directory beside the
 * database), type, size and WebVTT captions per language, as one JSON value. The video bytes never
 * enter the database: they are served with range requests straight from the file.
 */
export const helpVideos: Migration = {
  // Number 16 in the full sequence; this branch has no 12–15 yet, so it sits at 12 until they land.
  version: 13,
  name: 'help-videos',
  statements: ['ALTER TABLE help_entries ADD COLUMN video TEXT'],
};
