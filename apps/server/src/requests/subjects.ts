import { requestSubject } from '@portalflow/engine';
import { clinicToday } from '../clinic/today.ts';
import type { AppDeps } from '../deps.ts';
import type { InstanceService } from '../instances/service.ts';

/**
 * What a list row says about its request: the subject rendered from the instance's current data
 * (so a later change to the data shows at once), and when the request started, which tells rows of
 * a workflow without a subject apart.
 */
export interface RequestLabel {
  subject: string | null;
  requestStartedAt: string | null;
}

const NONE: RequestLabel = { subject: null, requestStartedAt: null };

/** Labels for the instances of one list page, read once per instance. */
export async function requestLabels(
  deps: AppDeps,
  instances: InstanceService,
  instanceIds: Iterable<string>,
): Promise<Map<string, RequestLabel>> {
  const labels = new Map<string, RequestLabel>();
  // Read together rather than one after another: a page holds up to 500 rows.
  const ids = [...new Set(instanceIds)];
  const found = await Promise.all(ids.map((id) => deps.store.getInstance(id)));
  const today = clinicToday(deps);
  for (const [i, instance] of found.entries()) {
    if (!instance) {
      labels.set(ids[i]!, NONE);
      continue;
    }
    const definition = await instances.definition(instance.definitionId, instance.version);
    labels.set(instance.id, {
      subject: requestSubject(definition, instance.snapshot.context.data, today),
      requestStartedAt: instance.startedAt,
    });
  }
  return labels;
}

/** Adds each row's request label; rows without an instance get none. */
export async function withLabels<T extends { instanceId: string | null }>(
  deps: AppDeps,
  instances: InstanceService,
  rows: readonly T[],
): Promise<Array<T & RequestLabel>> {
  const labels = await requestLabels(
    deps,
    instances,
    rows.flatMap((r) => (r.instanceId ? [r.instanceId] : [])),
  );
  return rows.map((r) => ({ ...r, ...((r.instanceId && labels.get(r.instanceId)) || NONE) }));
}

/** Adds how many files each row's request holds now (a paperclip on the row): one read per page. */
export async function withFileCounts<T extends { instanceId: string | null }>(
  deps: AppDeps,
  rows: readonly T[],
): Promise<Array<T & { files: number }>> {
  const counts = await deps.store.countAttachments(rows.flatMap((r) => (r.instanceId ? [r.instanceId] : [])));
  return rows.map((r) => ({ ...r, files: (r.instanceId && counts.get(r.instanceId)) || 0 }));
}

/** The access-log detail of a list that showed subjects: how many rows and which instances. */
export function listedDetail(what: string, rows: ReadonlyArray<{ instanceId: string | null }>): string {
  const ids = [...new Set(rows.flatMap((r) => (r.instanceId ? [r.instanceId] : [])))];
  return `${what}: ${rows.length}; instances: ${ids.join(',') || 'none'}`;
}
