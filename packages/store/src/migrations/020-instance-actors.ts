import type { Migration } from './migration.ts';

/**
 * Who has acted on which request, once per pair. "Requests I worked on" asked `events_by_actor`
 * (actor, instance_id), an index on every event: a completion added an entry at a random place in it
 * though the pair was almost always there already, one 4 KB WAL page per completion per commit
 * (1.5 of the 13 a completion wrote). Here a trigger adds the pair on an actor's first event on a
 * request; later events find it and write nothing. The trigger runs whoever appends an event, so no
 * write path can leave a pair out.
 */
export const instanceActors: Migration = {
  version: 20,
  name: 'instance-actors',
  statements: [
    `CREATE TABLE instance_actors (
      actor TEXT NOT NULL,
      instance_id TEXT NOT NULL,
      PRIMARY KEY (actor, instance_id)
    ) STRICT, WITHOUT ROWID`,
    `INSERT OR IGNORE INTO instance_actors (actor, instance_id)
      SELECT actor, instance_id FROM events WHERE actor IS NOT NULL`,
    `CREATE TRIGGER events_instance_actor AFTER INSERT ON events WHEN NEW.actor IS NOT NULL
    BEGIN
      INSERT OR IGNORE INTO instance_actors (actor, instance_id) VALUES (NEW.actor, NEW.instance_id);
    END`,
    'DROP INDEX IF EXISTS events_by_actor',
  ],
};
