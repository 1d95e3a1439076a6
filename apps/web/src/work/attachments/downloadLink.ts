import { downloadAttachment } from '@portalflow/contract';
import { pathOf } from '../../api/call.ts';

/**
 * Where a file downloads from: same origin, so the session cookie authorises it and the server can
 * record the download. Only ids go in it — the file's name may name the patient.
 */
export const downloadHref = (attachment: { instanceId: string; id: string }): string =>
  `/api${pathOf(downloadAttachment, { id: attachment.instanceId, attachmentId: attachment.id }, undefined)}`;
