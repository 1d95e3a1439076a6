import { captionText, parseWebVtt } from '@portalflow/engine';
import type { HelpCaptions, HelpEntry, HelpVideo } from '@portalflow/store';
import { contentPath, isSha256, removeBytes, storeBytes } from '../files/content-addressed.ts';
import { ApiError } from '../http/errors.ts';

/**
 * Help videos on disk: each file is named by the SHA-256 of its bytes in the media directory beside
 * the database. Content addressing makes every file immutable (cacheable forever, safe to dedupe),
 * keeps large bytes out of the database (no blobs in WAL, backups or the change feed), and lets the
 * server answer range requests from the file. The entry row holds only the hash, type, size and
 * captions (small text that search indexes).
 */

export { isSha256 };
export const mediaPath = contentPath;

/** What the bytes are, by their signature, never by the name or the declared type. */
export function sniffVideoType(bytes: Uint8Array): HelpVideo['type'] | null {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp') return 'video/mp4';
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x1a &&
    bytes[1] === 0x45 &&
    bytes[2] === 0xdf &&
    bytes[3] === 0xa3 &&
    ascii(0, 64).includes('webm')
  )
    return 'video/webm';
  return null;
}

const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/;

/** Form fields named `captions-<language>` (e.g. `captions-en`, `captions-es`) carry WebVTT files. */
export async function readCaptions(
  form: Record<string, unknown>,
  entryLanguage: string,
): Promise<HelpCaptions[]> {
  const captions: HelpCaptions[] = [];
  for (const [name, value] of Object.entries(form)) {
    if (!name.startsWith('captions-')) continue;
    const language = name.slice('captions-'.length);
    if (!LANGUAGE.test(language))
      throw new ApiError(
        400,
        'CAPTIONS_INVALID',
        `'${name}': name caption files captions-<language>, e.g. captions-es`,
      );
    const vtt = value instanceof Blob ? await value.text() : String(value);
    const parsed = parseWebVtt(vtt);
    if (!parsed.ok)
      throw new ApiError(
        400,
        'CAPTIONS_INVALID',
        `Captions (${language}) line ${parsed.line}: ${parsed.message}`,
        {
          language,
          line: parsed.line,
        },
      );
    captions.push({ language, vtt: vtt.replace(/^\uFEFF/, '') });
  }
  if (!captions.some((c) => c.language === entryLanguage))
    throw new ApiError(
      400,
      'CAPTIONS_REQUIRED',
      `A video needs WebVTT captions in the entry's language (field captions-${entryLanguage}); patients who cannot hear it must be able to read it`,
    );
  return captions.sort((a, b) => a.language.localeCompare(b.language));
}

export const storeVideo = storeBytes;
export const removeVideo = removeBytes;

/** All the words an entry's video says, in every caption language, for search. */
export const videoWords = (e: Pick<HelpEntry, 'video'>) =>
  e.video?.captions.map((c) => captionText(c.vtt)).join('\n') ?? '';
