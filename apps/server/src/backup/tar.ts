/**
 * Headers of a POSIX ustar archive, the one-file form of a backup folder that `tar -xf` (and every
 * unpacking tool) reads. Only what a backup holds: plain files and folders, owner-only modes.
 */

export const BLOCK = 512;
/** Two empty blocks end an archive. */
export const END = new Uint8Array(BLOCK * 2);

/** Zeros that fill a file's contents up to a whole block. */
export const padding = (size: number) => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

/** Bytes an entry takes in the archive: its header and its contents padded to whole blocks. */
export const entryBytes = (size: number) => BLOCK + Math.ceil(size / BLOCK) * BLOCK;

const encoder = new TextEncoder();

function put(header: Uint8Array, at: number, length: number, text: string) {
  const bytes = encoder.encode(text);
  if (bytes.length > length) throw new Error(`tar: '${text}' does not fit in ${length} bytes`);
  header.set(bytes, at);
}

/** A number in octal, NUL-ended; a size past 8 GiB in base-256 (GNU tar and libarchive read it). */
function putNumber(header: Uint8Array, at: number, length: number, value: number) {
  const octal = value.toString(8);
  if (octal.length < length) {
    put(header, at, length, `${octal.padStart(length - 1, '0')}\0`);
    return;
  }
  let rest = BigInt(value);
  for (let i = at + length - 1; i > at; i--) {
    header[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  header[at] = 0x80;
}

/** Splits a path into ustar's prefix (155 bytes) and name (100 bytes), at a slash. */
function splitPath(path: string): { prefix: string; name: string } {
  if (encoder.encode(path).length <= 100) return { prefix: '', name: path };
  for (let cut = path.indexOf('/'); cut > 0; cut = path.indexOf('/', cut + 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(name).length <= 100) return { prefix, name };
  }
  throw new Error(`tar: the path '${path}' is too long for an archive`);
}

/** The 512-byte header of a file (`size` bytes follow) or of a folder (`path` ending in `/`). */
export function tarHeader(entry: { path: string; size: number; mtimeMs: number; folder: boolean }) {
  const header = new Uint8Array(BLOCK);
  const { prefix, name } = splitPath(entry.path);
  put(header, 0, 100, name);
  // A backup is patient information: unpacked, it stays readable by its owner only.
  putNumber(header, 100, 8, entry.folder ? 0o700 : 0o600);
  putNumber(header, 108, 8, 0);
  putNumber(header, 116, 8, 0);
  putNumber(header, 124, 12, entry.folder ? 0 : entry.size);
  putNumber(header, 136, 12, Math.floor(entry.mtimeMs / 1000));
  put(header, 156, 1, entry.folder ? '5' : '0');
  put(header, 257, 6, 'ustar\0');
  put(header, 263, 2, '00');
  put(header, 345, 155, prefix);
  // The checksum is summed with its own field read as spaces.
  header.fill(0x20, 148, 156);
  const sum = header.reduce((total, byte) => total + byte, 0);
  put(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}
