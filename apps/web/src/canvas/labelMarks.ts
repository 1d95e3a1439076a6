import type { LabelMark, LabelMarks } from '@portalflow/diagram';
import type { LintOverlay, Marks } from '../model/lintOverlay.ts';
import type { DiffState } from './types.ts';

const DIFF_WORDS: Record<DiffState, string> = { added: 'added', removed: 'removed', changed: 'changed' };

/** Only errors and warnings are drawn on the canvas; info findings live in the problems panel. */
export const drawnMarks = (marks: Marks | undefined): marks is Marks =>
  !!marks && (marks.errors > 0 || marks.warnings > 0);

/**
 * What an arrow's label shows beside its text: a problem's icon and word, then the comparison's
 * word. The label's box is sized with exactly these (see `labelMarksOf`), and drawn with them.
 */
export function labelMark(marks: Marks | undefined, diff: DiffState | undefined): LabelMark | undefined {
  const lint = drawnMarks(marks);
  if (!lint && !diff) return undefined;
  const words: string[] = [];
  if (lint) words.push(marks.errors > 0 ? 'error' : 'warning');
  if (diff) words.push(DIFF_WORDS[diff]);
  return { icon: lint, words };
}

/** Every marked arrow's marks, by arrow id: the diagram sizes those labels' boxes with them. */
export function labelMarksOf(
  overlay: LintOverlay | undefined,
  diffEdges: ReadonlyMap<string, DiffState> | undefined,
): LabelMarks | undefined {
  const out = new Map<string, LabelMark>();
  const ids = new Set([...(overlay?.edges.keys() ?? []), ...(diffEdges?.keys() ?? [])]);
  for (const id of ids) {
    const mark = labelMark(overlay?.edges.get(id), diffEdges?.get(id));
    if (mark) out.set(id, mark);
  }
  return out.size > 0 ? out : undefined;
}
