import type { AttachmentView, NoteView } from '@portalflow/contract';
import { csvText } from '@portalflow/engine/text';
import type { Instance } from '@portalflow/store';
import type { TimelineEntry } from './timeline.ts';

/** How the CSV names people, roles and times: as the clinic does, not by id or in UTC. */
export interface CsvWords {
  /** A person's name by user id (the id itself when no account names it). */
  person: (id: string) => string;
  /** Role titles of a role id or comma-joined ids. */
  roles: (ids: string | null) => string;
  /** An ISO time in the clinic's zone, with its offset. */
  time: (iso: string) => string;
}

/** One line of the history before it is put in words. */
interface Line {
  seq: number | '';
  at: string;
  actorId: string | null;
  roleId: string | null;
  type: string;
  summary: string;
  changes: string;
  hash: string;
}

/** One old or new value in the CSV `changes` column: ∅ for none, JSON for anything but text. */
const changeValue = (v: unknown) =>
  v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v);

/** Lines for notes: one when written, one per edit (old → new); no sequence number or hash of their own. */
function noteLines(notes: NoteView[]): Line[] {
  const lines: Line[] = [];
  for (const n of notes) {
    const where = n.stepTitle ? ` on “${n.stepTitle}”` : '';
    const forNext = n.forNextRole ? ' (for the next role)' : '';
    const firstBody = n.edits[0]?.from ?? n.body;
    const base = { seq: '' as const, roleId: n.authorRole, hash: '' };
    lines.push({
      ...base,
      at: n.at,
      actorId: n.authorId,
      type: 'note',
      summary: `${n.kind} note${where}${forNext}: ${firstBody}`,
      changes: '',
    });
    for (const e of n.edits) {
      lines.push({
        ...base,
        at: e.at,
        actorId: e.authorId,
        type: 'note-edited',
        summary: `edited ${n.kind} note${where}`,
        changes: `note: ${e.from} → ${e.to}`,
      });
    }
  }
  return lines;
}

/** Lines for attached files: one when attached, one when removed (with the reason). */
function attachmentLines(attachments: AttachmentView[]): Line[] {
  const lines: Line[] = [];
  for (const a of attachments) {
    const where = a.stepTitle ? ` on “${a.stepTitle}”` : '';
    lines.push({
      seq: '',
      at: a.at,
      actorId: a.authorId,
      roleId: a.authorRole,
      type: 'attachment',
      summary: `attached ${a.name}${where}`,
      changes: '',
      hash: `sha256:${a.sha256}`,
    });
    if (a.removed)
      lines.push({
        seq: '',
        at: a.removed.at,
        actorId: a.removed.by,
        roleId: null,
        type: 'attachment-removed',
        summary: `removed ${a.name}: ${a.removed.reason}`,
        changes: '',
        hash: '',
      });
  }
  return lines;
}

/**
 * The history as a CSV an auditor opens in a spreadsheet: events with their old → new values, the
 * request's notes and its attached files, in time order; a practice history says so on every row.
 * People by name, roles by title and times in clinic time lead; the sequence number, hash and ids
 * come last, for matching against the JSON export and the chain check. It starts with a UTF-8 byte
 * order mark: without it Excel reads “ → ∅ as other characters.
 */
export function historyCsv(
  instance: Pick<Instance, 'practice'>,
  rows: TimelineEntry[],
  notes: NoteView[],
  attachments: AttachmentView[],
  words: CsvWords,
): string {
  const header = [
    'when',
    'who',
    'role',
    'event',
    'summary',
    'changes',
    'seq',
    'hash',
    'person id',
    'role id',
  ];
  if (instance.practice) header.push('practice');
  const events: Line[] = rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actorId: r.actor,
    roleId: r.role,
    type: r.type,
    summary: r.summary,
    changes: r.changes
      .map(
        (ch) => `${ch.step ? `${ch.step} ` : ''}${ch.field}: ${changeValue(ch.from)} → ${changeValue(ch.to)}`,
      )
      .join('; '),
    hash: r.hash,
  }));
  // Notes, their edits and files join the events in time order (an event first when both share a time).
  const lines = [...events, ...noteLines(notes), ...attachmentLines(attachments)]
    .map((l, i) => ({ l, i }))
    .sort((a, b) => (a.l.at < b.l.at ? -1 : a.l.at > b.l.at ? 1 : a.i - b.i))
    .map(({ l }) => [
      words.time(l.at),
      l.actorId ? words.person(l.actorId) : 'system',
      words.roles(l.roleId),
      l.type,
      l.summary,
      l.changes,
      l.seq,
      l.hash,
      l.actorId ?? '',
      l.roleId ?? '',
      ...(instance.practice ? ['practice'] : []),
    ]);
  return `\uFEFF${csvText([header, ...lines])}`;
}
