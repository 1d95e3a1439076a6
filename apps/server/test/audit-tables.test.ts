import { type Client, createClient } from '@libsql/client';
import { AUDIT_TABLES } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * Every audit table refuses UPDATE and DELETE in the database itself, whoever sends the SQL. The tables
 * come from the store's one list (`AUDIT_TABLES`), cross-checked against the triggers of a migrated
 * database; each holds real rows (made through the API and the store) so every trigger actually fires.
 */

let t: TestApp;
let raw: Client;
let grantId: string;

const triggerNames = async () =>
  (
    await raw.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
  ).rows.map((r) => ({ name: String(r.name), table: String(r.tbl_name) }));

const columnsOf = async (table: string) =>
  (await raw.execute(`SELECT name FROM pragma_table_info('${table}')`)).rows.map((r) => String(r.name));

/** The whole table, in a fixed order: any change to any row shows. */
const contents = async (table: string) =>
  JSON.stringify((await raw.execute(`SELECT * FROM ${table} ORDER BY rowid`)).rows);

beforeAll(async () => {
  t = await makeApp();
  const lead = await t.login('lead');
  // Through the API: instance events, access-log rows, published versions (makeApp publishes).
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: {
      definitionId: 'portal-message-triage',
      data: { ...exampleStart('portal-message-triage'), subject: 'Audit tables' },
    },
  });
  expect(started.status, started.text).toBe(201);
  const me = await t.login('medical-assistant');
  const entry = await t.call('POST', '/api/tracking/entries', {
    as: me,
    body: {
      kind: 'shift',
      day: '2026-03-02',
      fields: { shift: 'full-day', site: 'Main clinic', hours: 7.5 },
    },
  });
  expect(entry.status, entry.text).toBe(201);
  // Through the store: sign-offs, acknowledgements, help edits, a break-glass grant and an account change.
  const at = t.clock.now();
  await t.store.addJobApproval({
    roleId: 'triage-nurse',
    fingerprint: 'f1',
    duties: [],
    jobText: { reportsTo: '', skills: '', languages: '', hours: '' },
    approvedBy: t.user('lead').id,
    approvedAt: at,
  });
  await t.store.acknowledgeRefresher({
    userId: t.user('medical-assistant').id,
    definitionId: 'portal-message-triage',
    version: 1,
    role: 'medical-assistant',
    at,
  });
  await t.store.putHelpClinic({ slug: 'riverside', name: 'Riverside', at });
  await t.store.createHelpEntry({
    clinic: 'riverside',
    kind: 'faq',
    audience: 'staff',
    language: 'en',
    category: 'Signing in',
    tags: [],
    title: 'Resetting a password',
    body: 'Ask an admin.',
    videoUrl: null,
    userId: t.user('lead').id,
    at,
  });
  const grant = await t.store.grantEmergencyAccess({
    userId: t.user('admin').id,
    reason: 'Patient unconscious in the waiting room',
    at,
    expiresAt: new Date(Date.parse(at) + 3_600_000).toISOString(),
  });
  grantId = grant.id;
  await t.store.recordAccountChanges({
    userId: t.user('medical-assistant').id,
    actorId: t.user('admin').id,
    at,
    changes: [{ what: 'displayName', oldValue: 'MA', newValue: 'Medical assistant' }],
  });
  const note = await t.store.addNote(started.body.instance.id, {
    kind: 'comment',
    authorId: t.user('lead').id,
    at,
    body: 'Called the patient back',
  });
  expect(note).not.toBeNull();
  const added = await t.store.addAttachment(started.body.instance.id, {
    name: 'statement.pdf',
    type: 'application/pdf',
    bytes: 42,
    sha256: 'a'.repeat(64),
    authorId: t.user('lead').id,
    at,
  });
  if (!added.ok) throw new Error(`not attached: ${added.reason}`);
  expect(
    await t.store.removeAttachment({
      id: added.attachment.id,
      by: t.user('lead').id,
      at,
      reason: 'wrong request',
    }),
  ).toMatchObject({ ok: true });
  await t.store.setSsoGroupRoles({
    mapping: { 'clinic-nurses': ['triage-nurse'] },
    actorId: t.user('admin').id,
    at,
  });
  await t.store.saveClinicCalendar({
    value: { hours: { mon: [['08:00', '17:00']] }, closures: [] },
    expectedRevision: 0,
    actorId: t.user('admin').id,
    at,
    reason: 'Winter hours',
  });
  await t.store.createIntakeKey({
    id: 'intake-key-1',
    workflowId: 'prescription-refill',
    sealedSecret: 'sealed',
    actorId: t.user('admin').id,
    at,
  });
  raw = createClient({ url: t.dbUrl });
});
afterAll(async () => {
  raw?.close();
  await t?.close();
});

