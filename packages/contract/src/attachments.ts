import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

/**
 * Files attached to a request: the statement a billing question is about, a signed proxy form, a
 * referral letter. Read by everyone who may read the request; attached by the people who work it.
 * The file's name may name the patient, so it travels only in answer bodies (never a URL, a log line,
 * an email or a live-update event). A file attached by mistake is removed with a reason; the record
 * of it stays for the auditor, the bytes go.
 */

/** The file types a clinic scans or photographs; read from the bytes, never from the name. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
/** The default upper limit of one file (the server's `PORTALFLOW_ATTACHMENT_MAX_MB` may change it). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/**
 * The default number of files one request holds at most, removed ones not counted (the server's
 * `PORTALFLOW_MAX_FILES_PER_REQUEST` may change it): far more than one question's paperwork, so only a
 * runaway script or a wrong request reaches it.
 */
export const MAX_FILES_PER_REQUEST = 50;

export const AttachmentView = z.object({
  id: z.string(),
  instanceId: z.string(),
  taskId: z.string().nullable(),
  step: z.string().nullable(),
  /** The step's title (never its id) in the version the request runs on. */
  stepTitle: z.string().nullable(),
  name: z.string(),
  type: z.enum(ATTACHMENT_TYPES),
  bytes: z.number().int(),
  sha256: z.string(),
  authorId: z.string(),
  authorRole: z.string().nullable(),
  at: Timestamp,
  /** Set when the file was taken off the request; its bytes are gone then. */
  removed: z.object({ at: Timestamp, by: z.string(), reason: z.string() }).nullable(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const RemoveAttachmentBody = z
  .object({
    /** Why it comes off, e.g. "another patient's letter": kept with the record. */
    reason: z.string().trim().min(3, 'Say why the file comes off').max(500),
  })
  .strict();
export type RemoveAttachmentBody = z.input<typeof RemoveAttachmentBody>;

const AttachmentParams = z.object({ id: Id, attachmentId: Id });
const readErrors = {
  401: 'Not signed in (UNAUTHENTICATED)',
  403: 'You do not work on this request (FORBIDDEN)',
  404: 'No such request or file (NOT_FOUND)',
} as const;

export const listAttachments = route({
  method: 'get',
  path: '/api/instances/{id}/attachments',
  summary: "The request's attached files, oldest first, removed ones with who removed them and why",
  tags: ['attachments'],
  'x-instance-data': true,
  request: { params: z.object({ id: Id }) },
  responses: {
    200: json(z.object({ attachments: z.array(AttachmentView) }), 'Attachments'),
    ...errors(readErrors),
  },
});

export const addAttachment = route({
  method: 'post',
  path: '/api/instances/{id}/attachments',
  summary:
    'Attach a file (multipart: file = PDF, JPEG or PNG; taskId = one of its open tasks, optional) to an open request',
  tags: ['attachments'],
  'x-instance-data': true,
  'x-idempotent': true,
  request: { params: z.object({ id: Id }) },
  responses: {
    201: json(z.object({ attachment: AttachmentView }), 'Attached'),
    ...errors({
      400: 'No file (ATTACHMENT_MISSING) or a bad task id (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'You do not work on this request, or you only audit (FORBIDDEN)',
      404: 'No such request, or the task is not part of it (NOT_FOUND)',
      409: 'The request has ended (REQUEST_CLOSED), the task is closed (TASK_CLOSED), or the request already holds as many files as it may (TOO_MANY_FILES; take one off first)',
      413: 'The file is too large (ATTACHMENT_TOO_LARGE)',
      415: 'Not a PDF, JPEG or PNG (ATTACHMENT_TYPE_UNSUPPORTED), or not multipart (UNSUPPORTED_MEDIA_TYPE)',
    }),
  },
});

const fileTypes = Object.fromEntries(ATTACHMENT_TYPES.map((t) => [t, { schema: z.string() }]));

export const downloadAttachment = route({
  method: 'get',
  path: '/api/instances/{id}/attachments/{attachmentId}',
  summary:
    'The file itself, as a download (no-store, sandboxed). `view=inline`: a photo (JPEG, PNG) shown in the page instead; a PDF is always a download',
  tags: ['attachments'],
  'x-instance-data': true,
  request: {
    params: AttachmentParams,
    query: z.object({ view: z.enum(['inline']).optional() }).strict(),
  },
  responses: {
    200: { description: 'The file', content: fileTypes },
    ...errors({ ...readErrors, 410: 'The file was taken off the request (ATTACHMENT_GONE)' }),
  },
});

export const removeAttachment = route({
  method: 'post',
  path: '/api/instances/{id}/attachments/{attachmentId}/remove',
  summary:
    'Take a file attached by mistake off the request, with the reason (whoever attached it, leads and admins; also on an ended request)',
  tags: ['attachments'],
  'x-instance-data': true,
  request: { params: AttachmentParams, body: jsonBody(RemoveAttachmentBody) },
  responses: {
    200: json(z.object({ attachment: AttachmentView }), 'Removed'),
    ...errors({
      400: 'No reason (VALIDATION_FAILED)',
      401: 'Not signed in (UNAUTHENTICATED)',
      403: 'Neither the person who attached it nor a lead (FORBIDDEN)',
      404: 'No such request or file (NOT_FOUND)',
      409: 'Already removed (ATTACHMENT_REMOVED)',
    }),
  },
});
