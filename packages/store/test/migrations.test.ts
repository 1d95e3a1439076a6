import { type Client, createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH, MIGRATIONS, migrate, openStore, sha256Hex } from '../src/index.ts';
import { tempDir } from './support/temp-db.ts';
import { mustGet, startChange, triage } from './support/workflow.ts';

const ALL = MIGRATIONS.map((m) => m.version);

const tables = async (client: Client) =>
  (
    await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
  ).rows.map((r) => r.name);

/** A published triage workflow and one running instance of it, as rows an older schema takes. */
function oldInstanceRows(id: string) {
  const start = startChange(id);
  const json = JSON.stringify(triage);
  return [
    {
      sql: "INSERT INTO definitions VALUES (?, ?, ?, NULL, 1, '2026-01-01T00:00:00.000Z', 'lead')",
      args: [triage.id, triage.title, json],
    },
    {
      sql: "INSERT INTO definition_versions VALUES (?, 1, 'h', ?, NULL, '2026-01-01T00:00:00.000Z', 'lead')",
      args: [triage.id, json],
    },
    {
      sql: `INSERT INTO instances (id, definition_id, version, status, snapshot, revision, last_hash, started_at, updated_at, started_by)
          VALUES (?, ?, 1, 'active', ?, 1, ?, ?, ?, 'fd')`,
      args: [id, triage.id, JSON.stringify(start.snapshot), 'h', start.event.at, start.event.at],
    },
  ];
}

