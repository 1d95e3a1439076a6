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
import { type HistoryService, recordWithoutValues } from './history.ts';
import { historyCsv } from './history-csv.ts';
import { historyOf } from './timeline.ts';

/**
 * A request's export, the document an auditor hands a compliance officer: what the request was, its
 * workflow version and how it ended, then every event, note and file in words, with the hash chain and
 * its check. The JSON keeps the stored events and codes beside the words; the CSV is the words, with
 * the ids and hashes in columns of their own. Without values it says who did what and when, not what
 * the fields held nor what staff wrote. Whoever calls has already checked and logged the read.
 */
export function historyExportService(deps: AppDeps, instances: InstanceService, histories: HistoryService) {
  return {
    async exported(
      instance: Instance,
      definition: Definition,
      format: 'json' | 'csv',
      values = true,
    ): Promise<{ json: z.infer<typeof HistoryExport> } | { csv: string }> {
      const whole = await histories.record(instance, definition);
      const record = values ? whole : { ...whole, ...recordWithoutValues(whole) };
      const history = historyOf(whole.events);
      const { start, versions } = await instances.historyDefinitions(instance, history);
      const startVersion = historyVersions(history, instance.version).start;
      const verify = await deps.store.verifyInstance(instance.id);
      const words = await csvWords(deps, definition, await instances.clinicRoleTitles());
      const described = exportRequest(instance, definition, {
        today: clinicToday(deps),
        timeZone: words.timeZone,
        chain: verify,
      });
      // The subject is made of field values ("DEMO-1001 · Refill: lisinopril"); the chart number stays.
      const request = values ? described : { ...described, subject: null };
      const last = record.events.at(-1)?.at ?? instance.updatedAt;
      const rows = exportRows(
        {
          ...record,
          start,
          startVersion,
          versions,
          values,
          end: request.status === 'active' ? null : { at: last, words: request.ended },
        },
        words,
      );
      if (format === 'csv') return { csv: historyCsv(instance, request, rows, words, values) };
      return {
        json: {
          instance: {
            id: instance.id,
            definitionId: instance.definitionId,
            version: instance.version,
            ...(instance.practice ? { practice: true as const } : {}),
          },
          values,
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
