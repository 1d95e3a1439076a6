import { type Definition, type Edge, edgeText } from '@portalflow/engine';

/**
 * What an arrow says, in words ("Prepared", "Labs current: no"); a fork's branches and a join need
 * none (the bar and the dashes say it). The definition names a condition's fields by their labels.
 */
export function captionOf(e: Edge, definition?: Definition): string {
  return e.kind === 'fork' || e.kind === 'join' ? '' : edgeText(e, definition);
}
