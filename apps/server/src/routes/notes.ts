import type { Definition } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';
import { type Context, Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, canAct } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body } from '../http/validate.ts';
import { actingRole, canReadInstance } from '../instances/access.ts';
import type { InstanceService } from '../instances/service.ts';
import { NoteBody, NoteEditBody } from '../notes/schemas.ts';
import { noteViews } from '../notes/view.ts';

/** A finished request is part of the record: its notes are read, not added to or edited. */
export const requestClosed = () =>
  new ApiError(409, 'REQUEST_CLOSED', 'This request has ended; its notes can be read but not changed');

/**
 * A request's notes: completion notes and comments from every step, read by anyone who may read the
 * request (by role and object), added by the people who work it. Every read and write is access-logged
 * without the note's text; notes never ride live-update events.
 */
export function noteRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** The instance if the user may read it (write: and act on it); logs a refusal. */
  async function permitted(c: Context<AppEnv>, user: AuthUser, detail: string, write: boolean) {
    const loaded = await instances.load(c.req.param('id')!);
    const allowed =
      (!write || canAct(user)) &&
      (await canReadInstance(user, loaded.instance, deps.store, { emergency: !write }));
    if (!allowed) {
      await recordAccess(deps, c, user, {
        instanceId: loaded.instance.id,
        category: 'phi',
        outcome: 'deny',
        detail,
      });
      throw forbidden(
        write && !canAct(user)
          ? 'Auditors read notes but do not write them'
          : 'Only people who work on this request can read or add its notes',
      );
    }
    return loaded;
  }

  const logAllowed = (c: Context<AppEnv>, user: AuthUser, instance: Instance, detail: string) =>
    recordAccess(deps, c, user, { instanceId: instance.id, category: 'phi', outcome: 'allow', detail });

  const notesOf = async (instance: Instance, definition: Definition) =>
    noteViews(await deps.store.listNoteRevisions(instance.id), definition);

  docs.add({
    method: 'get',
    path: '/api/instances/{id}/notes',
    summary: "The request's notes and comments from every step, oldest first, with each edit old → new",
    tag: 'notes',
    instanceData: true,
    responses: { 200: 'Notes', 403: 'You do not work on this request', 404: 'No such request' },
  });
  app.get('/:id/notes', async (c) => {
    const user = requireUser(c);
    const { instance, definition } = await permitted(c, user, 'notes', false);
    await logAllowed(c, user, instance, 'notes');
    return c.json({ notes: await notesOf(instance, definition) });
  });

  docs.add({
    method: 'post',
    path: '/api/instances/{id}/notes',
    summary: 'Add a note to the request, optionally on one of its open tasks and for the next role',
    tag: 'notes',
    instanceData: true,
    body: NoteBody,
    responses: {
      201: 'Added',
      403: 'You do not work on this request, or you only audit',
      404: 'No such request, or the task is not part of it',
      409: 'The request has ended (REQUEST_CLOSED) or the task is closed (TASK_CLOSED)',
    },
  });
  app.post('/:id/notes', async (c) => {
    const user = requireUser(c);
    const input = await body(c, NoteBody);
    const { instance, definition } = await permitted(c, user, 'note', true);
    return c.json({ note: await addNote(c, user, instance, definition, input) }, 201);
  });

  docs.add({
    method: 'patch',
    path: '/api/instances/{id}/notes/{noteId}',
    summary: 'Edit your own note: a new revision, the old wording kept in the trail',
    tag: 'notes',
    instanceData: true,
    body: NoteEditBody,
    responses: {
      200: 'Edited',
      403: 'Not your note (NOT_NOTE_AUTHOR)',
      404: 'No such note on this request',
      409: 'Edited by someone else since you read it (NOTE_CHANGED), or the request has ended (REQUEST_CLOSED)',
    },
  });
  app.patch('/:id/notes/:noteId', async (c) => {
    const user = requireUser(c);
    const input = await body(c, NoteEditBody);
    const { instance, definition } = await permitted(c, user, 'note edit', true);
    if (instance.status !== 'active') throw requestClosed();
    const noteId = c.req.param('noteId');
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
    const note = (await notesOf(instance, definition)).find((n) => n.id === noteId);
    return c.json({ note });
  });

  /** Adds a comment (shared with the task route that adds one on a task). */
  async function addNote(
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
