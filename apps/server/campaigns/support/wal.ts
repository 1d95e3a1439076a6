/**
 * Reads a SQLite WAL file the way recovery does: frames count only while their salts match the header
 * and the running checksum holds; a transaction counts only up to its commit frame (the one whose
 * "database size" field is set). See https://www.sqlite.org/fileformat2.html#walformat.
 */
export interface WalLayout {
  pageSize: number;
  /** Bytes per frame: 24-byte header + page. */
  frameSize: number;
  /** Offset just past the last valid commit frame (32 = nothing committed in this WAL). */
  committedEnd: number;
  /** Valid commit frames. */
  commits: number;
  /** The header's salts: they change when SQLite restarts the WAL from its start ('' without a header). */
  salt: string;
}

const HEADER = 32;
const FRAME_HEADER = 24;

export function walLayout(wal: Buffer): WalLayout {
  if (wal.length < HEADER)
    return { pageSize: 4096, frameSize: 4096 + FRAME_HEADER, committedEnd: 0, commits: 0, salt: '' };
  const magic = wal.readUInt32BE(0);
  const bigEndian = (magic & 1) === 1;
  const pageSize = wal.readUInt32BE(8) || 65536;
  const frameSize = pageSize + FRAME_HEADER;
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const read = (at: number) => (bigEndian ? wal.readUInt32BE(at) : wal.readUInt32LE(at));
  let s0 = 0;
  let s1 = 0;
  const sum = (from: number, to: number) => {
    for (let i = from; i < to; i += 8) {
      s0 = (s0 + read(i) + s1) >>> 0;
      s1 = (s1 + read(i + 4) + s0) >>> 0;
    }
  };
  sum(0, 24);
  if (s0 !== wal.readUInt32BE(24) || s1 !== wal.readUInt32BE(28))
    return { pageSize, frameSize, committedEnd: 0, commits: 0, salt: '' };
  let committedEnd = HEADER;
  let commits = 0;
  for (let at = HEADER; at + frameSize <= wal.length; at += frameSize) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    sum(at, at + 8);
    sum(at + FRAME_HEADER, at + frameSize);
    if (s0 !== wal.readUInt32BE(at + 16) || s1 !== wal.readUInt32BE(at + 20)) break;
    if (wal.readUInt32BE(at + 4) !== 0) {
      committedEnd = at + frameSize;
      commits += 1;
    }
  }
  return { pageSize, frameSize, committedEnd, commits, salt: `${salt1}:${salt2}` };
}
