import { type Definition, parseDefinition } from '@portalflow/engine';
import { type EditorDocument, readLayout } from '../model/document.ts';
import type { UnfinishedEntries, UnfinishedEntry } from '../model/entries.ts';
import type { SavedBase } from './useEditorStore.ts';

/**
 * A lead's editor work that the server does not hold, kept in their browser so that a reload (or a
 * crash, or leaving the editor for another screen) does not lose it: the changes not saved yet and
 * the entries the workflow cannot take yet (a deadline of 0, an id another step has). Workflow
 * definitions only, never patient data. Stored as text (see keptWorkStorage.ts).
 */
export interface KeptWork {
  /** The revision of the saved draft the work was begun on. */
  revision: number;
  /** The unsaved changes: the saved draft they were made on, and the workflow with them. */
  changes: { base: SavedBase; edited: EditorDocument } | null;
  entries: UnfinishedEntries;
}

/** What the editor opens with: a saved draft, the unsaved changes over it, the entries. */
export interface Resumed {
  base: SavedBase;
  edited: EditorDocument | null;
  entries: UnfinishedEntries;
}

interface Stored {
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
  /** The saved draft's own text, only with `edited`: a save then needs it to say what changed. */
  base?: EditorDocument;
  edited?: EditorDocument;
  entries: UnfinishedEntries;
}

/** The text to keep for `edited` over `base` (null `edited`: no unsaved change). */
export function keptWorkText(
  base: SavedBase,
  edited: EditorDocument | null,
  entries: UnfinishedEntries,
): string {
  const stored: Stored = {
    revision: base.revision,
    updatedAt: base.updatedAt,
    updatedBy: base.updatedBy,
    entries,
    ...(edited ? { base: base.document, edited } : {}),
  };
  return JSON.stringify(stored);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

function readEntry(raw: unknown): UnfinishedEntry | null {
  if (!isRecord(raw) || typeof raw.text !== 'string' || typeof raw.problem !== 'string') return null;
  const entry: UnfinishedEntry = { text: raw.text, problem: raw.problem };
  if (typeof raw.choice === 'string') entry.choice = raw.choice;
  return entry;
}

function readDocument(raw: unknown, workflowId: string): EditorDocument {
  if (!isRecord(raw)) throw new Error('no document');
  const definition: Definition = parseDefinition(raw.definition);
  if (definition.id !== workflowId) throw new Error('another workflow');
  return { definition, layout: readLayout(raw.layout) };
}

/**
 * The kept work read back, or null when there is none that can be used (written by an older
 * version of the app, or for another workflow): then the draft opens as it is saved.
 */
export function readKeptWork(text: string, workflowId: string): KeptWork | null {
  try {
    const raw: unknown = JSON.parse(text);
    if (!isRecord(raw) || typeof raw.revision !== 'number' || typeof raw.updatedAt !== 'string') return null;
    if (raw.updatedBy !== null && typeof raw.updatedBy !== 'string') return null;
    const entries: Record<string, UnfinishedEntry> = {};
    if (isRecord(raw.entries))
      for (const [path, value] of Object.entries(raw.entries)) {
        const entry = readEntry(value);
        if (entry) entries[path] = entry;
      }
    const edited = raw.edited === undefined ? null : readDocument(raw.edited, workflowId);
    const base: Omit<SavedBase, 'document'> = {
      revision: raw.revision,
      updatedAt: raw.updatedAt,
      updatedBy: raw.updatedBy,
    };
    return {
      revision: raw.revision,
      changes: edited ? { base: { ...base, document: readDocument(raw.base, workflowId) }, edited } : null,
      entries,
    };
  } catch {
    return null;
  }
}

/**
 * What the editor opens with, given the draft the server has now: the kept entries always; the kept
 * changes on the draft they were made on. When someone saved since, that is the older draft, so a
 * save meets theirs and asks the lead to look at it first: nothing is overwritten without a word.
 * Null when nothing was kept.
 */
export function resumption(server: SavedBase, kept: KeptWork): Resumed | null {
  if (kept.changes === null)
    return Object.keys(kept.entries).length === 0
      ? null
      : { base: server, edited: null, entries: kept.entries };
  const base = kept.revision === server.revision ? server : kept.changes.base;
  return { base, edited: kept.changes.edited, entries: kept.entries };
}
