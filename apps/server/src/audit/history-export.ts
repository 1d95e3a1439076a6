import type { HistoryExport } from '@portalflow/contract';
import { type Definition, historyVersions } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';
import type { z } from 'zod';
import { clinicToday } from '../clinic/today.ts';
import type { AppDeps } from '../deps.ts';
import type { InstanceService } from '../instances/service.ts';
import { csvWords } from './csv-words.ts';
import { exportRequest } from './export-request.ts';
import { exportRows } from './export-rows.ts';
import type { HistoryService } from './history.ts';
import { historyCsv } from './history-csv.ts';
import { historyOf } from './timeline.ts';

/**
 * A request's export, the document an auditor hands a compliance officer: what the request was, its
 * workflow version and how it ended, then every event, note and file in words, with the hash chain and
 * its check. The JSON keeps the stored events and codes beside the words; the CSV is the words, with
 * the ids and hashes in columns of their own. Whoever calls has already checked and logged the read.
 */
export function historyExportService(deps: AppDeps, instances: InstanceService, histories: HistoryService) {
  return {
    async exported(
      instance: Instance,
      definition: Definition,
      format: 'json' | 'csv',
    ): Promise<{ json: z.infer<typeof HistoryExport> } | { csv: string }> {
      const record = await histories.record(instance, definition);
      const history = historyOf(record.events);
      const { start, versions } = await instances.historyDefinitions(instance, history);
      const startVersion = historyVersions(history, instance.version).start;
      const verify = await deps.store.verifyInstance(instance.id);
      const words = await csvWords(deps, definition, await instances.clinicRoleTitles());
      const request = exportRequest(instance, definition, {
        today: clinicToday(deps),
        timeZone: words.timeZone,
        chain: verify,
      });
      const last = record.events.at(-1)?.at ?? instance.updatedAt;
      const rows = exportRows(
        {
          ...record,
          start,
          startVersion,
          versions,
          end: request.status === 'active' ? null : { at: last, words: request.ended },
        },
        words,
      );
      if (format === 'csv') return { csv: historyCsv(instance, request, rows, words) };
      return {
        json: {
          instance: {
            id: instance.id,
            definitionId: instance.definitionId,
            version: instance.version,
            ...(instance.practice ? { practice: true as const } : {}),
          },
          request,
          rows,
          events: record.events,
          timeline: record.timeline,
          notes: record.notes,
          attachments: record.attachments,
          verify,
        },
      };
    },
  };
}
