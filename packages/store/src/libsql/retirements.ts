import type { Store } from '../types.ts';
import type { Db } from './db.ts';
import { int, text, textOrNull } from './rows.ts';

type RetirementApi = Pick<Store, 'deleteDraft' | 'retireDefinition' | 'bringBackDefinition' | 'countRunning'>;

const PUBLISHED = 'EXISTS (SELECT 1 FROM definition_versions v WHERE v.definition_id = d.id)';

/**
 * Taking a workflow out of use. Each change is one conditional statement, so it cannot interleave with a
 * publish (a draft is deleted only while it has no version) or a start (the instance insert checks the
 * retirement in its own statement, `commit.ts`).
 */
export function retirementApi(db: Db): RetirementApi {
  const exists = async (id: string) =>
    (await db.client.execute({ sql: 'SELECT 1 FROM definitions WHERE id = ?', args: [id] })).rows.length > 0;
  return {
    async deleteDraft(definitionId) {
      const rs = await db.client.execute({
        sql: `DELETE FROM definitions AS d WHERE d.id = ? AND NOT ${PUBLISHED}`,
        args: [definitionId],
      });
      if (rs.rowsAffected === 1) return { ok: true };
      return { ok: false, reason: (await exists(definitionId)) ? 'published' : 'not-found' };
    },

    async retireDefinition(input) {
      await db.client.execute({
        sql: `INSERT INTO definition_retirements (definition_id, retired_at, retired_by)
              SELECT d.id, ?, ? FROM definitions d WHERE d.id = ? AND ${PUBLISHED}
              ON CONFLICT (definition_id) DO NOTHING`,
        args: [input.at ?? db.now(), input.retiredBy, input.definitionId],
      });
      const rs = await db.client.execute({
        sql: 'SELECT retired_at, retired_by FROM definition_retirements WHERE definition_id = ?',
        args: [input.definitionId],
      });
      const row = rs.rows[0];
      if (row)
        return { ok: true, retiredAt: text(row, 'retired_at'), retiredBy: textOrNull(row, 'retired_by') };
      return { ok: false, reason: (await exists(input.definitionId)) ? 'not-published' : 'not-found' };
    },

    async bringBackDefinition(definitionId) {
      const rs = await db.client.execute({
        sql: 'DELETE FROM definition_retirements WHERE definition_id = ?',
        args: [definitionId],
      });
      return rs.rowsAffected === 1;
    },

    async countRunning(definitionId) {
      const rs = await db.client.execute({
        sql: `SELECT version, count(*) AS running FROM instances
              WHERE definition_id = ? AND status = 'active' AND practice = 0
              GROUP BY version ORDER BY version`,
        args: [definitionId],
      });
      return rs.rows.map((row) => ({ version: int(row, 'version'), running: int(row, 'running') }));
    },
  };
}
