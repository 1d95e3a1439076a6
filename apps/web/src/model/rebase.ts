import type { EditorDocument } from './document.ts';
import { applyDiff, type DocumentDiff, diffDocuments } from './history.ts';

/**
 * Puts my edits on top of someone else's save: the keys I changed since we both started from
 * `base` are written onto `theirs`. Where we both changed the same step, field or box differently,
 * mine wins and the key is listed as a conflict for the designer to review.
 */
export function rebaseDocument(
  base: EditorDocument,
  mine: EditorDocument,
  theirs: EditorDocument,
): { document: EditorDocument; conflicts: string[] } {
  const my = diffDocuments(base, mine);
  const their = diffDocuments(base, theirs);
  const conflicts: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  // Theirs is parsed from the server, so every object is new: compare by value, not identity.
  const check = (kind: string, a: DocumentDiff[keyof DocumentDiff], b: DocumentDiff[keyof DocumentDiff]) => {
    if (!a || !b || Array.isArray(a) || Array.isArray(b)) return;
    for (const [key, pair] of Object.entries(a as Record<string, [unknown, unknown]>)) {
      const other = (b as Record<string, [unknown, unknown]>)[key];
      if (!other || same(other[0], other[1]) || same(pair[1], other[1])) continue;
      conflicts.push(kind === 'steps' ? `step ${key}` : kind === 'fields' ? key : `position of ${key}`);
    }
  };
  check('fields', my.fields, their.fields);
  check('steps', my.steps, their.steps);
  check('positions', my.positions, their.positions);
  // Step order: keep theirs, with my added steps appended (applyDiff appends unknown ids).
  const { stepOrder: _order, ...rest } = my;
  const document = applyDiff(theirs, rest, 'after');
  return { document, conflicts };
}
