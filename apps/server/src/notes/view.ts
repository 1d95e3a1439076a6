import type { NoteView } from '@portalflow/contract';
import type { Definition } from '@portalflow/engine';
import type { NoteRevision } from '@portalflow/store';

/**
 * Folds the stored revisions (oldest first) into notes as people read them: the current wording, who
 * first wrote it and when, and each edit as old → new. Notes come out in the order first written.
 */
export function noteViews(revisions: readonly NoteRevision[], definition: Definition): NoteView[] {
  const byNote = new Map<string, NoteRevision[]>();
  for (const r of revisions) {
    const list = byNote.get(r.noteId) ?? [];
    list.push(r);
    byNote.set(r.noteId, list);
  }
  const views: NoteView[] = [];
  for (const list of byNote.values()) {
    list.sort((a, b) => a.revision - b.revision);
    const first = list[0]!;
    const last = list.at(-1)!;
    views.push({
      id: first.noteId,
      revision: last.revision,
      kind: first.kind,
      forNextRole: last.forNextRole,
      instanceId: first.instanceId,
      taskId: first.taskId,
      step: first.step,
      stepTitle: first.step ? (definition.steps[first.step]?.title ?? first.step) : null,
      authorId: first.authorId,
      authorRole: first.authorRole,
      at: first.at,
      body: last.body,
      edits: list.slice(1).map((r, i) => ({
        revision: r.revision,
        at: r.at,
        authorId: r.authorId,
        from: list[i]!.body,
        to: r.body,
      })),
    });
  }
  return views.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}
