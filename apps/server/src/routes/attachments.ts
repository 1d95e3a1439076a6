import { readFile } from 'node:fs/promises';
import { addAttachment, downloadAttachment, listAttachments, removeAttachment } from '@portalflow/contract';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { attachmentService, attachmentTooLarge } from '../attachments/service.ts';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, isLead } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { permittedInstance } from '../instances/permitted.ts';
import type { InstanceService } from '../instances/service.ts';

/** Room for the form's framing and the task id on top of the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** `filename*` (RFC 6266 / 5987) for any name, with a plain ASCII `filename` for old clients. */
function contentDisposition(name: string, how: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${how}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Shown in the page only as an image (`<img>` runs nothing); a PDF would need the browser's viewer. */
const VIEWABLE = new Set(['image/png', 'image/jpeg']);

/**
 * Files attached to a request: listed and downloaded by anyone who may read the request (by role and
 * object), attached by the people who work on it, removed with a reason by whoever attached the file
 * or a lead. Every read and write is access-logged without the file's name; a change tells live
 * screens the request changed (its id only).
 */
export function attachmentRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();
  const files = attachmentService(deps);

  const log = (
    c: Context<AppEnv>,
    user: AuthUser,
    instanceId: string,
    outcome: 'allow' | 'deny',
    detail: string,
  ) => recordAccess(deps, c, user, { instanceId, category: 'phi', outcome, detail });

  const refusal = {
    auditor: 'Auditors read attachments but do not add them',
    other: 'Only people who work on this request can see or attach its files',
  };
  const permitted = (c: Context<AppEnv>, user: AuthUser, id: string, detail: string, write: boolean) =>
    permittedInstance(deps, instances, c, user, id, { detail, write, refusal });

  app.openapi(declared(docs, listAttachments), async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid('param');
    const { instance, definition } = await permitted(c, user, id, 'attachments', false);
    await log(c, user, instance.id, 'allow', 'attachments');
    return c.json({ attachments: await files.list(instance, definition) }, 200);
  });

  app.openapi(
    {
      ...declared(docs, addAttachment),
      middleware: [
        bodyLimit({
          maxSize: deps.config.attachmentMaxBytes + FORM_OVERHEAD_BYTES,
          onError: () => {
            throw attachmentTooLarge(deps.config.attachmentMaxBytes);
          },
        }),
      ],
    },
    async (c) => {
      const user = requireUser(c);
      const { id } = c.req.valid('param');
      if (!/^multipart\/form-data/i.test(c.req.header('Content-Type') ?? ''))
        throw new ApiError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the file as multipart/form-data (field "file")',
        );
      const { instance, definition } = await permitted(c, user, id, 'attachment', true);
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof Blob))
        throw new ApiError(400, 'ATTACHMENT_MISSING', 'Attach the file in the field "file"');
      const taskId = typeof form.taskId === 'string' ? form.taskId : undefined;
      if (taskId !== undefined && taskId.length > 300)
        throw new ApiError(400, 'VALIDATION_FAILED', 'taskId: not a task of this request');
      // Once per Idempotency-Key, decided in the store's write (two sent at once attach one file).
      const attachment = await files.add(
        user,
        instance,
        definition,
        { file, name: file instanceof File ? file.name : 'attachment', taskId },
        idempotencyOf(c),
      );
      await log(c, user, instance.id, 'allow', 'attachment');
      return c.json({ attachment }, 201);
    },
  );

  app.openapi(declared(docs, downloadAttachment), async (c) => {
    const user = requireUser(c);
    const { id, attachmentId } = c.req.valid('param');
    const asked = c.req.valid('query').view === 'inline';
    const { instance } = await permitted(c, user, id, 'attachment download', false);
    const { record, path } = await files.open(instance, attachmentId);
    const bytes = await readFile(path).catch(() => null);
    if (!bytes) throw new ApiError(404, 'ATTACHMENT_FILE_MISSING', 'The file is not on this server');
    const inline = asked && VIEWABLE.has(record.type);
    await log(c, user, instance.id, 'allow', inline ? 'attachment view' : 'attachment download');
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': record.type,
      'Content-Disposition': contentDisposition(record.name, inline ? 'inline' : 'attachment'),
      'X-Content-Type-Options': 'nosniff',
      // Opened in a tab anyway, a file can run nothing and reach nothing.
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'private, no-store',
    });
  });

  app.openapi(declared(docs, removeAttachment), async (c) => {
    const user = requireUser(c);
    const { id, attachmentId } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const { instance, definition } = await permitted(c, user, id, 'attachment removal', true);
    const record = await files.get(instance, attachmentId);
    if (record.authorId !== user.id && !isLead(user)) {
      await log(c, user, instance.id, 'deny', 'attachment removal');
      throw forbidden('Only the person who attached a file, or a lead, can take it off the request');
    }
    const attachment = await files.remove(user, instance, definition, record, reason);
    await log(c, user, instance.id, 'allow', 'attachment removal');
    return c.json({ attachment }, 200);
  });

  return app;
}
