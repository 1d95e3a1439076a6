import type { Task } from '../api/types.ts';

/** Why a lead cancels a request, as the history will say it: chosen from the common ones. */
export const CANCEL_REASONS = [
  'Duplicate request',
  'Patient withdrew the request',
  'Started in error',
  'Handled outside portalflow',
  'Other',
] as const;

/** The requests behind some tasks, once each (a parallel step has several open tasks per request). */
export function requestsOf(tasks: readonly Task[]): Task[] {
  const seen = new Set<string>();
  const out: Task[] = [];
  for (const t of tasks) {
    if (!t.instanceId || seen.has(t.instanceId)) continue;
    seen.add(t.instanceId);
    out.push(t);
  }
  return out;
}

/** The reason written into each request's history: the chosen one, then the lead's own words. */
export function cancelReason(kind: string, detail: string): string {
  const words = detail.trim();
  if (kind === 'Other') return words;
  return words ? `${kind}: ${words}` : kind;
}

export type CancelResult = {
  instanceId: string;
  outcome: 'cancelled' | 'already-ended' | 'failed';
  message?: string;
};

/** "3 cancelled · 1 had already ended · 1 failed". */
export function summarizeCancel(results: readonly CancelResult[]): string {
  const count = (o: CancelResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const parts = [`${count('cancelled')} cancelled`];
  if (count('already-ended')) parts.push(`${count('already-ended')} had already ended`);
  if (count('failed')) parts.push(`${count('failed')} failed`);
  return parts.join(' · ');
}
