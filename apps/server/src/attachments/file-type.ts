import type { AttachmentType } from '@portalflow/contract';

/**
 * What the bytes are, by their signature, never by the name or the type the browser declared: a file
 * named `statement.pdf` holding HTML is refused, so nothing a browser could run is ever served back.
 */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  const starts = (...signature: number[]) =>
    bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

const EXTENSION: Record<AttachmentType, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
};

/**
 * The name kept for a file: its last path part, without control characters, at most 200 characters,
 * ending in its type's extension (so a download opens in the right program whatever it was called).
 */
export function attachmentName(given: string, type: AttachmentType): string {
  const base = (given.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  const extension = EXTENSION[type];
  const stem = (base || 'attachment').replace(/\.(pdf|jpe?g|png)$/i, '').slice(0, 200 - extension.length);
  return `${stem || 'attachment'}${extension}`;
}
