import { ACCESS_CSV_HEADER, accessCsvCells } from '@portalflow/contract';
import { chartNumber, type Definition } from '@portalflow/engine';
import { type AccessQuery, type AccessRecord, accessCursor, type Page } from '@portalflow/store';
import type { Context } from 'hono';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import type { InstanceService } from '../instances/service.ts';
import { accessCsvWords } from './access-csv-words.ts';
import { csvStream } from './csv-stream.ts';
import { type FoldedAccess, foldRepeats } from './fold-repeats.ts';
import { requestReference } from './request-reference.ts';

/** How many entries one folded page reads at most: a page of a day of one replay stepped through. */
const FOLD_READ_LIMIT = 5000;
/** How many entries an export reads from the store at a time (and holds at most). */
const EXPORT_PAGE = 500;
/** A patient with more requests than this is unheard of; the narrowing reads no further. */
const PATIENT_REQUESTS_LIMIT = 2000;

export interface AccessReport {
  filter: AccessQuery;
  /** The patient reference typed: the report is about this patient's requests. */
  patient?: string;
  /** One row for the same read repeated within a few minutes (see `fold-repeats.ts`). */
  fold: boolean;
  /** The chart number is a patient's: only a reader who may read every request (an auditor) is told it. */
  namesPatients: boolean;
}

/**
 * The access-log report for an auditor or an admin (the caller has checked which): its reading is
 * itself logged, as a read about the request it was narrowed to, or naming the requests of the patient
 * it was narrowed to (never the reference typed, which is patient data).
 */
export function accessLogService(deps: AppDeps, instances: InstanceService) {
  /** The requests filed under a patient reference, typed as staff know it, as the server keeps it. */
  async function requestsOf(typed: string, practice: boolean): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await deps.store.listInstances({
        dataValue: chartNumber(typed),
        practice,
        limit: 500,
        cursor,
      });
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor && ids.length < PATIENT_REQUESTS_LIMIT);
    return ids;
  }

  async function folded(filter: AccessQuery): Promise<Page<FoldedAccess>> {
    const limit = filter.limit ?? 100;
    const read: AccessRecord[] = [];
    let cursor = filter.cursor ?? null;
    for (;;) {
      const page = await deps.store.listAccess({ ...filter, limit: 1000, cursor });
      read.push(...page.items);
      const { rows, through, full } = foldRepeats(read, limit);
      const more = page.nextCursor !== null;
      // A full page goes on after its last entry; so does one that read as far as a page may.
      if (full || (more && read.length >= FOLD_READ_LIMIT))
        return {
          items: rows,
          nextCursor: through && (more || through !== read.at(-1)) ? accessCursor(through) : null,
        };
      if (!more) return { items: rows, nextCursor: null };
      cursor = page.nextCursor;
    }
  }

  /**
   * The access log in the words of the workflow: the title of the instance's workflow, the reference
   * the request is filed under (its chart number, never the subject) and, for a task opened, its
   * step's title (from the `step <id>` detail), so the report needs no ids to be read.
   */
  async function withTitles<T extends { instanceId: string | null; detail: string | null }>(
    rows: T[],
    namesPatients: boolean,
  ) {
    const known = new Map<string, { definition: Definition; reference: string | null } | null>();
    const requestOf = async (instanceId: string) => {
      if (!known.has(instanceId)) {
        const loaded = await instances.load(instanceId).catch(() => null);
        known.set(
          instanceId,
          loaded && {
            definition: loaded.definition,
            reference: namesPatients ? requestReference(loaded.instance.snapshot.context.data) : null,
          },
        );
      }
      return known.get(instanceId) ?? null;
    };
    return Promise.all(
      rows.map(async (row) => {
        const request = row.instanceId ? await requestOf(row.instanceId) : null;
        const definition = request?.definition;
        const stepId = /^step (\S+)$/.exec(row.detail ?? '')?.[1];
        const step = stepId ? definition?.steps[stepId] : undefined;
        return {
          ...row,
          workflowTitle: definition?.title ?? null,
          reference: request?.reference ?? null,
          stepTitle: stepId ? (step?.title ?? stepId) : null,
        };
      }),
    );
  }

  /**
   * The report's filter, narrowed to the requests of the patient typed, and its reading logged (`what`:
   * a detail of its own, e.g. an export, before the patient's).
   */
  async function narrowedAndLogged(
    c: Context<AppEnv>,
    user: AuthUser,
    report: Pick<AccessReport, 'filter' | 'patient'>,
    what?: string,
  ): Promise<AccessQuery> {
    const filter = { ...report.filter };
    const details = what ? [what] : [];
    if (report.patient !== undefined) {
      filter.instanceIds = await requestsOf(report.patient, filter.practice === true);
      const n = filter.instanceIds.length;
      const ids = n > 0 ? ` (${filter.instanceIds.join(', ')})` : '';
      details.push(`by patient reference: ${n} ${n === 1 ? 'instance' : 'instances'}${ids}`);
    }
    // Narrowed to a request: the reading is about it (an id no request has is about none).
    const about =
      filter.instanceId && (await deps.store.getInstance(filter.instanceId)) ? filter.instanceId : null;
    await recordAccess(deps, c, user, {
      category: 'access-log',
      outcome: 'allow',
      instanceId: about,
      ...(details.length > 0 ? { detail: details.join('; ') } : {}),
    });
    return filter;
  }

  return {
    async report(c: Context<AppEnv>, user: AuthUser, report: AccessReport) {
      const filter = await narrowedAndLogged(c, user, report);
      const page = report.fold ? await folded(filter) : await deps.store.listAccess(filter);
      return { ...page, items: await withTitles(page.items, report.namesPatients) };
    },

    /**
     * Every entry of the filtered period as CSV, in the report's words and columns, each read its own
     * row: streamed a page of the store at a time (`EXPORT_PAGE`), so its length costs no memory. The
     * file is the log as it stood when the export began (`asOf`): it reads no entry written after the
     * newest one then, so entries written while it is read (its own among them) stay out, and two
     * exports of the same period started together give the same file.
     */
    async exportCsv(
      c: Context<AppEnv>,
      user: AuthUser,
      report: Omit<AccessReport, 'fold'>,
    ): Promise<{ csv: ReadableStream<Uint8Array>; asOf: string }> {
      const asOf = deps.clock();
      const throughId = await deps.store.newestAccessId();
      const filter = await narrowedAndLogged(c, user, report, 'export csv');
      const words = await accessCsvWords(deps, instances);
      const csv = csvStream(
        ACCESS_CSV_HEADER,
        async (cursor) => {
          const page = await deps.store.listAccess({ ...filter, throughId, limit: EXPORT_PAGE, cursor });
          const rows = await withTitles(page.items, report.namesPatients);
          return { rows: rows.map((row) => accessCsvCells(row, words)), next: page.nextCursor };
        },
        (error) => deps.log(`access-log export stopped: ${error instanceof Error ? error.message : error}`),
      );
      return { csv, asOf };
    },
  };
}
