import type { AttachmentView } from '@portalflow/contract';
import { type Definition, stepTitle } from '@portalflow/engine';
import type { AttachmentRecord } from '@portalflow/store';

/** Stored attachments as the API shows them: the step named by its title in the request's version. */
export function attachmentViews(
  records: readonly AttachmentRecord[],
  definition: Definition,
): AttachmentView[] {
  return records.map((r) => ({
    id: r.id,
    instanceId: r.instanceId,
    taskId: r.taskId,
    step: r.step,
    stepTitle: r.step ? stepTitle(definition, r.step) : null,
    name: r.name,
    type: r.type as AttachmentView['type'],
    bytes: r.bytes,
    sha256: r.sha256,
    authorId: r.authorId,
    authorRole: r.authorRole,
    at: r.at,
    removed: r.removed,
  }));
}
