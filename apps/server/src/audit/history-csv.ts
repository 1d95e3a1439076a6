import type { ExportRequest, ExportRow } from '@portalflow/contract';
import { csvText } from '@portalflow/engine/text';
import type { Instance } from '@portalflow/store';
import type { CsvWords } from './csv-words.ts';

/** Why a file asked for without the patient's details has fewer words, so nobody takes it for all there is. */
const LEFT_OUT =
  'Left out: what the form fields held, staff’s notes and reasons, file names and the subject (the fields changed are named)';

/** The lines above the table: what the file is about, so it stands on its own when handed on. */
function about(
  instance: Pick<Instance, 'practice'>,
  request: ExportRequest,
  words: CsvWords,
  values: boolean,
): string[][] {
  return [
    ['Request', request.subject ?? ''],
    ['Patient reference', request.patientReference ?? ''],
    ['Workflow', `${request.workflow}, version ${request.version}`],
    ['Status', request.statusWords],
    ['How it ended', request.ended],
    ['Started', words.time(request.startedAt)],
    ['Ended', request.endedAt ? words.time(request.endedAt) : ''],
    ['Time zone', request.timeZone],
    ['Hash chain', request.chain],
    ...(values ? [] : [['Patient details', LEFT_OUT]]),
    ...(instance.practice ? [['Practice', 'A practice run, not real work']] : []),
  ];
}

/**
 * The history as a CSV an auditor opens in a spreadsheet and hands a compliance officer: first what the
 * request was and how it ended, then a blank line and one row per event, note and file in time order,
 * ending with the end. People by name, roles by title, steps by title, fields by label and times in
 * clinic time lead; the ISO time, sequence number, hash, ids and event code come last, for matching
 * against the JSON export and the chain check; a practice history says so on every row. It starts with
 * a UTF-8 byte order mark: without it Excel reads “ → as other characters.
 */
export function historyCsv(
  instance: Pick<Instance, 'practice'>,
  request: ExportRequest,
  rows: ExportRow[],
  words: CsvWords,
  values = true,
): string {
  const header = [
    'when',
    'who',
    'role',
    'what',
    'step',
    'changes',
    'version',
    'when (ISO)',
    'seq',
    'hash',
    'person id',
    'role id',
    'event code',
  ];
  if (instance.practice) header.push('practice');
  const lines = rows.map((r) => [
    r.when,
    r.who,
    r.role,
    r.what,
    r.step,
    r.changes,
    r.version,
    r.at,
    r.seq ?? '',
    r.hash,
    r.personId ?? '',
    r.roleId ?? '',
    r.event,
    ...(instance.practice ? ['practice'] : []),
  ]);
  return `\uFEFF${csvText([...about(instance, request, words, values), [], header, ...lines])}`;
}
