import type { Delivery } from './api.ts';

/**
 * The deliveries in order, with each run of the same message not sent for the same reason (the day's
 * digest to everyone without an email address) as one group: nineteen rows saying the same thing
 * hid the ones that mattered. Every other delivery is a group of its own.
 */
export function groupSkipped(deliveries: readonly Delivery[]): Delivery[][] {
  const groups: Delivery[][] = [];
  for (const d of deliveries) {
    const last = groups[groups.length - 1];
    const first = last?.[0];
    if (
      first &&
      d.status === 'skipped' &&
      first.status === 'skipped' &&
      first.kind === d.kind &&
      first.channel === d.channel &&
      first.lastError === d.lastError
    )
      last.push(d);
    else groups.push([d]);
  }
  return groups;
}
