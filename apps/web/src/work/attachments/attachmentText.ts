import { ATTACHMENT_TYPES, type AttachmentType } from '@portalflow/contract';

const KB = 1024;
const MB = 1024 * 1024;

/**
 * A file's size as people read it on their computer ("182 KB", "1.4 MB"). Binary units, so the
 * contract's limit of 10 × 1024 × 1024 bytes reads "10 MB", as the file's properties would say.
 */
export function sizeText(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'size unknown';
  if (bytes < KB) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  const kb = Math.round(bytes / KB);
  if (kb < 1024) return `${kb} KB`;
  const mb = bytes / MB;
  // One decimal while it tells something ("1.4 MB"), none once it would only be noise ("12 MB").
  const shown = mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb);
  return `${shown} MB`;
}

const TYPE_WORDS: Record<AttachmentType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG image',
  'image/png': 'PNG image',
};

/** "PDF", "JPEG image", "PNG image"; an unexpected type is named as the server gave it. */
export function typeText(type: string): string {
  return (ATTACHMENT_TYPES as readonly string[]).includes(type) ? TYPE_WORDS[type as AttachmentType] : type;
}

/** "PDF · 182 KB": what a row says about the file before who attached it. */
export const fileSummary = (file: { type: string; bytes: number }): string =>
  `${typeText(file.type)} · ${sizeText(file.bytes)}`;

/** The kinds of file that may be attached, as a sentence ("PDF, JPEG or PNG"). */
export const ALLOWED_TYPES_TEXT = 'PDF, JPEG or PNG';

/**
 * Words for the server's refusal to attach. The server is the authority: its message is shown, except
 * where its catalogue wording is about notes or counts bytes, which would puzzle whoever attached.
 */
export function attachRefusalText(refusal: { code: string; message: string; details?: unknown }): string {
  switch (refusal.code) {
    case 'ATTACHMENT_TOO_LARGE': {
      const limit = limitOf(refusal.details) ?? limitOf(refusal.message);
      return limit
        ? `The file is larger than the ${sizeText(limit)} this clinic allows. Scan it at a lower resolution or in black and white, or split it, and attach it again.`
        : refusal.message;
    }
    case 'ATTACHMENT_TYPE_UNSUPPORTED':
      return `${refusal.message.replace(/\.?$/, '.')} Open it and save or print it as a PDF, then attach that.`;
    case 'REQUEST_CLOSED':
      return 'This request has ended, so no more files can be attached to it.';
    case 'TASK_CLOSED':
      return 'This step was finished meanwhile, so files can no longer be attached on it.';
    default:
      return refusal.message;
  }
}

/** The byte limit a refusal names, in its details (`{ limitBytes }`) or its message. */
function limitOf(from: unknown): number | null {
  if (typeof from === 'object' && from !== null) {
    const { limitBytes, limit } = from as { limitBytes?: unknown; limit?: unknown };
    const bytes = Number(limitBytes ?? limit);
    return Number.isFinite(bytes) && bytes > 0 ? bytes : null;
  }
  if (typeof from === 'string') {
    const digits = /(\d{4,}) bytes/.exec(from)?.[1];
    return digits ? Number(digits) : null;
  }
  return null;
}
