import type { ExportRow, HistoryAttachment, HistoryNote } from '@portalflow/contract';
import {
  assignmentKind,
  type Definition,
  dataFields,
  idToWords,
  type VersionLookup,
} from '@portalflow/engine';
import type { AuditEvent } from '@portalflow/store';
import type { CsvWords } from './csv-words.ts';
import type { TimelineEntry } from './timeline.ts';

type Change = TimelineEntry['changes'][number];

/** A row before its time is put in words: the raw time orders the rows. */
interface Line extends Omit<ExportRow, 'when' | 'at' | 'who' | 'role' | 'version'> {
  rawAt: string;
  /** The version an event applied to; null for a note, file or the end (the one then). */
  version: number | null;
}

const stepTitle = (definition: Definition, step: unknown): string =>
  step === undefined || step === null
    ? ''
    : (definition.steps[String(step)]?.title ?? idToWords(String(step)));

/** A value as a compliance officer reads it: “(none)” for nothing, Yes/No, lists joined. */
function valueWords(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(valueWords).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One old → new value by its label: a form field's, or the task property's name in words. */
function changeWords(
  change: Change,
  definition: Definition,
  rowStep: string,
  words: CsvWords,
  values: boolean,
): string {
  const fields = dataFields(definition);
  let label: string;
  let say = valueWords;
  if (change.field.startsWith('data.')) {
    const key = change.field.slice('data.'.length);
    label = fields.find((f) => f.id === key)?.label ?? idToWords(key);
  } else if (change.field === 'assignee') {
    label = 'Assigned to';
    say = (v) => (typeof v === 'string' ? words.person(v) : '(none)');
  } else if (change.field === 'role') {
    label = 'Role';
    say = (v) => (typeof v === 'string' ? words.roles(v) : '(none)');
  } else if (change.field === 'due') {
    label = 'Due';
    say = (v) => (typeof v === 'string' ? words.time(v) : '(none)');
  } else {
    label = idToWords(change.field);
    if (change.field === 'outcome' || change.field === 'priority')
      say = (v) => (typeof v === 'string' ? idToWords(v) : '(none)');
  }
  // A change on another step than the row's (the next task opened with its due time) names that step.
  const where = change.step && change.step !== rowStep ? ` on “${stepTitle(definition, change.step)}”` : '';
  // Read without values, a form field's change comes without what it held: it is named, not quoted.
  if (!values && change.field.startsWith('data.')) return `${label}${where}: changed (value left out)`;
  return `${label}${where}: ${say(change.from)} → ${say(change.to)}`;
}

/** Said where a reason in someone's words was given but the export is without the patient's details. */
const LEFT_OUT_REASON = '(a reason was given; left out)';
/** Said where a note's words or a file's name would be. */
const LEFT_OUT = '(left out)';

/** What an event did, in words, and the step it did it on (by id; titled by the caller). */
function what(event: AuditEvent, entry: TimelineEntry, words: CsvWords): { what: string; step?: string } {
  const p = (event.payload ?? {}) as Record<string, unknown>;
  const changedStep = entry.changes.find((c) => c.step)?.step;
  switch (event.type) {
    case 'start':
      return { what: 'Started' };
    case 'complete':
      return { what: `Completed with “${idToWords(String(p.outcome))}”`, step: String(p.step) };
    case 'signal':
      return { what: `Signal “${idToWords(String(p.name))}” received` };
    case 'end-wait':
      return {
        what: entry.reasonHidden
          ? `Wait ended early ${LEFT_OUT_REASON}`
          : `Wait ended early: ${String(p.reason ?? '').trim()}`,
        ...(changedStep ? { step: changedStep } : {}),
      };
    case 'timer-fired': {
      const early = p.early === true ? ', played ahead of time for practice' : '';
      if (String(p.timer).endsWith('.wait'))
        return { what: `Wait ended${early}`, ...(changedStep ? { step: changedStep } : {}) };
      const to = entry.changes.find((c) => c.field === 'role')?.to;
      const escalated = typeof to === 'string' ? `, escalated to ${words.roles(to)}` : '';
      return { what: `Deadline passed${escalated}${early}`, ...(changedStep ? { step: changedStep } : {}) };
    }
    case 'reassign': {
      const verb = { claim: 'Claimed', release: 'Released', reassign: 'Reassigned' }[assignmentKind(p)];
      const step = typeof p.step === 'string' ? p.step : changedStep;
      const reason = entry.reason
        ? ` (reason: ${entry.reason})`
        : entry.reasonHidden
          ? ` ${LEFT_OUT_REASON}`
          : '';
      return { what: `${verb}${reason}`, ...(step ? { step } : {}) };
    }
    case 'cancel':
      if (entry.reasonHidden) return { what: `Cancelled ${LEFT_OUT_REASON}` };
      return {
        what: typeof p.reason === 'string' && p.reason.trim() ? `Cancelled: ${p.reason.trim()}` : 'Cancelled',
      };
    case 'migrated':
      return { what: `Moved from version ${p.from} to version ${p.to}` };
    case 'calendar-changed':
      return { what: 'Clinic hours changed' };
    default:
      return { what: idToWords(event.type) };
  }
}

/** The events in words, each on the version it applied to (a migration can rename steps and fields). */
function eventLines(sources: ExportSources, words: CsvWords): Line[] {
  const { events, timeline, versions } = sources;
  let current = sources.start;
  let version = sources.startVersion;
  return events.map((event, i) => {
    if (event.type === 'migrated') {
      const to = (event.payload as { to?: unknown }).to;
      current = (typeof to === 'number' ? versions(to) : undefined) ?? current;
      if (typeof to === 'number') version = to;
    }
    const entry = timeline[i]!;
    const said = what(event, entry, words);
    const rowStep = said.step ?? '';
    const failed = entry.replayError ? ` (replay failed here: ${entry.replayError})` : '';
    return {
      rawAt: event.at,
      version,
      what: `${said.what}${failed}`,
      step: stepTitle(current, said.step),
      changes: entry.changes
        .filter((c) => !(c.field === 'outcome' && event.type === 'complete' && c.step === rowStep))
        .map((c) => changeWords(c, current, rowStep, words, sources.values !== false))
        .join('; '),
      seq: event.seq,
      hash: event.hash,
      personId: event.actor,
      roleId: event.role,
      event: event.type,
    };
  });
}

/** Notes: one row when written, one per edit (old → new); no sequence number or hash of their own. */
function noteLines(notes: HistoryNote[]): Line[] {
  return notes.flatMap((n) => {
    const kind = idToWords(n.kind);
    const forNext = n.forNextRole ? ' (for the next role)' : '';
    const base = { step: n.stepTitle ?? '', seq: null, hash: '', roleId: n.authorRole, version: null };
    return [
      {
        ...base,
        rawAt: n.at,
        what: `${kind} note${forNext}: ${n.edits[0]?.from ?? n.body ?? LEFT_OUT}`,
        changes: '',
        personId: n.authorId,
        event: 'note',
      },
      ...n.edits.map((e) => ({
        ...base,
        rawAt: e.at,
        what: `Edited a ${kind.toLowerCase()} note`,
        changes:
          e.from === undefined && e.to === undefined ? `Note: ${LEFT_OUT}` : `Note: ${e.from} → ${e.to}`,
        personId: e.authorId,
        event: 'note-edited',
      })),
    ];
  });
}

/** Files: one row when attached (with its hash), one when removed (with the reason). */
function attachmentLines(attachments: HistoryAttachment[]): Line[] {
  return attachments.flatMap((a) => {
    const name = a.name ?? `a file ${LEFT_OUT}`;
    const attached: Line = {
      rawAt: a.at,
      version: null,
      what: `Attached ${name}`,
      step: a.stepTitle ?? '',
      changes: '',
      seq: null,
      hash: `sha256:${a.sha256}`,
      personId: a.authorId,
      roleId: a.authorRole,
      event: 'attachment',
    };
    if (!a.removed) return [attached];
    const removed: Line = {
      ...attached,
      rawAt: a.removed.at,
      what: `Removed ${name}: ${a.removed.reason ?? LEFT_OUT}`,
      hash: '',
      personId: a.removed.by,
      roleId: null,
      event: 'attachment-removed',
    };
    return [attached, removed];
  });
}

export interface ExportSources {
  events: AuditEvent[];
  timeline: TimelineEntry[];
  notes: HistoryNote[];
  attachments: HistoryAttachment[];
  /** `false`: the record was read without values (fields named, not quoted). */
  values?: boolean;
  /** The version the history starts on (its number and definition), and the ones it moved to. */
  startVersion: number;
  start: Definition;
  versions: VersionLookup;
  /** How the request ended, and when; none while it is open. */
  end: { at: string; words: string } | null;
}

/**
 * Every row of an export in time order (an event first when a note shares its time), ending with how
 * the request ended: who by name and role title, what in words, the step's title, fields by label.
 */
export function exportRows(sources: ExportSources, words: CsvWords): ExportRow[] {
  const lines = [
    ...eventLines(sources, words),
    ...noteLines(sources.notes),
    ...attachmentLines(sources.attachments),
  ]
    .map((l, i) => ({ l, i }))
    .sort((a, b) => (a.l.rawAt < b.l.rawAt ? -1 : a.l.rawAt > b.l.rawAt ? 1 : a.i - b.i))
    .map(({ l }) => l);
  if (sources.end)
    lines.push({
      rawAt: sources.end.at,
      version: null,
      what: sources.end.words,
      step: '',
      changes: '',
      seq: null,
      hash: '',
      personId: null,
      roleId: null,
      event: 'end',
    });
  // A note, a file or the end is on the version the request was on then: the last event's before it.
  let version = sources.startVersion;
  return lines.map(({ rawAt, ...l }) => {
    version = l.version ?? version;
    return {
      when: words.time(rawAt),
      at: words.iso(rawAt),
      who: l.personId ? words.person(l.personId) : l.event === 'end' ? '' : 'System',
      role: words.roles(l.roleId),
      ...l,
      version,
    };
  });
}
