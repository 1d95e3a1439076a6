import { addNote, editNote, listNotes } from '@portalflow/contract';
import type { Definition } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';
import type { Context } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { actingRole } from '../instances/access.ts';
import { permittedInstance } from '../instances/permitted.ts';
import type { InstanceService } from '../instances/service.ts';
import { noteViews } from '../notes/view.ts';

/** A finished request is part of the record: its notes are read, not added to or edited. */
export const requestClosed = () =>
  new ApiError(409, 'REQUEST_CLOSED', 'This request has ended; its notes can be read but not changed');

/**
 * A request's notes: completion notes and comments from every step, read by anyone who may read the
 * request (by role and object), added by the people who work it. Every read and write is access-logged
 * without the note's text; notes never ride live-update events.
 */
export function noteRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();

  const refusal = {
    auditor: 'Auditors read notes but do not write them',
    other: 'Only people who work on this request can read or add its notes',
  };
  const permitted = (c: Context<AppEnv>, user: AuthUser, id: string, detail: string, write: boolean) =>
    permittedInstance(deps, instances, c, user, id, { detail, write, refusal });

  const logAllowed = (c: Context<AppEnv>, user: AuthUser, instance: Instance, detail: string) =>
    recordAccess(deps, c, user, { instanceId: instance.id, category: 'phi', outcome: 'allow', detail });

  const notesOf = async (instance: Instance, definition: Definition) =>
    noteViews(await deps.store.listNoteRevisions(instance.id), definition);

  app.openapi(declared(docs, listNotes), async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid('param');
    const { instance, definition } = await permitted(c, user, id, 'notes', false);
    await logAllowed(c, user, instance, 'notes');
    return c.json({ notes: await notesOf(instance, definition) }, 200);
  });

  app.openapi(declared(docs, addNote), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const { id } = c.req.valid('param');
    const { instance, definition } = await permitted(c, user, id, 'note', true);
    return c.json({ note: await addComment(c, user, instance, definition, input) }, 201);
  });

  app.openapi(declared(docs, editNote), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const { id, noteId } = c.req.valid('param');
    const { instance, definition } = await permitted(c, user, id, 'note edit', true);
    if (instance.status !== 'active') throw requestClosed();
    const revisions = (await deps.store.listNoteRevisions(instance.id)).filter((r) => r.noteId === noteId);
    const first = revisions.find((r) => r.revision === 1);
    if (!first) throw notFound('The note');
    if (first.authorId !== user.id) {
      await recordAccess(deps, c, user, {
        instanceId: instance.id,
        category: 'phi',
        outcome: 'deny',
        detail: 'note edit',
      });
      throw new ApiError(403, 'NOT_NOTE_AUTHOR', 'Only the person who wrote a note can edit it');
    }
    const edit: Parameters<typeof deps.store.reviseNote>[0] = {
      noteId,
      expectedRevision: input.revision,
      authorId: user.id,
      authorRole: first.authorRole,
      at: deps.clock(),
      body: input.body,
    };
    if (input.forNextRole !== undefined) edit.forNextRole = input.forNextRole;
    const result = await deps.store.reviseNote(edit);
    if (!result.ok) {
      if (result.reason === 'not-found') throw notFound(`Revision ${input.revision} of the note`);
      throw new ApiError(
        409,
        'NOTE_CHANGED',
        'This note was edited since you read it; reload to see the latest wording',
        { revision: Math.max(...revisions.map((r) => r.revision)) },
      );
    }
    await logAllowed(c, user, instance, 'note edit');
    const note = (await notesOf(instance, definition)).find((n) => n.id === noteId)!;
    return c.json({ note }, 200);
  });

  /** Adds a comment to the request, on one of its open tasks if named. */
  async function addComment(
    c: Context<AppEnv>,
    user: AuthUser,
    instance: Instance,
    definition: Definition,
    input: { body: string; taskId?: string | undefined; forNextRole?: boolean | undefined },
  ) {
    // A finished request is part of the record: it is read, not added to.
    if (instance.status !== 'active') throw requestClosed();
    let step: string | null = null;
    let token: string | null = null;
    let role = actingRole(user, definition);
    if (input.taskId !== undefined) {
      const task = await deps.store.getTask(input.taskId);
      if (!task || task.instanceId !== instance.id) throw notFound('The task on this request');
      if (task.status !== 'open')
        throw new ApiError(409, 'TASK_CLOSED', 'This task is closed; add the note to the request instead');
      step = task.step;
      token = task.id.slice(instance.id.length + 1);
      if (user.roles.includes(task.role)) role = task.role;
    }
    const added = await deps.store.addNote(instance.id, {
      kind: 'comment',
      taskToken: token,
      step,
      forNextRole: input.forNextRole === true,
      authorId: user.id,
      authorRole: role,
      at: deps.clock(),
      body: input.body,
    });
    if (!added) throw notFound('The request');
    await logAllowed(c, user, instance, 'note');
    return noteViews([added], definition)[0]!;
  }

  return app;
}
