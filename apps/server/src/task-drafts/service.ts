import { type SaveTaskDraftBody, TASK_DRAFT_MAX_CHARS, type TaskDraft } from '@portalflow/contract';
import { checkWrites } from '@portalflow/engine';
import type { StoredTaskDraft, Task } from '@portalflow/store';
import { type AuthUser, canAct } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, forbidden, fromEngine, notFound } from '../http/errors.ts';
import { canSeeTask } from '../instances/access.ts';
import type { InstanceService } from '../instances/service.ts';

type SaveInput = Omit<Required<SaveTaskDraftBody>, 'note' | 'forNextRole'> & {
  note: string;
  forNextRole: boolean;
};

/**
 * A task's draft: what its holder typed and has not sent. Read and written by the task's holder alone
 * (a colleague, a lead or the pool may see the task, never what someone is half-way through typing),
 * held to the fields its step declares. Not an instance change: nothing is decided, nothing is
 * announced, no event is added to the request's history.
 */
export class TaskDraftService {
  constructor(
    private readonly deps: AppDeps,
    private readonly instances: InstanceService,
  ) {}

  /** The task, once `user` is found to hold it (throws 404, 403 or 409 otherwise). */
  async heldTask(user: AuthUser, taskId: string): Promise<Task> {
    const task = await this.deps.store.getTask(taskId);
    if (!task) throw notFound('The task');
    if (!canAct(user) || !canSeeTask(user, task, { emergency: false }))
      throw forbidden('Only whoever holds this task reads or writes what is typed on it');
    if (task.status !== 'open')
      throw new ApiError(409, 'TASK_CLOSED', 'This task is closed: nothing typed on it is kept any more');
    if (!task.assignee)
      throw new ApiError(
        409,
        'NOT_ASSIGNED',
        'This task is in its pool: claim it to keep what you type on it',
      );
    if (task.assignee !== user.id)
      throw new ApiError(
        409,
        'NOT_YOURS',
        'Someone else holds this task now: what is typed on it is theirs to read',
      );
    return task;
  }

  async read(task: Task): Promise<TaskDraft | null> {
    const stored = await this.deps.store.getTaskDraft(task.id);
    return stored ? this.view(stored) : null;
  }

  async save(user: AuthUser, task: Task, input: SaveInput): Promise<TaskDraft> {
    const { definition } = await this.instances.load(task.instanceId);
    const refused = checkWrites(definition, task.step, input.values);
    if (refused) throw fromEngine(refused);
    const size = JSON.stringify({ values: input.values, note: input.note }).length;
    if (size > TASK_DRAFT_MAX_CHARS)
      throw new ApiError(
        413,
        'TASK_DRAFT_TOO_LARGE',
        `What is typed on this task is ${size} characters; a draft keeps at most ${TASK_DRAFT_MAX_CHARS}`,
        { limit: TASK_DRAFT_MAX_CHARS, size },
      );
    const saved = await this.deps.store.saveTaskDraft({
      taskId: task.id,
      baseRevision: input.baseRevision,
      values: input.values,
      note: input.note,
      forNextRole: input.forNextRole,
      savedBy: user.id,
      savedAt: this.deps.clock(),
    });
    if (saved.ok) return this.view(saved.draft);
    if (saved.reason === 'not-held')
      throw new ApiError(
        409,
        'NOT_YOURS',
        'This task left you while you were typing: your draft was not kept',
      );
    throw new ApiError(
      409,
      'TASK_DRAFT_NEWER',
      'A newer draft of this task was saved (in another tab or window); it is shown now',
      { draft: saved.draft ? await this.view(saved.draft) : null },
    );
  }

  /**
   * The draft `user` would remove unseen by finishing the task now: one someone else typed (the task's
   * previous holder), newer than the revision the form was filled from. Null when the user does not
   * hold the task (the completion is refused for that, without a word of the draft) or nothing is kept
   * that they have not seen. Only the holder saves a draft, so it cannot change under them meanwhile.
   */
  async unseenBy(user: AuthUser, taskId: string, seen: number): Promise<TaskDraft | null> {
    const task = await this.deps.store.getTask(taskId);
    if (task?.status !== 'open' || task.assignee !== user.id) return null;
    const stored = await this.deps.store.getTaskDraft(taskId);
    if (!stored || stored.revision <= seen || stored.savedBy === user.id) return null;
    return this.view(stored);
  }

  /** Refuses to finish over a draft `user` has not seen (409 TASK_DRAFT_UNSEEN, carrying it). */
  async requireSeen(user: AuthUser, taskId: string, seen: number): Promise<void> {
    const unseen = await this.unseenBy(user, taskId, seen);
    if (!unseen) return;
    throw new ApiError(
      409,
      'TASK_DRAFT_UNSEEN',
      `${unseen.savedBy.displayName} typed answers on this task before it came to you, and they were not shown when you finished. They are now: check them and finish again.`,
      { draft: unseen },
    );
  }

  private async view(stored: StoredTaskDraft): Promise<TaskDraft> {
    const by = await this.deps.store.getUser(stored.savedBy);
    return {
      revision: stored.revision,
      values: stored.values,
      note: stored.note,
      forNextRole: stored.forNextRole,
      savedAt: stored.savedAt,
      savedBy: { id: stored.savedBy, displayName: by?.displayName || by?.username || 'A colleague' },
    };
  }
}
