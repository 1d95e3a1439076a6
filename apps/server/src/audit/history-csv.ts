import type { AttachmentView, NoteView } from '@portalflow/contract';
import { csvText } from '@portalflow/engine/text';
import type { Instance } from '@portalflow/store';
import type { TimelineEntry } from './timeline.ts';

/** One old or new value in the CSV `changes` column: ∅ for none, JSON for anything but text. */
const changeValue = (v: unknown) =>
  v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v);

/** CSV rows for notes: one when written, one per edit (old → new); no sequence number or hash of their own. */
function noteRows(notes: NoteView[]): Array<Array<string | number | null>> {
  const rows: Array<Array<string | number | null>> = [];
  for (const n of notes) {
    const where = n.stepTitle ? ` on “${n.stepTitle}”` : '';
    const forNext = n.forNextRole ? ' (for the next role)' : '';
    const firstBody = n.edits[0]?.from ?? n.body;
    rows.push([
      '',
      n.at,
      n.authorId,
      n.authorRole,
      'note',
      `${n.kind} note${where}${forNext}: ${firstBody}`,
      '',
      '',
    ]);
    for (const e of n.edits) {
      rows.push([
        '',
        e.at,
        e.authorId,
        n.authorRole,
        'note-edited',
        `edited ${n.kind} note${where}`,
        `note: ${e.from} → ${e.to}`,
        '',
      ]);
    }
  }
  return rows;
}

/** CSV rows for attached files: one when attached, one when removed (with the reason). */
function attachmentRows(attachments: AttachmentView[]): Array<Array<string | number | null>> {
  const rows: Array<Array<string | number | null>> = [];
  for (const a of attachments) {
    const where = a.stepTitle ? ` on “${a.stepTitle}”` : '';
    rows.push([
      '',
      a.at,
      a.authorId,
      a.authorRole,
      'attachment',
      `attached ${a.name}${where}`,
      '',
      `sha256:${a.sha256}`,
    ]);
    if (a.removed)
      rows.push([
        '',
        a.removed.at,
        a.removed.by,
        null,
        'attachment-removed',
        `removed ${a.name}: ${a.removed.reason}`,
        '',
        '',
      ]);
  }
  return rows;
}

/**
 * The history as a CSV an auditor opens in a spreadsheet: events with their old → new values, the
 * request's notes and its attached files, in time order; a practice history says so on every row.
 */
export function historyCsv(
  instance: Pick<Instance, 'practice'>,
  rows: TimelineEntry[],
  notes: NoteView[],
  attachments: AttachmentView[] = [],
): string {
  const header = ['seq', 'at', 'actor', 'role', 'type', 'summary', 'changes', 'hash'];
  if (instance.practice) header.push('practice');
  const eventLines = rows.map((r) => [
    r.seq,
    r.at,
    r.actor,
    r.role,
    r.type,
    r.summary,
    r.changes
      .map(
        (ch) => `${ch.step ? `${ch.step} ` : ''}${ch.field}: ${changeValue(ch.from)} → ${changeValue(ch.to)}`,
      )
      .join('; '),
    r.hash,
    ...(instance.practice ? ['practice'] : []),
  ]);
  // Notes and their edits join the events in time order (an event first when both share a time).
  const noteLines = [...noteRows(notes), ...attachmentRows(attachments)].map((r) => [
    ...r,
    ...(instance.practice ? ['practice'] : []),
  ]);
  const lines = [
    ...eventLines.map((l) => ({ at: String(l[1]), l })),
    ...noteLines.map((l) => ({ at: String(l[1]), l })),
  ]
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.i - b.i))
    .map((x) => x.l);
  return csvText([header, ...lines]);
}
