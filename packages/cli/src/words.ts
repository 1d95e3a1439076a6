import { systemRoleTitle } from '@portalflow/contract';
import { type Definition, idToWords } from '@portalflow/engine';

/**
 * A time as a lead reads it: weekday, month first, 12-hour, with the zone's abbreviation
 * (`Mon, Mar 2, 9:00 AM MST`); UTC says so when no clinic calendar is known.
 */
export function clinicTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h12',
    timeZoneName: 'short',
  })
    .format(new Date(ms))
    .replace(/\u202f/g, ' ');
}

/** A step by its title in quotes, as the screens show it (an untitled end step by its id in words). */
export const stepTitle = (definition: Definition, step: string): string =>
  `“${definition.steps[step]?.title ?? idToWords(step)}”`;

/** A role by its title in the version, else the product's; the id in words when neither names it. */
export const roleTitle = (definition: Definition, role: string | null | undefined): string =>
  role ? (definition.roles.find((r) => r.id === role)?.name ?? systemRoleTitle(role) ?? idToWords(role)) : '';

/** Where a request ended, as the replay screen says it: Ended at “Authorized” with outcome Approved. */
export const endedAt = (definition: Definition, end: { step: string; outcome?: string }): string =>
  `Ended at ${stepTitle(definition, end.step)}${end.outcome ? ` with outcome ${idToWords(end.outcome)}` : ''}`;
