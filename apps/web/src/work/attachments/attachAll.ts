import { addAttachment } from '@portalflow/contract';
import { callMultipart } from '../../api/callMultipart.ts';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { attachRefusalText, fileSummary } from './attachmentText.ts';
import { checkFile, headOf } from './fileCheck.ts';

/** A file chosen to attach, checked in the browser, waiting to be sent. */
export interface PendingFile {
  file: File;
  /** "PDF · 182 KB". */
  summary: string;
  /** Made when the file is chosen, so sending it again (a retry) attaches it once. */
  key: string;
}

/** A file the server did not take, and why, in words. */
export interface AttachFailure {
  pending: PendingFile;
  message: string;
}

/** Checks a chosen file (kind and size, read from its bytes): ready to send, or why not. */
export async function pendingFile(
  file: File,
  maxBytes: number,
): Promise<{ ok: true; pending: PendingFile } | { ok: false; message: string }> {
  const check = checkFile(file, await headOf(file), maxBytes);
  if (!check.ok) return check;
  return {
    ok: true,
    pending: { file, summary: fileSummary({ type: check.type, bytes: file.size }), key: newIdempotencyKey() },
  };
}

/**
 * Sends the files one after another to a request (on its task, if one is given) and answers the ones
 * not attached, each with the reason. One at a time: a clinic's upload line is often the slow part,
 * and a refusal of one file must not lose the others.
 */
export async function attachAll(
  instanceId: string,
  taskId: string | undefined,
  files: readonly PendingFile[],
  onSent?: (done: number) => void,
): Promise<AttachFailure[]> {
  const failures: AttachFailure[] = [];
  let done = 0;
  for (const pending of files) {
    try {
      await callMultipart(addAttachment, {
        params: { id: instanceId },
        parts: { file: pending.file, taskId },
        idempotencyKey: pending.key,
      });
    } catch (error) {
      failures.push({
        pending,
        message:
          error instanceof ApiError
            ? attachRefusalText(error)
            : 'It could not be sent: check the connection and try again.',
      });
    }
    onSent?.(++done);
  }
  return failures;
}
