import type { Finding } from '@portalflow/engine';
import { create } from 'zustand';
import { applyChanges, type Change, ModelError } from '../model/changes.ts';
import { checkDefinition } from '../model/check.ts';
import type { EditorDocument } from '../model/document.ts';
import {
  entryFindings,
  NO_ENTRIES,
  renameEntries,
  type UnfinishedEntries,
  type UnfinishedEntry,
  withEntry,
} from '../model/entries.ts';
import {
  canRedo,
  canUndo,
  emptyHistory,
  type History,
  nextRedo,
  nextUndo,
  type RecordOptions,
  record,
  redo as redoHistory,
  undo as undoHistory,
} from '../model/history.ts';
import { type LintOverlay, lintOverlay } from '../model/lintOverlay.ts';
import { toast } from './toast.ts';

/** The draft as the server last gave it to us: what a save must name as its base. */
export interface SavedBase {
  document: EditorDocument;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface Selection {
  steps: string[];
  edges: string[];
  role?: string;
}

export const NO_SELECTION: Selection = { steps: [], edges: [] };

export interface EditorState {
  document: EditorDocument | null;
  base: SavedBase | null;
  history: History;
  canUndo: boolean;
  canRedo: boolean;
  /** The Problems panel's list: the unfinished entries, then the lint findings. */
  findings: Finding[];
  /** The lint findings alone, as the last lint left them. */
  lintFindings: Finding[];
  overlay: LintOverlay | null;
  /** What is typed in inspector boxes that the workflow cannot take yet (see model/entries.ts). */
  entries: UnfinishedEntries;
  /** Holds what is typed at `path` as unfinished, or lets it go (`null`: fixed or typed back). */
  hold(path: string, entry: UnfinishedEntry | null): void;
  /** The definition changed and its lint runs right after the edit is drawn (findings are the previous ones). */
  linting: boolean;
  selection: Selection;
  /** A request to scroll the canvas to a step (the nonce re-triggers for the same step). */
  focus: { id: string; nonce: number } | null;
  /** Roles active people hold (from the staff list), or null until known: lint then skips staffing. */
  heldRoles: readonly string[] | null;
  setHeldRoles(roles: readonly string[]): void;

  /**
   * Opens `document` (the base's by default), linted once with `heldRoles` (the known ones by
   * default), holding `entries` (none by default; kept ones after a reload).
   */
  load(
    base: SavedBase,
    document?: EditorDocument,
    heldRoles?: readonly string[] | null,
    entries?: UnfinishedEntries,
  ): void;
  /** Applies changes as one undo step; false (and a toast) when one cannot apply. */
  apply(changes: Change[], options?: RecordOptions & { select?: Selection }): boolean;
  undo(): void;
  redo(): void;
  select(selection: Selection, focus?: boolean): void;
  rebase(base: SavedBase): void;
}

/** The Problems panel's list and the canvas marks from lint's findings and the unfinished entries. */
function listed(document: EditorDocument, lintFindings: Finding[], entries: UnfinishedEntries) {
  const held = entryFindings(document.definition, entries);
  const findings = held.length > 0 ? [...held, ...lintFindings] : lintFindings;
  return { findings, lintFindings, overlay: lintOverlay(document.definition, findings) };
}

function checked(document: EditorDocument, heldRoles: readonly string[] | null, entries: UnfinishedEntries) {
  const lintFindings = checkDefinition(document.definition, heldRoles);
  return { ...listed(document, lintFindings, entries), linting: false };
}

/**
 * Lint after an edit runs once the edit is on screen, not before: on a 1,000-step workflow it takes
 * longer than a frame, and the box being typed into must not wait for it. Until it has run the
 * previous findings stay (for one frame; nothing says so because nothing visible is stale longer).
 * Several edits before it runs are linted once, as the latest definition.
 */
let lintQueued = false;
function lintSoon(get: () => EditorState, set: (s: Partial<EditorState>) => void) {
  if (lintQueued) return;
  lintQueued = true;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    lintQueued = false;
    const { document, linting, heldRoles, entries } = get();
    if (document && linting) set(checked(document, heldRoles, entries));
  };
  // After the next frame is painted (a timer set from an animation frame runs after its paint);
  // the plain timer is the backstop where frames do not run (a hidden tab, tests in Node).
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 100);
}

/** The state after `document` replaced `previous`'s: lint is queued only when the definition changed. */
function relint(
  document: EditorDocument,
  previous: EditorState,
  get: () => EditorState,
  set: (s: Partial<EditorState>) => void,
): Partial<EditorState> {
  // Moving boxes never re-lints.
  if (previous.document && previous.document.definition === document.definition) return {};
  lintSoon(get, set);
  return { linting: true };
}

/**
 * The selection with step ids renamed (`from` to `to`): a step chosen when its id changes with its
 * title stays chosen through Undo and Redo, instead of the inspector going blank.
 */
