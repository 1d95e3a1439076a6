import { downloadAttachment } from '@portalflow/contract';
import { pathOf } from '../../api/call.ts';

type Attachment = { instanceId: string; id: string };
const params = (a: Attachment) => ({ id: a.instanceId, attachmentId: a.id });

/**
 * Where a file downloads from: same origin, so the session cookie authorises it and the server can
 * record the download. Only ids go in it — the file's name may name the patient.
 */
export const downloadHref = (a: Attachment): string =>
  `/api${pathOf(downloadAttachment, params(a), undefined)}`;

/** A photo shown in the page (the server sends it inline, sandboxed, and logs a view). */
export const viewHref = (a: Attachment): string =>
  `/api${pathOf(downloadAttachment, params(a), { view: 'inline' })}`;

/** The kinds the server shows in the page; a PDF is always a download. */
export const viewable = (type: string) => type === 'image/png' || type === 'image/jpeg';
