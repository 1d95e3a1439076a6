import type { AttachmentView } from '@portalflow/contract';
import type { Definition } from '@portalflow/engine';
import type { AttachmentRecord, Instance } from '@portalflow/store';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { contentPath, releaseBytes, settleAside, storeBytes } from '../files/content-addressed.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { actingRole } from '../instances/access.ts';
import { type Idempotency, idempotencyKeyReused } from '../instances/service.ts';
import { announce } from '../live/announce.ts';
import { attachmentName, sniffAttachmentType } from './file-type.ts';
import { attachmentViews } from './view.ts';

/** Attached files are patient data: readable by the server's account only (`files/owner-only.ts`). */
const OWNER_ONLY = { ownerOnly: true };

/** A finished request is part of the record: nothing is attached to it any more. */
const requestClosed = () =>
  new ApiError(409, 'REQUEST_CLOSED', 'This request has ended; files can no longer be attached to it');

export const attachmentTooLarge = (limit: number) =>
  new ApiError(413, 'ATTACHMENT_TOO_LARGE', `Attachments are limited to ${Math.floor(limit / 1048576)} MB`, {
    limitBytes: limit,
  });

/** The request holds as many files as it may: one comes off before another goes on. */
export const tooManyFiles = (limit: number) =>
  ApiError.of(
    'TOO_MANY_FILES',
    `This request already holds ${limit} files, the most one request can hold. Take one off first (a duplicate or an outdated scan), or combine pages into one PDF.`,
    { limit },
  );

export interface NewAttachment {
  file: Blob;
  /** The name the browser gave the file. */
  name: string;
  taskId?: string | undefined;
}

/**
 * Files on a request. The bytes go to the attachments directory (named by their hash) only after
 * every check has passed, and are taken back if the row is not written; a removal deletes them unless
 * another attachment still names the same bytes.
 */
