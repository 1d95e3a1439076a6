import type { ExportRequest, VerifyResult } from '@portalflow/contract';
import {
  chartNumber,
  type Definition,
  idToWords,
  patientReferenceFields,
  requestSubject,
} from '@portalflow/engine';
import type { Instance } from '@portalflow/store';
import { requestReference } from './request-reference.ts';

const STATUS_WORDS = { active: 'Active', done: 'Done', cancelled: 'Cancelled' } as const;

/** How a request ended, as the replay screen says it: “Ended at “Authorized” with outcome Approved”. */
export function endedWords(instance: Pick<Instance, 'status' | 'snapshot'>, definition: Definition): string {
  const end = instance.snapshot.end;
  if (instance.status === 'cancelled') return 'Cancelled';
  if (instance.status !== 'done' || !end) return 'Not ended: still open';
  const title = definition.steps[end.step]?.title ?? idToWords(end.step);
  return `Ended at “${title}”${end.outcome ? ` with outcome ${idToWords(end.outcome)}` : ''}`;
}

/** The hash chain's check as a sentence that stays true when the file is handed on. */
export function chainWords(check: VerifyResult): string {
  return check.ok
    ? `Verified: ${check.count} events, each hash covering the one before; last hash ${check.lastHash}`
    : `FAILED at event ${check.seq}: ${check.reason}`;
}

/** The chart number the request is filed under: its patient field's, else a chart number in `patient`. */
function patientOf(definition: Definition, data: Record<string, unknown>): string | null {
  for (const field of patientReferenceFields(definition)) {
    const value = data[field];
    if (typeof value === 'string' && value.trim() !== '') return chartNumber(value);
  }
  return requestReference(data);
}

/** What an export is about, for the officer it is handed to: the request, its workflow version, its end. */
export function exportRequest(
  instance: Instance,
  definition: Definition,
  context: { today: string; timeZone: string; chain: VerifyResult },
): ExportRequest {
  const data = instance.snapshot.context.data;
  const end = instance.snapshot.end;
  return {
    subject: requestSubject(definition, data, context.today),
    patientReference: patientOf(definition, data),
    workflow: definition.title,
    version: instance.version,
    status: instance.status,
    statusWords: STATUS_WORDS[instance.status],
    end: end ? { step: end.step, ...(end.outcome ? { outcome: end.outcome } : {}) } : null,
    ended: endedWords(instance, definition),
    startedAt: instance.startedAt,
    endedAt: instance.status === 'active' ? null : instance.updatedAt,
    timeZone: context.timeZone,
    chain: chainWords(context.chain),
  };
}
