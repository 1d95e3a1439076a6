import { type Client, createClient, LibsqlError } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NativeClient } from '../src/libsql/native-client.ts';
import { ThreadedClient } from '../src/libsql/threaded-client.ts';
import { tempDir } from './support/temp-db.ts';

const clients = {
  'on the calling thread': NativeClient,
  'writing on a worker thread': ThreadedClient,
};

// The native clients stand in for `@libsql/client` under the store and under wrappers such as the
// campaigns' fault injection, so they must answer exactly as `@libsql/client` does on the same file.
describe.each(Object.entries(clients))('native libSQL client %s', (_, Native) => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let native: NativeClient | ThreadedClient;
  let reference: Client;

  beforeEach(async () => {
    tmp = await tempDir();
    native = new Native(`${tmp.dir}/db.sqlite`, { timeout: 5000 });
    await native.execute('PRAGMA journal_mode = WAL');
    reference = createClient({ url: tmp.url('db.sqlite') });
    await native.executeMultiple(`
      CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, score REAL, data BLOB, big INTEGER);
      INSERT INTO t (name, score, data, big) VALUES ('a', 1.5, x'0102', 9007199254740991), ('b', NULL, NULL, 2);`);
  });
  afterEach(async () => {
    native.close();
    reference.close();
    await tmp.remove();
  });

  it('reads rows shaped as @libsql/client shapes them: named and indexed, same keys and JSON', async () => {
    const sql = 'SELECT id, name, score, data, big, name AS name FROM t ORDER BY id';
    for (const query of [sql, 'SELECT t.id, u.id, u.name FROM t JOIN t u ON u.id = t.id ORDER BY 1']) {
      const [a, b] = [await native.execute(query), await reference.execute(query)];
      expect(a.columns).toEqual(b.columns);
      expect(a.columnTypes).toEqual(b.columnTypes);
      expect(a.rows.map((r) => Object.keys(r))).toEqual(b.rows.map((r) => Object.keys(r)));
      expect(a.rows.map((r) => Array.from(r))).toEqual(b.rows.map((r) => Array.from(r)));
      expect(a.rows.map((r) => r.length)).toEqual(b.rows.map((r) => r.length));
      expect(JSON.stringify(a.rows.map((r) => ({ ...r })))).toBe(
        JSON.stringify(b.rows.map((r) => ({ ...r }))),
      );
    }
  });

  it('reports rowsAffected and lastInsertRowid as @libsql/client does; binds named and typed args', async () => {
    const insert = {
      sql: 'INSERT INTO t (name, score) VALUES (:name, :score)',
      args: { ':name': 'c', score: 2 },
    };
    const a = await native.execute(insert);
    expect(a.rowsAffected).toBe(1);
    expect(a.lastInsertRowid).toBe(3n);
    const b = await native.execute({
      sql: 'UPDATE t SET score = ? WHERE score IS NULL OR ? ',
      args: [7, false],
    });
    const c = await reference.execute({ sql: 'UPDATE t SET score = ? WHERE score = ?', args: [8, 7] });
    expect([b.rowsAffected, c.rowsAffected]).toEqual([1, 1]);
  });

  it('reuses a prepared statement after another connection widens the table it reads', async () => {
    const before = await native.execute('SELECT * FROM t WHERE id = 1');
    await reference.execute('ALTER TABLE t ADD COLUMN extra TEXT');
    await reference.execute("UPDATE t SET extra = 'x' WHERE id = 1");
    const after = await native.execute('SELECT * FROM t WHERE id = 1');
    expect(after.columns).toEqual([...before.columns, 'extra']);
    expect(after.rows[0]?.extra).toBe('x');
  });

  it('runs a batch as one transaction: a failing statement rolls back those before it', async () => {
    const error = await native
      .batch(
        [
          { sql: "INSERT INTO t (name) VALUES ('d')", args: [] },
          { sql: "INSERT INTO t (name) VALUES ('a')", args: [] },
        ],
        'write',
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibsqlError);
    expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT', message: expect.stringContaining('UNIQUE') });
    expect((await reference.execute("SELECT count(*) AS n FROM t WHERE name = 'd'")).rows[0]?.n).toBe(0);
    const ok = await native.batch(
      ["INSERT INTO t (name) VALUES ('d')", 'SELECT count(*) AS n FROM t'],
      'write',
    );
    expect(ok[1]?.rows[0]?.n).toBe(3);
  });

  it('runs the statements after a failed one when they come again, and any number of different ones', async () => {
    const after = "UPDATE t SET score = 3 WHERE name = 'b'";
    await expect(
      native.batch(
        [
          { sql: "INSERT INTO t (name) VALUES ('a')", args: [] },
          { sql: after, args: [] },
        ],
        'write',
      ),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect((await native.batch([after], 'write'))[0]?.rowsAffected).toBe(1);
    // More distinct statements than the write thread keeps texts for, then the first ones again.
    for (let round = 0; round < 3; round++) {
      const distinct = Array.from(
        { length: 1000 },
        (_, n) => `UPDATE t SET big = ${round * 1000 + n} WHERE name = 'b'`,
      );
      await native.batch([distinct[0]!, after, ...distinct], 'write');
    }
    expect((await native.batch([after, "UPDATE t SET big = 0 WHERE name = 'b'"], 'write')).length).toBe(2);
    expect((await reference.execute("SELECT score, big FROM t WHERE name = 'b'")).rows[0]).toMatchObject({
      score: 3,
      big: 0,
    });
  });

  it('refuses work once closed', async () => {
    native.close();
    await expect(native.execute('SELECT 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
  });
});
