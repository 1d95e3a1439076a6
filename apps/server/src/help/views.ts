import { captionText } from '@portalflow/engine';
import type { HelpClinic, HelpEntry } from '@portalflow/store';

/**
 * What the public help page may show of an entry, picked field by field so nothing added to the
 * record later (authors, status, audience, revisions) can reach anonymous readers by accident.
 */
export interface PublicHelpEntry {
  id: string;
  kind: HelpEntry['kind'];
  language: string;
  category: string;
  tags: string[];
  title: string;
  body: string;
  videoUrl: string | null;
  /** The clinic's own video, with its captions, at public addresses. */
  video: PublicHelpVideo | null;
  updatedAt: string;
  /** Slugs of titles it was published under before (links already sent still open it). */
  earlierSlugs: string[];
  /** The same answer in the other languages: language → entry id. */
  translations: Record<string, string>;
}

export interface PublicHelpVideo {
  src: string;
  type: string;
  captions: Array<{ language: string; src: string }>;
  /** What the video says in the entry's language: read by the page's own search, and a transcript. */
  transcript: string;
}

export const PUBLIC_ENTRY_KEYS = [
  'id',
  'kind',
  'language',
  'category',
  'tags',
  'title',
  'body',
  'videoUrl',
  'video',
  'updatedAt',
  'earlierSlugs',
  'translations',
] as const satisfies ReadonlyArray<keyof PublicHelpEntry>;

/** What the public page knows of an entry beyond its own fields: its links to earlier and other versions. */
export interface PublicLinks {
  earlierSlugs: Map<string, string[]>;
  translations: Map<string, Record<string, string>>;
}

export function publicEntry(e: HelpEntry, links: PublicLinks): PublicHelpEntry {
  return {
    id: e.id,
    kind: e.kind,
    language: e.language,
    category: e.category,
    tags: [...e.tags],
    title: e.title,
    body: e.body,
    videoUrl: e.videoUrl,
    video: publicVideo(e),
    updatedAt: e.updatedAt,
    earlierSlugs: links.earlierSlugs.get(e.id) ?? [],
    translations: links.translations.get(e.id) ?? {},
  };
}

/** Addresses under the public help API; the video's hash in its address makes it immutable. */
function publicVideo(e: HelpEntry): PublicHelpVideo | null {
  if (!e.video) return null;
  const base = `/api/public/help/${e.clinic}/videos/${e.id}`;
  return {
    src: `${base}/${e.video.sha256}`,
    type: e.video.type,
    captions: e.video.captions.map((c) => ({ language: c.language, src: `${base}/captions/${c.language}` })),
    transcript: captionText(e.video.captions.find((c) => c.language === e.language)?.vtt ?? ''),
  };
}

export const publicClinic = (c: HelpClinic) => ({ slug: c.slug, name: c.name });

/** Published entries for patients, the only ones a public route ever reads. */
export const isPublic = (e: HelpEntry) => e.status === 'published' && e.audience === 'patients';
