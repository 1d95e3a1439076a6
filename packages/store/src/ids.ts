import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/** Random bytes drawn 4 KB at a time: `uuid` alone asks WebCrypto for 16 bytes per id (~2.5 µs each). */
const pool = new Uint8Array(4096);
let used = pool.length;
/** The last id's millisecond and its counter within it, so ids made in one millisecond still count up. */
let msecs = Number.NEGATIVE_INFINITY;
let seq = 0;

function random16(): Uint8Array {
  if (used + 16 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

/**
 * An id for a row that is only ever appended (a note, an outbox message): a UUIDv7, which starts with
 * the time it was made and counts up within a millisecond. Random UUIDs put each new key on a random
 * page of the table's key index, so a commit of 32 completions dirtied dozens of index pages that each
 * cost a 4 KB WAL write and its share of the fsync; ids made in order all land on the index's last page.
 */
export function appendId(): string {
  const random = random16();
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    // A random start within the millisecond's 31-bit counter, as RFC 9562 suggests (leaving headroom).
    seq = ((random[6]! << 16) | (random[7]! << 8) | random[8]!) & 0x3fffff;
  } else seq = (seq + 1) | 0;
  return v7({ random, msecs, seq });
}
