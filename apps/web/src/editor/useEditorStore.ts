import type { Finding } from '@portalflow/engine';
import { create } from 'zustand';
import { applyChanges, type Change, ModelError } from '../model/changes.ts';
import { checkDefinition } from '../model/check.ts';
import type { EditorDocument } from '../model/document.ts';
import {
  canRedo,
  canUndo,
  emptyHistory,
  type History,
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
  findings: Finding[];
  overlay: LintOverlay | null;
  /** The definition changed and its lint runs right after the edit is drawn (findings are the previous ones). */
  linting: boolean;
  selection: Selection;
  /** A request to scroll the canvas to a step (the nonce re-triggers for the same step). */
  focus: { id: string; nonce: number } | null;
  /** Roles active people hold (from the staff list), or null until known: lint then skips staffing. */
  heldRoles: readonly string[] | null;
  setHeldRoles(roles: readonly string[]): void;

  /** Opens `document` (the base's by default), linted once with `heldRoles` (the known ones by default). */
  load(base: SavedBase, document?: EditorDocument, heldRoles?: readonly string[] | null): void;
  /** Applies changes as one undo step; false (and a toast) when one cannot apply. */
  apply(changes: Change[], options?: RecordOptions & { select?: Selection }): boolean;
  undo(): void;
  redo(): void;
  select(selection: Selection, focus?: boolean): void;
  rebase(base: SavedBase): void;
}

function checked(document: EditorDocument, heldRoles: readonly string[] | null) {
  const findings = checkDefinition(document.definition, heldRoles);
  return { findings, overlay: lintOverlay(document.definition, findings), linting: false };
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
    const { document, linting, heldRoles } = get();
    if (document && linting) set(checked(document, heldRoles));
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
  overlay: null,
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
    set({ heldRoles, ...(state.document ? checked(state.document, heldRoles) : {}) });
  },

  load(base, document = base.document, heldRoles = get().heldRoles) {
    set({
      heldRoles,
      base,
      document,
      history: emptyHistory(),
      canUndo: false,
      canRedo: false,
      selection: NO_SELECTION,
      focus: null,
      ...checked(document, heldRoles),
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
    const history = record(state.history, state.document, next, options);
    set({
      document: next,
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
    const { history, document } = undoHistory(state.history, state.document);
    set({
      document,
      history,
      canUndo: canUndo(history),
      canRedo: canRedo(history),
      selection: prune(state.selection, document),
      ...relint(document, state, get, set),
    });
  },

  redo() {
    const state = get();
    if (!state.document || !canRedo(state.history)) return;
    const { history, document } = redoHistory(state.history, state.document);
    set({
      document,
      history,
      canUndo: canUndo(history),
      canRedo: canRedo(history),
      selection: prune(state.selection, document),
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