export function attachmentService(deps: AppDeps) {
  /**
   * Screens showing the request re-read its files: the request's id and who works on it, nothing
   * about the file (its name may name the patient).
   */
  const changed = (instance: Instance, definition: Definition, author: string) => {
    const active = Object.values(instance.snapshot.context.active);
    return announce(deps, {
      type: 'instance.changed',
      instanceId: instance.id,
      definitionId: definition.id,
      status: instance.status,
      revision: instance.revision,
      roles: [...new Set(active.map((a) => a.role).filter((r): r is string => Boolean(r)))],
      users: [...new Set([author, ...active.map((a) => a.assignee).filter((u): u is string => Boolean(u))])],
      practice: instance.practice,
    });
  };

  /** Deletes the bytes unless an attachment still names them (see `releaseBytes`). */
  const release = (sha256: string) =>
    releaseBytes(deps.config.attachmentsDir, sha256, (hash) => deps.store.attachmentBytesInUse(hash));

  const views = (records: readonly AttachmentRecord[], definition: Definition) =>
    attachmentViews(records, definition);

  return {
    async list(instance: Instance, definition: Definition): Promise<AttachmentView[]> {
      return views(await deps.store.listAttachments(instance.id), definition);
    },

    /**
     * Attaches the file once per `Idempotency-Key`: a retry, or the second of a double click sent while
     * the first was on its way, answers the attachment the first made (the key is taken in the row's
     * own write, `AttachmentKey`), without a second file or a TOO_MANY_FILES for the first one's place.
     */
    async add(
      user: AuthUser,
      instance: Instance,
      definition: Definition,
      input: NewAttachment,
      idempotency?: Idempotency,
    ): Promise<AttachmentView> {
      const first = async () => {
        if (!idempotency) return null;
        const seen = await deps.store.getIdempotency(idempotency.key, user.id);
        if (!seen) return null;
        if (seen.route !== idempotency.route) throw idempotencyKeyReused();
        const { attachmentId } = seen.response as { attachmentId?: string };
        const record = attachmentId ? await deps.store.getAttachment(attachmentId) : null;
        if (!record || record.instanceId !== instance.id) throw idempotencyKeyReused();
        return views([record], definition)[0]!;
      };
      const answered = await first();
      if (answered) return answered;
      if (instance.status !== 'active') throw requestClosed();
      if (input.file.size === 0) throw new ApiError(400, 'ATTACHMENT_MISSING', 'The file is empty');
      if (input.file.size > deps.config.attachmentMaxBytes)
        throw attachmentTooLarge(deps.config.attachmentMaxBytes);
      let step: string | null = null;
      let token: string | null = null;
      let role = actingRole(user, definition);
      if (input.taskId !== undefined && input.taskId !== '') {
        const task = await deps.store.getTask(input.taskId);
        if (!task || task.instanceId !== instance.id) throw notFound('The task on this request');
        if (task.status !== 'open')
          throw new ApiError(
            409,
            'TASK_CLOSED',
            'This task is closed; attach the file to the request instead',
          );
        step = task.step;
        token = task.id.slice(instance.id.length + 1);
        if (user.roles.includes(task.role)) role = task.role;
      }
      const bytes = new Uint8Array(await input.file.arrayBuffer());
      const type = sniffAttachmentType(bytes);
      if (!type)
        throw new ApiError(
          415,
          'ATTACHMENT_TYPE_UNSUPPORTED',
          'Attach a PDF, JPEG or PNG file (this one is none of them, whatever its name says)',
        );
      const stored = await storeBytes(deps.config.attachmentsDir, bytes, OWNER_ONLY);
      // The store counts the request's files in the same write, so a burst cannot pass the limit; bytes
      // this upload brought and no row names are taken back whatever the refusal.
      const added = await deps.store
        .addAttachment(
          instance.id,
          {
            taskToken: token,
            step,
            name: attachmentName(input.name, type),
            type,
            bytes: bytes.length,
            sha256: stored.sha256,
            authorId: user.id,
            authorRole: role,
            at: deps.clock(),
          },
          { maxFiles: deps.config.maxFilesPerRequest },
          idempotency && { ...idempotency, userId: user.id, createdAt: deps.clock() },
        )
        .catch(async (error: unknown) => {
          if (stored.created) await release(stored.sha256);
          throw error;
        });
      if (!added.ok) {
        if (stored.created) await release(stored.sha256);
        if (added.reason === 'key-used') {
          const answer = await first();
          if (answer) return answer;
        }
        if (added.reason === 'too-many-files') throw tooManyFiles(deps.config.maxFilesPerRequest);
        throw notFound('The request');
      }
      // A removal of the same bytes elsewhere may have deleted them between the write and the row:
      // writing again is a no-op when they are there.
      await storeBytes(deps.config.attachmentsDir, bytes, OWNER_ONLY);
      // The log names neither the file nor the request's data: sizes and types only.
      deps.log(`attachment added (${type}, ${bytes.length} bytes)`);
      await changed(instance, definition, user.id);
      return views([added.attachment], definition)[0]!;
    },

    /** At start-up: removals a stopped process left half done are finished (see `settleAside`). */
    async settle() {
      const settled = await settleAside(deps.config.attachmentsDir, (hash) =>
        deps.store.attachmentBytesInUse(hash),
      );
      if (settled.restored + settled.deleted > 0)
        deps.log(
          `attachments: ${settled.restored} file(s) a stopped removal had set aside put back, ${settled.deleted} deleted`,
        );
      return settled;
    },

    /** The stored file of one attachment of this request, or why it cannot be had. */
    async open(instance: Instance, attachmentId: string) {
      const record = await deps.store.getAttachment(attachmentId);
      if (!record || record.instanceId !== instance.id) throw notFound('The file on this request');
      if (record.removed) throw new ApiError(410, 'ATTACHMENT_GONE', 'This file was taken off the request');
      return { record, path: contentPath(deps.config.attachmentsDir, record.sha256) };
    },

    async get(instance: Instance, attachmentId: string) {
      const record = await deps.store.getAttachment(attachmentId);
      if (!record || record.instanceId !== instance.id) throw notFound('The file on this request');
      return record;
    },

    async remove(
      user: AuthUser,
      instance: Instance,
      definition: Definition,
      record: AttachmentRecord,
      reason: string,
    ) {
      const result = await deps.store.removeAttachment({
        id: record.id,
        by: user.id,
        at: deps.clock(),
        reason,
      });
      if (!result.ok) {
        if (result.reason === 'not-found') throw notFound('The file on this request');
        throw new ApiError(409, 'ATTACHMENT_REMOVED', 'This file was already taken off the request');
      }
      // Another request may hold the very same bytes (the same scan attached twice): they stay for it.
      await release(record.sha256);
      await changed(instance, definition, record.authorId);
      return views([result.attachment], definition)[0]!;
    },
  };
}

export type AttachmentService = ReturnType<typeof attachmentService>;
