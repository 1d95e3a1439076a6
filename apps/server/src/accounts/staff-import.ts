import type { ImportRow } from '@portalflow/contract';
import type { User } from '@portalflow/store';

/** What applying one row of a staff list would do (the contract's `ImportRow`). */
export type { ImportRow };

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const MAX_IMPORT_ROWS = 1000;

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
const HEADERS = {
  username: 'username',
  'display name': 'displayName',
  name: 'displayName',
  roles: 'roles',
} as const;

export class ImportFileError extends Error {}

/**
 * The preview of a staff list: each row as create, update, unchanged or error (unknown role, a
 * username twice in the file, an invalid username). Reads nothing but its arguments; writes nothing.
 */
export function previewStaffList(
  csv: string,
  users: readonly User[],
  known: ReadonlySet<string>,
): ImportRow[] {
  const [header, ...body] = parseCsv(csv.replace(/^\uFEFF/, ''));
  if (!header) throw new ImportFileError('The file is empty');
  const columns = header.map((h) => HEADERS[norm(h) as keyof typeof HEADERS]);
  const at = (name: string) => columns.indexOf(name as never);
  if (at('username') < 0 || at('roles') < 0)
    throw new ImportFileError('The first line must name the columns: username, display name, roles');
  if (body.length > MAX_IMPORT_ROWS)
    throw new ImportFileError(`A staff list may have at most ${MAX_IMPORT_ROWS} rows`);
  const byName = new Map(users.map((u) => [u.username.toLowerCase(), u]));
  const seen = new Map<string, number>();
  return body.map((cells, i) => {
    const line = i + 2;
    const username = (cells[at('username')] ?? '').trim().toLowerCase();
    const displayName = (at('displayName') >= 0 ? (cells[at('displayName')] ?? '') : '').trim() || username;
    const roles = [
      ...new Set(
        (cells[at('roles')] ?? '')
          .split(/[;|]/)
          .map((r) => r.trim())
          .filter(Boolean),
      ),
    ].sort();
    const errors: string[] = [];
    if (!USERNAME.test(username))
      errors.push(`'${username}' is not a valid username (2–64 lowercase letters, digits, ".", "_", "-")`);
    const first = seen.get(username);
    if (first !== undefined) errors.push(`'${username}' is also on line ${first}`);
    else seen.set(username, line);
    if (roles.length === 0) errors.push('no role: an active account needs at least one role');
    const unknown = roles.filter((r) => !known.has(r));
    if (unknown.length > 0)
      errors.push(`unknown role${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    if (displayName.length > 200) errors.push('the display name is longer than 200 characters');
    const existing = byName.get(username);
    const base = { line, username, displayName, roles, errors };
    if (errors.length > 0) return { ...base, action: 'error' as const };
    if (!existing) return { ...base, action: 'create' as const };
    const current = { displayName: existing.displayName, roles: [...existing.roles].sort() };
    const same = current.displayName === displayName && current.roles.join(';') === roles.join(';');
    return { ...base, action: same ? ('unchanged' as const) : ('update' as const), current };
  });
}
