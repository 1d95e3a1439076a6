import type { Colleague } from '@portalflow/contract';

/**
 * A colleague's name as every screen shows it: a disabled account keeps its name, marked, so a task,
 * a history line or a note still says who it was — never an id.
 */
export const personName = (p: Pick<Colleague, 'displayName'> & { disabled?: boolean }): string =>
  p.disabled ? `${p.displayName} (disabled)` : p.displayName;