function renamed(selection: Selection, renames: ReadonlyArray<readonly [string, string]>): Selection {
  if (renames.length === 0) return selection;
  const rename = (id: string) => renames.reduce((at, [from, to]) => (at === from ? to : at), id);
  const steps = selection.steps.map(rename);
  const edges = selection.edges.map((path) =>
    path.replace(/^steps\.([^.]+)\./, (_all, id: string) => `steps.${rename(id)}.`),
  );
  return { ...selection, steps, edges };
}

/** Drops selected ids that no longer exist (after a delete, undo or reload). */
function prune(selection: Selection, document: EditorDocument): Selection {
  const steps = selection.steps.filter((id) => document.definition.steps[id]);
  const edges = selection.edges.filter((path) => {
    const id = /^steps\.([^.]+)\./.exec(path)?.[1];
    return id !== undefined && document.definition.steps[id];
  });
  const role =
    selection.role !== undefined && document.definition.roles.some((r) => r.id === selection.role)
      ? selection.role
      : undefined;
  if (
    steps.length === selection.steps.length &&
    edges.length === selection.edges.length &&
    role === selection.role
  )
    return selection;
  return role === undefined ? { steps, edges } : { steps, edges, role };
}

export const useEditorStore = create<EditorState>()((set, get) => ({
  document: null,
  base: null,
  history: emptyHistory(),
  canUndo: false,
  canRedo: false,
  findings: [],
  lintFindings: [],
  overlay: null,
  entries: NO_ENTRIES,
  linting: false,
  selection: NO_SELECTION,
  focus: null,
  heldRoles: null,

  setHeldRoles(roles) {
    const state = get();
    const same =
      state.heldRoles !== null &&
      state.heldRoles.length === roles.length &&
      roles.every((r) => state.heldRoles!.includes(r));
    if (same) return;
    const heldRoles = [...roles];
    set({ heldRoles, ...(state.document ? checked(state.document, heldRoles, state.entries) : {}) });
  },

  hold(path, entry) {
    const state = get();
    const entries = withEntry(state.entries, path, entry);
    if (entries === state.entries) return;
    set({ entries, ...(state.document ? listed(state.document, state.lintFindings, entries) : {}) });
  },

  load(base, document = base.document, heldRoles = get().heldRoles, entries = NO_ENTRIES) {
    set({
      heldRoles,
      base,
      document,
      history: emptyHistory(),
      canUndo: false,
      canRedo: false,
      selection: NO_SELECTION,
      focus: null,
      entries,
      ...checked(document, heldRoles, entries),
    });
  },

  apply(changes, options = {}) {
    const state = get();
    if (!state.document || changes.length === 0) return false;
    let next: EditorDocument;
    try {
      next = applyChanges(state.document, changes);
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      toast({ color: 'red', title: 'That change cannot be made', message: error.message });
      return false;
    }
    const renames = changes.flatMap((c) =>
      c.type === 'renameStep' ? [[c.id, c.newId] as [string, string]] : [],
    );
    const history = record(state.history, state.document, next, { ...options, renames });
    // A step whose id follows its title keeps what was typed in its boxes.
    let entries = state.entries;
    for (const change of changes)
      if (change.type === 'renameStep') entries = renameEntries(entries, change.id, change.newId);
    set({
      document: next,
      entries,
      history,
      canUndo: canUndo(history),
      canRedo: canRedo(history),
      selection: prune(options.select ?? state.selection, next),
      ...relint(next, state, get, set),
    });
    return true;
  },

  undo() {
    const state = get();
    if (!state.document || !canUndo(state.history)) return;
    const back = (nextUndo(state.history)?.renames ?? []).map(([from, to]) => [to, from] as const).reverse();
    const { history, document } = undoHistory(state.history, state.document);
    set({
      document,
      history,
      canUndo: canUndo(history),
      canRedo: canRedo(history),
      selection: prune(renamed(state.selection, back), document),
      ...relint(document, state, get, set),
    });
  },

  redo() {
    const state = get();
    if (!state.document || !canRedo(state.history)) return;
    const again = nextRedo(state.history)?.renames ?? [];
    const { history, document } = redoHistory(state.history, state.document);
    set({
      document,
      history,
      canUndo: canUndo(history),
      canRedo: canRedo(history),
      selection: prune(renamed(state.selection, again), document),
      ...relint(document, state, get, set),
    });
  },

  select(selection, focus = false) {
    const state = get();
    const id = selection.steps[0];
    set({
      selection,
      focus: focus && id !== undefined ? { id, nonce: (state.focus?.nonce ?? 0) + 1 } : state.focus,
    });
  },

  /** After a save: the server's revision becomes the base; the edits stay undoable. */
  rebase(base) {
    set({ base });
  },
}));