describe('migrations', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let raw: Client;
  beforeEach(async () => {
    tmp = await tempDir();
    raw = createClient({ url: tmp.url() });
  });
  afterEach(async () => {
    raw.close();
    await tmp.remove();
  });

  it('are numbered 1…n with names and statements', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const m of MIGRATIONS) expect(m.statements.length).toBeGreaterThan(0);
  });

  it('build the whole schema from an empty database, once', async () => {
    expect(await migrate(raw)).toEqual(ALL);
    expect(await migrate(raw)).toEqual([]);
    expect(await tables(raw)).toEqual([
      'access_log',
      'account_changes',
      'api_tokens',
      'auth_epoch',
      'change_feed',
      'clinic_calendar',
      'clinic_calendar_changes',
      'definition_retirements',
      'definition_versions',
      'definitions',
      'devices',
      'email_preferences',
      'emergency_access',
      'events',
      'help_clinics',
      'help_entries',
      'help_entry_changes',
      'idempotency',
      'instance_actors',
      'instances',
      'intake_key_changes',
      'intake_keys',
      'job_approvals',
      'job_texts',
      'migration_plans',
      'migration_results',
      'migration_runs',
      'notifications',
      'outbox',
      'recovery_codes',
      'refresher_acknowledgements',
      'refresher_schedules',
      'request_attachment_removals',
      'request_attachments',
      'request_notes',
      'schema_migrations',
      'sessions',
      'set_password_codes',
      'sso_group_roles',
      'sso_identities',
      'sso_logins',
      'sso_mapping_changes',
      'task_comments',
      'task_drafts',
      'task_escalations',
      'tasks',
      'timers',
      'totp_secrets',
      'tracking_entries',
      'tracking_entry_audit',
      'user_roles',
      'users',
      'webhook_subscriptions',
    ]);
    const ledger = (
      await raw.execute('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
    ).rows;
    expect(ledger.map((r) => [r.version, r.name])).toEqual([
      [1, 'core'],
      [2, 'accounts'],
      [3, 'collaboration'],
      [4, 'role-sign-off'],
      [5, 'tracking-sheet'],
      [6, 'help-center'],
      [7, 'instance-migrations'],
      [8, 'change-feed'],
      [9, 'security-hardening'],
      [10, 'api-token-lifetime'],
      [11, 'audit-append-only'],
      [12, 'account-administration'],
      [13, 'help-videos'],
      [14, 'single-sign-on'],
      [15, 'outbox'],
      [16, 'intake'],
      [17, 'request-notes'],
      [18, 'task-lookup-by-id'],
      [19, 'auth-epoch'],
      [20, 'instance-actors'],
      [21, 'cancel-notifications'],
      [22, 'clinic-calendar'],
      [23, 'cancelled-email'],
      [24, 'attachments'],
      [25, 'role-assignments'],
      [26, 'escalations-when'],
      [27, 'hours-applied'],
      [28, 'task-escalations'],
      [29, 'definition-retirements'],
      [30, 'due-soon'],
      [31, 'webhook-sequence'],
      [32, 'task-drafts'],
    ]);
    expect(ledger.every((r) => typeof r.applied_at === 'string')).toBe(true);
  });

  it('bring an older schema up to date with its data intact', async () => {
    // A database from a release that had only migration 1, with a published workflow and a started instance.
    expect(await migrate(raw, MIGRATIONS.slice(0, 1))).toEqual([1]);
    const start = startChange('old-1');
    const fields = {
      instanceId: 'old-1',
      seq: 1,
      at: start.event.at,
      actor: start.event.actor,
      role: start.event.role,
      type: 'start',
      payload: start.event.payload,
      prevHash: GENESIS_HASH,
    };
    const hash = eventHash(fields);
    const json = JSON.stringify(triage);
    await raw.batch(
      [
        {
          sql: "INSERT INTO definitions VALUES (?, ?, ?, NULL, 1, '2026-01-01T00:00:00.000Z', 'lead')",
          args: [triage.id, triage.title, json],
        },
        {
          sql: "INSERT INTO definition_versions VALUES (?, 1, 'h', ?, NULL, '2026-01-01T00:00:00.000Z', 'lead')",
          args: [triage.id, json],
        },
        {
          sql: `INSERT INTO instances (id, definition_id, version, status, snapshot, revision, last_hash, started_at, updated_at, started_by)
              VALUES ('old-1', ?, 1, 'active', ?, 1, ?, ?, ?, 'fd')`,
          args: [triage.id, JSON.stringify(start.snapshot), hash, start.event.at, start.event.at],
        },
        {
          sql: "INSERT INTO events VALUES ('old-1', 1, ?, ?, ?, 'start', ?, ?, ?)",
          args: [
            start.event.at,
            start.event.actor,
            start.event.role,
            JSON.stringify(start.event.payload),
            GENESIS_HASH,
            hash,
          ],
        },
      ],
      'write',
    );
    raw.close();

    const store = await openStore({ url: tmp.url() });
    expect((await store.health()).schemaVersion).toBe(ALL.length);
    const instance = await mustGet(store, 'old-1');
    expect(instance.snapshot).toEqual(start.snapshot);
    expect(await store.verifyInstance('old-1')).toMatchObject({ ok: true, count: 1 });
    expect((await store.getVersion(triage.id, 1))?.definition).toEqual(triage);
    expect((await store.createUser({ username: 'new-table', passwordHash: 'x' })).ok).toBe(true);
    await store.close();
    raw = createClient({ url: tmp.url() });
    expect(
      (await raw.execute('SELECT version FROM schema_migrations ORDER BY version')).rows.map(
        (r) => r.version,
      ),
    ).toEqual(ALL);
  });

  it('give API tokens made before token lifetimes an expiry, 30 days from the migration, and keep their power', async () => {
    expect(await migrate(raw, MIGRATIONS.slice(0, 9))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await raw.batch(
      [
        "INSERT INTO users VALUES ('u-1', 'script-owner', 'x', 'Script owner', 0, '2025-01-01T00:00:00.000Z')",
        "INSERT INTO api_tokens VALUES ('t-1', 'u-1', ?, 'nightly export', '2025-01-02T00:00:00.000Z', 0)",
      ].map((sql) => ({ sql, args: sql.includes('?') ? [sha256Hex('pft_old-secret')] : [] })),
      'write',
    );
    raw.close();
    const before = Date.now();
    const store = await openStore({ url: tmp.url() });
    const after = Date.now();
    const [token] = await store.listApiTokens('u-1');
    expect(token).toMatchObject({
      id: 't-1',
      scope: 'act',
      revoked: false,
      lastUsedAt: null,
      revokedAt: null,
    });
    const days = 24 * 3600_000;
    // The expiry is written by SQLite at millisecond precision: allow its rounding.
    expect(Date.parse(token!.expiresAt)).toBeGreaterThanOrEqual(before + 30 * days - 1000);
    expect(Date.parse(token!.expiresAt)).toBeLessThanOrEqual(after + 30 * days + 1000);
    expect(await store.findApiToken('pft_old-secret', new Date(before).toISOString())).not.toBeNull();
    expect(await store.findApiToken('pft_old-secret', new Date(after + 31 * days).toISOString())).toBeNull();
    await store.close();
    raw = createClient({ url: tmp.url() });
  });

  it('carry comments written on one task into the request notes, as first revisions', async () => {
    expect(await migrate(raw, MIGRATIONS.slice(0, 13))).toHaveLength(13);
    const start = startChange('old-2');
    await raw.batch(
      [
        ...oldInstanceRows('old-2'),
        {
          sql: `INSERT INTO tasks (id, instance_id, definition_id, token, step, title, role, status, opened_at)
              VALUES ('old-2:t1', 'old-2', ?, 't1', 'sort-message', 'Sort', 'medical-assistant', 'open', ?)`,
          args: [triage.id, start.event.at],
        },
        "INSERT INTO task_comments VALUES ('c-1', 'old-2:t1', 'old-2', 'u-ma', '2026-01-02T09:00:00.000Z', 'Left a voicemail')",
      ],
      'write',
    );
    raw.close();
    const store = await openStore({ url: tmp.url() });
    expect(await store.listNoteRevisions('old-2')).toEqual([
      {
        id: 'c-1',
        noteId: 'c-1',
        revision: 1,
        instanceId: 'old-2',
        taskId: 'old-2:t1',
        step: 'sort-message',
        kind: 'comment',
        forNextRole: false,
        authorId: 'u-ma',
        authorRole: null,
        at: '2026-01-02T09:00:00.000Z',
        body: 'Left a voicemail',
      },
    ]);
    await store.close();
    raw = createClient({ url: tmp.url() });
  });

  it('list who acted on each request from the events already written, once per person', async () => {
    expect(await migrate(raw, MIGRATIONS.slice(0, 19))).toHaveLength(19);
    const event = (seq: number, actor: string | null) => ({
      sql: `INSERT INTO events (instance_id, seq, at, actor, role, type, payload, prev_hash, hash)
            VALUES ('old-3', ?, '2026-01-02T09:00:00.000Z', ?, NULL, 'note', '{}', 'p', 'h')`,
      args: [seq, actor],
    });
    await raw.batch(
      [...oldInstanceRows('old-3'), event(1, 'fd'), event(2, 'ma'), event(3, 'ma'), event(4, null)],
      'write',
    );
    raw.close();
    const store = await openStore({ url: tmp.url() });
    expect((await store.listInstances({ actor: 'ma' })).items.map((i) => i.id)).toEqual(['old-3']);
    expect((await store.listInstances({ actor: 'nurse' })).items).toEqual([]);
    await store.close();
    raw = createClient({ url: tmp.url() });
    const rows = await raw.execute('SELECT actor, instance_id FROM instance_actors ORDER BY actor');
    expect(rows.rows.map((r) => [r.actor, r.instance_id])).toEqual([
      ['fd', 'old-3'],
      ['ma', 'old-3'],
    ]);
    const index = await raw.execute("SELECT name FROM sqlite_master WHERE name = 'events_by_actor'");
    expect(index.rows).toEqual([]);
  });

  it('keep every notification, read or not, when the kinds widen to take "cancelled"', async () => {
    expect(await migrate(raw, MIGRATIONS.slice(0, 20))).toHaveLength(20);
    await raw.batch(
      [
        `INSERT INTO notifications (id, user_id, role, kind, task_id, instance_id, created_at, read_at)
          VALUES ('n1', 'u1', NULL, 'assigned', 't1', 'i1', '2026-01-02T09:00:00.000Z', NULL)`,
        `INSERT INTO notifications (id, user_id, role, kind, task_id, instance_id, created_at, read_at)
          VALUES ('n2', NULL, 'nurse', 'escalated', 't2', 'i1', '2026-01-02T10:00:00.000Z', '2026-01-02T11:00:00.000Z')`,
      ],
      'write',
    );
    await expect(
      raw.execute(
        "INSERT INTO notifications (id, user_id, kind, created_at) VALUES ('n0', 'u1', 'cancelled', '2026-01-02T12:00:00.000Z')",
      ),
    ).rejects.toThrow(/CHECK/);
    expect(await migrate(raw)).toEqual(ALL.slice(20));
    const rows = await raw.execute('SELECT id, user_id, role, kind, read_at FROM notifications ORDER BY id');
    expect(rows.rows.map((r) => [r.id, r.user_id, r.role, r.kind, r.read_at])).toEqual([
      ['n1', 'u1', null, 'assigned', null],
      ['n2', null, 'nurse', 'escalated', '2026-01-02T11:00:00.000Z'],
    ]);
    await raw.execute(
      "INSERT INTO notifications (id, user_id, kind, created_at) VALUES ('n3', 'u1', 'cancelled', '2026-01-02T12:00:00.000Z')",
    );
    const indexes = await raw.execute(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notifications' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    expect(indexes.rows.map((r) => r.name)).toEqual(['notifications_by_role', 'notifications_by_user']);
  });

  it('number the webhook deliveries already written per subscription, in the order they were made (031)', async () => {
    expect(await migrate(raw, MIGRATIONS.slice(0, 30))).toHaveLength(30);
    const row = (id: string, channel: string, target: string, at: string) => ({
      sql: `INSERT INTO outbox (id, channel, kind, target, payload, next_at, created_at)
            VALUES (?, ?, 'task.opened', ?, 'null', ?, ?)`,
      args: [id, channel, target, at, at],
    });
    await raw.batch(
      [
        row('b', 'webhook', 's1', '2026-01-02T10:00:00.000Z'),
        row('a', 'webhook', 's1', '2026-01-02T09:00:00.000Z'),
        row('c', 'webhook', 's2', '2026-01-02T09:30:00.000Z'),
        row('d', 'webhook', 's1', '2026-01-02T10:00:00.000Z'),
        row('m', 'email', 'u1', '2026-01-02T08:00:00.000Z'),
      ],
      'write',
    );
    expect(await migrate(raw)).toEqual(ALL.slice(30));
    const rows = await raw.execute('SELECT id, target, sequence FROM outbox ORDER BY id');
    expect(rows.rows.map((r) => [r.id, r.target, r.sequence])).toEqual([
      ['a', 's1', 1],
      ['b', 's1', 2],
      ['c', 's2', 1],
      ['d', 's1', 3],
      ['m', 'u1', null],
    ]);
    await expect(
      raw
        .execute(row('e', 'webhook', 's1', '2026-01-03T00:00:00.000Z'))
        .then(() => raw.execute("UPDATE outbox SET sequence = 3 WHERE id = 'e'")),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('date the roles people already hold from their account’s creation; roles given later carry their own time', async () => {
    expect(await migrate(raw, MIGRATIONS.slice(0, 24))).toHaveLength(24);
    await raw.batch(
      [
        `INSERT INTO users (id, username, password_hash, display_name, disabled, created_at)
          VALUES ('u1', 'ma', '!unset', 'Ma', 0, '2026-01-02T09:00:00.000Z')`,
        "INSERT INTO user_roles (user_id, role) VALUES ('u1', 'medical-assistant'), ('u1', 'front-desk')",
      ],
      'write',
    );
    raw.close();
    const store = await openStore({ url: tmp.url() });
    expect(await store.listRoleAssignments({ userId: 'u1' })).toEqual(
      expect.arrayContaining([
        { userId: 'u1', role: 'medical-assistant', assignedAt: '2026-01-02T09:00:00.000Z' },
        { userId: 'u1', role: 'front-desk', assignedAt: '2026-01-02T09:00:00.000Z' },
      ]),
    );
    const edited = await store.editAccount({
      userId: 'u1',
      actorId: null,
      at: '2026-02-01T10:00:00.000Z',
      roles: ['medical-assistant', 'triage-nurse'],
    });
    expect(edited.ok).toBe(true);
    expect(
      (await store.listRoleAssignments({ userId: 'u1' })).sort((a, b) => a.role.localeCompare(b.role)),
    ).toEqual([
      { userId: 'u1', role: 'medical-assistant', assignedAt: '2026-01-02T09:00:00.000Z' },
      { userId: 'u1', role: 'triage-nurse', assignedAt: '2026-02-01T10:00:00.000Z' },
    ]);
    await store.close();
    raw = createClient({ url: tmp.url() });
  });

  it('date escalations that happened before they were recorded, for the role of their step, in the pool', async () => {
    expect(await migrate(raw, MIGRATIONS.slice(0, 25))).toHaveLength(25);
    const task = (id: string, escalated: 0 | 1, status: string) => ({
      sql: `INSERT INTO tasks (id, instance_id, definition_id, token, step, title, role, assignee, status, due,
              priority, opened_at, escalated, practice)
            VALUES (?, 'old-1', ?, ?, 'classify', 'Classify the message', ?, NULL, ?, ?, 'normal', ?, ?, 0)`,
      args: [
        `old-1:${id}`,
        triage.id,
        id,
        escalated ? 'supervisor' : 'front-desk',
        status,
        '2026-01-02T13:00:00.000Z',
        '2026-01-02T09:00:00.000Z',
        escalated,
      ],
    });
    await raw.batch(
      [
        ...oldInstanceRows('old-1'),
        task('t1', 1, 'open'),
        task('t2', 1, 'closed'),
        task('t3', 0, 'open'),
        `INSERT INTO notifications (id, user_id, role, kind, task_id, instance_id, created_at)
          VALUES ('n1', NULL, 'supervisor', 'escalated', 'old-1:t1', 'old-1', '2026-01-02T13:00:01.000Z')`,
      ],
      'write',
    );
    raw.close();
    const store = await openStore({ url: tmp.url() });
    const period = { from: '2026-01-02T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' };
    expect(await store.tallyEscalations({ ...period, keys: ['person', 'role'] })).toEqual([
      { person: null, role: 'front-desk', escalations: 2 },
    ]);
    // Dated by the notification it sent (else its deadline): the first just after 13:00, the other at it.
    expect(
      await store.tallyEscalations({ from: '2026-01-02T13:00:00.500Z', to: period.to, keys: [] }),
    ).toEqual([{ person: null, role: null, escalations: 1 }]);
    await store.close();
    raw = createClient({ url: tmp.url() });
    // Kept since as one row per escalation (028): those before carry over, one each.
    const kept = await raw.execute(
      'SELECT task_id, from_role, from_person FROM task_escalations ORDER BY task_id',
    );
    expect(kept.rows.map((r) => [r.task_id, r.from_role, r.from_person])).toEqual([
      ['old-1:t1', 'front-desk', null],
      ['old-1:t2', 'front-desk', null],
    ]);
  });

  it('keep every workflow startable when retiring arrives (029); a retired one starts nothing new', async () => {
    expect(await migrate(raw, MIGRATIONS.slice(0, 28))).toHaveLength(28);
    await raw.batch(oldInstanceRows('old-1'), 'write');
    raw.close();
    const store = await openStore({ url: tmp.url() });
    expect((await store.listDefinitions()).map((d) => [d.id, d.retiredAt])).toEqual([[triage.id, null]]);
    expect((await store.commitInstanceChange(startChange('new-0'))).ok).toBe(true);
    expect(await store.retireDefinition({ definitionId: triage.id, retiredBy: 'lead' })).toMatchObject({
      ok: true,
    });
    const refused = await store.commitInstanceChange(startChange('new-1'));
    expect(refused.ok).toBe(false);
    // The request already running is untouched.
    expect((await store.getInstance('old-1'))?.status).toBe('active');
    await store.close();
    raw = createClient({ url: tmp.url() });
  });

  it('tolerate two processes migrating at once', async () => {
    const other = createClient({ url: tmp.url() });
    const [a, b] = await Promise.all([migrate(raw), migrate(other)]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(ALL);
    other.close();
  });

  it('refuse a database migrated by a newer portalflow', async () => {
    await migrate(raw);
    await raw.execute("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00.000Z')");
    await expect(openStore({ url: tmp.url() })).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW' });
  });

  it('roll back a migration that fails part-way', async () => {
    const broken = [
      ...MIGRATIONS.slice(0, 1),
      { version: 2, name: 'broken', statements: ['CREATE TABLE half (x)', 'CREATE TABLE nope ('] },
    ];
    await expect(migrate(raw, broken)).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
      message: expect.stringContaining("2 'broken'"),
    });
    expect(await tables(raw)).not.toContain('half');
    expect((await raw.execute('SELECT max(version) AS v FROM schema_migrations')).rows[0]?.v).toBe(1);
  });
});
