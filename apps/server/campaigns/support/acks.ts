import type { AuditEvent } from '@portalflow/store';
import type { Ack } from './load.ts';
import type { Verdict } from './result.ts';

const EVENT_TYPE: Record<Ack['kind'], string> = { start: 'start', claim: 'reassign', complete: 'complete' };

/**
 * Every acknowledged change is in the history exactly where the server said (the event at the
 * reported revision, of the right kind, by the right person), and no task was completed twice.
 * Returns how many acks were found.
 */
export function checkAcks(
  histories: Map<string, AuditEvent[]>,
  acks: readonly Ack[],
  verdict: Verdict,
): number {
  let found = 0;
  for (const ack of acks) {
    const events = histories.get(ack.instanceId);
    const event = events?.[ack.revision - 1];
    const payload = (event?.payload ?? {}) as { token?: string; outcome?: string; assignee?: string };
    const ok =
      event !== undefined &&
      event.seq === ack.revision &&
      event.type === EVENT_TYPE[ack.kind] &&
      (ack.kind === 'start' || event.actor === ack.userId) &&
      (ack.token === undefined || payload.token === ack.token) &&
      (ack.kind !== 'complete' || payload.outcome === ack.outcome) &&
      (ack.kind !== 'claim' || payload.assignee === ack.userId);
    if (ok) found += 1;
    else
      verdict.fail(
        `acknowledged ${ack.kind} of instance ${ack.instanceId} (revision ${ack.revision}) is not in its history`,
      );
  }
  const seen = new Set<string>();
  for (const ack of acks) {
    const key = `${ack.kind}|${ack.instanceId}|${ack.revision}`;
    verdict.check(!seen.has(key), `two acknowledgements for revision ${ack.revision} of ${ack.instanceId}`);
    seen.add(key);
  }
  for (const [id, events] of histories) {
    const tokens = events
      .filter((e) => e.type === 'complete')
      .map((e) => (e.payload as { token: string }).token);
    verdict.check(new Set(tokens).size === tokens.length, `instance ${id}: a task was completed twice`);
  }
  return found;
}
