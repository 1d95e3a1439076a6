import { type Edge, edgeText } from '@portalflow/engine';

/** What an arrow says; a fork's branches and a join need no words (the bar and the dashes say it). */
export function captionOf(e: Edge): string {
  return e.kind === 'fork' || e.kind === 'join' ? '' : edgeText(e);
}
