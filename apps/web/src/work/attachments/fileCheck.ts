import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentType } from '@portalflow/contract';
import { ALLOWED_TYPES_TEXT, sizeText, typeText } from './attachmentText.ts';

/** How many bytes from the start of a file `sniffType` needs. */
export const HEAD_BYTES = 8;

/** What the file chooser offers: the types by name and by extension (some systems know only one). */
export const ACCEPT = [...ATTACHMENT_TYPES, '.pdf', '.jpg', '.jpeg', '.png'].join(',');

const SIGNATURES: ReadonlyArray<{ type: AttachmentType; bytes: readonly number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * The file's type from its first bytes, as the server reads it: a name ending in ".pdf" says nothing
 * about a Word file renamed, or a page saved from a browser.
 */
export function sniffType(head: Uint8Array): AttachmentType | null {
  return (
    SIGNATURES.find(({ bytes }) => bytes.length <= head.length && bytes.every((b, i) => head[i] === b))
      ?.type ?? null
  );
}

/** The type a file claims by its name, then by what the browser guessed from that name. */
function claimedType(file: { name: string; type: string }): AttachmentType | null {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (extension === 'pdf') return 'application/pdf';
  if (extension === 'jpg' || extension === 'jpeg') return 'image/jpeg';
  if (extension === 'png') return 'image/png';
  return (ATTACHMENT_TYPES as readonly string[]).includes(file.type) ? (file.type as AttachmentType) : null;
}

export type FileCheck = { ok: true; type: AttachmentType } | { ok: false; message: string };

/**
 * Whether a chosen file may be attached, said before anything is sent: too large, empty, or not a PDF,
 * JPEG or PNG by its contents. The server checks again and has the last word.
 */
export function checkFile(
  file: { name: string; type: string; size: number },
  head: Uint8Array,
  maxBytes: number = ATTACHMENT_MAX_BYTES,
): FileCheck {
  if (file.size > maxBytes) {
    const limit = sizeText(maxBytes);
    // Rounded, a file a little too large reads as large as the limit: "10 MB; files up to 10 MB".
    const size = sizeText(file.size) === limit ? `just over ${limit}` : sizeText(file.size);
    return {
      ok: false,
      message: `“${file.name}” is ${size}; files up to ${limit} can be attached. Scan it at a lower resolution or in black and white, or split it, and attach the parts.`,
    };
  }
  if (file.size === 0) {
    return {
      ok: false,
      message: `“${file.name}” is empty. Choose it again, or scan the paper again.`,
    };
  }
  const type = sniffType(head);
  if (type) return { ok: true, type };
  const claimed = claimedType(file);
  return {
    ok: false,
    message: claimed
      ? `“${file.name}” is named like a ${typeText(claimed)}, but its contents are not one: it may be damaged or saved in another format. Open it and save or print it as a PDF, then attach that.`
      : `“${file.name}” cannot be attached: only ${ALLOWED_TYPES_TEXT} files can. Save or print it as a PDF, or take a photo of the paper.`,
  };
}

/** The first bytes of a chosen file, for `checkFile`. */
export async function headOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
}