describe('the list of audit tables is the truth', () => {
  it('every listed table exists and has both guards; no unlisted table has one', async () => {
    const tables = new Set(
      (await raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((r) =>
        String(r.name),
      ),
    );
    const triggers = await triggerNames();
    for (const { table } of AUDIT_TABLES) {
      expect(tables.has(table), table).toBe(true);
      expect(triggers, table).toContainEqual({ name: `${table}_no_update`, table });
      expect(triggers, table).toContainEqual({ name: `${table}_no_delete`, table });
    }
    const guarded = triggers.filter((tr) => /_no_(update|delete)$/.test(tr.name)).map((tr) => tr.table);
    expect([...new Set(guarded)].sort()).toEqual(AUDIT_TABLES.map((a) => a.table).sort());
  });

  it('the change feed is not an audit table: it is pruned once read, and pruning works', async () => {
    expect(AUDIT_TABLES.map((a) => a.table)).not.toContain('change_feed');
    const { newest } = await t.store.feedBounds();
    expect(newest).not.toBeNull();
    await t.store.pruneFeed(newest!);
  });
});

describe.each(AUDIT_TABLES)('$table', ({ table, allowedUpdate }) => {
  it('holds rows, so the guards below really fire', async () => {
    const n = (await raw.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n;
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('refuses UPDATE of every column and DELETE; nothing changes', async () => {
    const before = await contents(table);
    for (const column of await columnsOf(table)) {
      if (column === allowedUpdate?.column) continue;
      await expect(raw.execute(`UPDATE ${table} SET ${column} = ${column}`), column).rejects.toThrow();
    }
    await expect(raw.execute(`DELETE FROM ${table}`)).rejects.toThrow();
    await expect(
      raw.execute(`DELETE FROM ${table} WHERE rowid = (SELECT min(rowid) FROM ${table})`),
    ).rejects.toThrow();
    expect(await contents(table)).toBe(before);
  });
});

describe('emergency access: ended once, never rewritten', () => {
  it('the holder ends the grant; setting the end again, or on a grant already ended, is refused', async () => {
    expect(
      await t.store.endEmergencyAccess({ id: grantId, userId: t.user('admin').id, at: t.clock.now() }),
    ).toBe(true);
    const before = await contents('emergency_access');
    await expect(
      raw.execute({
        sql: 'UPDATE emergency_access SET ended_at = ? WHERE id = ?',
        args: ['2030-01-01T00:00:00.000Z', grantId],
      }),
    ).rejects.toThrow();
    await expect(
      raw.execute({ sql: 'UPDATE emergency_access SET ended_at = NULL WHERE id = ?', args: [grantId] }),
    ).rejects.toThrow();
    expect(await contents('emergency_access')).toBe(before);
  });
});

describe('appending still works', () => {
  it('new access-log rows and events are written after all those refusals', async () => {
    const before = Number((await raw.execute('SELECT count(*) AS n FROM access_log')).rows[0]!.n);
    const lead = await t.session('lead');
    const started = await t.call('POST', '/api/instances', {
      as: lead,
      body: {
        definitionId: 'portal-message-triage',
        data: { ...exampleStart('portal-message-triage'), subject: 'Still appending' },
      },
    });
    expect(started.status).toBe(201);
    expect(Number((await raw.execute('SELECT count(*) AS n FROM access_log')).rows[0]!.n)).toBeGreaterThan(
      before,
    );
  });
});
