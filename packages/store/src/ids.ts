import { v7 } from 'uuid';

/**
 * An id for a row that is only ever appended (a note, an outbox message): a UUIDv7, which starts with
 * the time it was made and counts up within a millisecond. Random UUIDs put each new key on a random
 * page of the table's key index, so a commit of 32 completions dirtied dozens of index pages that each
 * cost a 4 KB WAL write and its share of the fsync; ids made in order all land on the index's last page.
 */
export const appendId = (): string => v7();
