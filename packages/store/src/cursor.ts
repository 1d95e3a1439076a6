import { StoreError } from './errors.ts';

type Key = string | number | null;

/** Keyset cursors are opaque to callers: the sort key of the last row seen, base64url JSON. */
export function encodeCursor(key: readonly Key[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): Key[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) &&
    key.length === length &&
    key.every((k) => k === null || typeof k === 'string' || typeof k === 'number');
  if (!valid)
    throw new StoreError('CURSOR_INVALID', `Cursor '${cursor.slice(0, 40)}' is not one this list returned`);
  return key as Key[];
}

/** Clamps a caller's page size. */
export function pageLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1)
    throw new StoreError('QUERY_INVALID', `Page limit ${limit} must be a positive integer`);
  return Math.min(limit, max);
}
