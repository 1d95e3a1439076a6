import { safeHref } from '@portalflow/engine';
import type { Range } from '@portalflow/engine/text';
import { z } from 'zod';
import { ClinicClock } from './clinic-config.ts';
import { engineShape, IdParams } from './common.ts';
import { errors, json, jsonBody, route } from './route.ts';

export const ClinicSlug = z
  .string()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');

const VideoUrl = z
  .string()
  .max(500)
  .refine((u) => safeHref(u)?.startsWith('https://') ?? false, 'an https:// link');
const EntryId = z.string().min(1).max(100);
const Language = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/, 'a language tag such as en or es');
export const HelpKind = z.enum(['faq', 'howto']);
export const HelpAudience = z.enum(['staff', 'patients']);
export const HelpStatus = z.enum(['draft', 'published']);
export type HelpKind = z.infer<typeof HelpKind>;
export type HelpAudience = z.infer<typeof HelpAudience>;
export type HelpStatus = z.infer<typeof HelpStatus>;

/** The fields an author writes; see the markup subset in @portalflow/engine (`parseMarkup`). */
export const HelpContentBody = z
  .object({
    kind: HelpKind,
    audience: HelpAudience,
    language: Language.default('en'),
    category: z.string().trim().min(1).max(80),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    title: z.string().trim().min(3).max(200),
    body: z.string().trim().min(1).max(8000),
    videoUrl: VideoUrl.nullable().default(null),
    /** The same answer in another language of this clinic (its entry id): the public page switches between them. */
    translationOf: EntryId.nullable().default(null),
  })
  .strict();
export type HelpContent = z.infer<typeof HelpContentBody>;

export const CreateHelpEntryBody = HelpContentBody.extend({ clinic: ClinicSlug }).strict();

export const UpdateHelpEntryBody = z
  .object({
    revision: z.number().int().min(1),
    kind: HelpKind.optional(),
    audience: HelpAudience.optional(),
    language: Language.optional(),
    category: z.string().trim().min(1).max(80).optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    title: z.string().trim().min(3).max(200).optional(),
    body: z.string().trim().min(1).max(8000).optional(),
    videoUrl: VideoUrl.nullable().optional(),
    translationOf: EntryId.nullable().optional(),
  })
  .strict();

export const RevisionBody = z.object({ revision: z.number().int().min(1) }).strict();
export const RevisionQuery = z.object({ revision: z.coerce.number().int().min(1) }).strict();

export const HelpClinic = z.object({ slug: z.string(), name: z.string() });
export type HelpClinic = z.infer<typeof HelpClinic>;

/** A clinic-made video on an entry: the file by its hash, captions per language. */
export const HelpVideoRecord = z.object({
  sha256: z.string(),
  type: z.enum(['video/mp4', 'video/webm']),
  bytes: z.number().int(),
  captions: z.array(z.object({ language: z.string(), vtt: z.string() })),
});
export type HelpVideoRecord = z.infer<typeof HelpVideoRecord>;

/** A help entry as staff see it. */
export const HelpEntry = z.object({
  id: z.string(),
  clinic: z.string(),
  kind: HelpKind,
  audience: HelpAudience,
  language: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  title: z.string(),
  body: z.string(),
  videoUrl: z.string().nullable(),
  /** Uploaded through the API (`POST /api/help/entries/{id}/video`); played in the FAQ. */
  video: HelpVideoRecord.nullable(),
  /** The same answer in another language (an entry id), as its writer linked them. */
  translationOf: z.string().nullable(),
  status: HelpStatus,
  revision: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type HelpEntry = z.infer<typeof HelpEntry>;

export const HelpEntryChange = z.object({
  entryId: z.string(),
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  action: z.enum(['created', 'edited', 'published', 'unpublished', 'deleted']),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});
export type HelpEntryChange = z.infer<typeof HelpEntryChange>;

const ranges = engineShape<Range[]>('Matched character ranges');
/** A ranked search hit: highlighted title words and a snippet around the first match. */
export const HelpMatch = z.object({
  id: z.string(),
  score: z.number(),
  title: ranges,
  snippet: z.object({ text: z.string(), ranges }),
});

const signedIn = { 401: 'Not signed in (UNAUTHENTICATED)' } as const;
const writer = { ...signedIn, 403: 'Not a help writer (FORBIDDEN)' } as const;
const entryAnswer = json(z.object({ entry: HelpEntry }), 'The entry');
const slugParams = z.object({ slug: ClinicSlug });

export const listHelpClinics = route({
  method: 'get',
  path: '/api/help/clinics',
  summary: 'Clinics with a help site',
  tags: ['help'],
  'x-instance-data': false,
  responses: { 200: json(z.object({ clinics: z.array(HelpClinic) }), 'The clinics'), ...errors(signedIn) },
});

export const putHelpClinic = route({
  method: 'put',
  path: '/api/help/clinics/{slug}',
  summary: "Create or rename a clinic's help site (admins, designers, portal enrollment specialists)",
  tags: ['help'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: {
    params: slugParams,
    body: jsonBody(z.object({ name: z.string().trim().min(2).max(120) }).strict()),
  },
  responses: {
    200: json(z.object({ clinic: HelpClinic }), 'Saved'),
    ...errors({ ...writer, 400: 'Bad slug or name (VALIDATION_FAILED)' }),
  },
});

export const listHelpEntries = route({
  method: 'get',
  path: '/api/help/entries',
  summary:
    'Help entries (writers also see drafts); with `q`, ranked matches with highlighted title words and a snippet',
  tags: ['help'],
  'x-instance-data': false,
  request: {
    query: z
      .object({
        clinic: ClinicSlug.optional(),
        audience: HelpAudience.optional(),
        status: HelpStatus.optional(),
        language: z.string().max(20).optional(),
        q: z.string().max(200).optional(),
      })
      .strict(),
  },
  responses: {
    200: json(
      z.object({ entries: z.array(HelpEntry), matches: z.array(HelpMatch).optional() }),
      'Entries, and with `q` the matches in rank order',
    ),
    ...errors(signedIn),
  },
});

export const createHelpEntry = route({
  method: 'post',
  path: '/api/help/entries',
  summary: 'Write a new entry (a draft unless published later)',
  tags: ['help'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { body: jsonBody(CreateHelpEntryBody) },
  responses: {
    201: { ...entryAnswer, description: 'Created' },
    ...errors({ ...writer, 404: 'No such clinic (NOT_FOUND)' }),
  },
});

export const getHelpEntry = route({
  method: 'get',
  path: '/api/help/entries/{id}',
  summary: 'One entry',
  tags: ['help'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: { 200: entryAnswer, ...errors({ ...signedIn, 404: 'No such entry (NOT_FOUND)' }) },
});

const stale = {
  ...writer,
  404: 'No such entry (NOT_FOUND)',
  409: 'Stale revision: the current entry is in details (STALE_REVISION)',
} as const;

export const updateHelpEntry = route({
  method: 'put',
  path: '/api/help/entries/{id}',
  summary: 'Edit the given fields; refused (409) when someone changed the entry since `revision`',
  tags: ['help'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(UpdateHelpEntryBody) },
  responses: { 200: entryAnswer, ...errors(stale) },
});

export const publishHelpEntry = route({
  method: 'post',
  path: '/api/help/entries/{id}/publish',
  summary: 'Publish the entry to its audience',
  tags: ['help'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(RevisionBody) },
  responses: { 200: entryAnswer, ...errors(stale) },
});

export const unpublishHelpEntry = route({
  method: 'post',
  path: '/api/help/entries/{id}/unpublish',
  summary: 'Take the entry back to draft',
  tags: ['help'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, body: jsonBody(RevisionBody) },
  responses: { 200: entryAnswer, ...errors(stale) },
});

export const deleteHelpEntry = route({
  method: 'delete',
  path: '/api/help/entries/{id}',
  summary: 'Delete the entry as of `revision`; its edit history stays',
  tags: ['help'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams, query: RevisionQuery },
  responses: { 200: entryAnswer, ...errors(stale) },
});

export const helpEntryChanges = route({
  method: 'get',
  path: '/api/help/entries/{id}/changes',
  summary: 'Who changed the entry, when, and each field old → new (writers and auditors)',
  tags: ['help'],
  'x-instance-data': false,
  request: { params: IdParams },
  responses: {
    200: json(z.object({ changes: z.array(HelpEntryChange) }), 'The edit history'),
    ...errors({ ...signedIn, 403: 'Not a writer or auditor (FORBIDDEN)', 404: 'No such entry (NOT_FOUND)' }),
  },
});

const videoParams = z.object({ id: z.string(), sha256: z.string() });
const captionParams = z.object({ id: z.string(), language: z.string() });
const fileAnswer = (description: string) => ({
  description,
  content: { 'video/mp4': { schema: z.string() }, 'video/webm': { schema: z.string() } },
});
const captionsAnswer = { description: 'WebVTT', content: { 'text/vtt': { schema: z.string() } } };

export const attachHelpVideo = route({
  method: 'post',
  path: '/api/help/entries/{id}/video',
  summary:
    "Attach a video (multipart: revision, video = MP4 or WebM, captions-<lang> = WebVTT, the entry's language required; help writers)",
  tags: ['help'],
  'x-instance-data': false,
  'x-idempotent': true,
  request: { params: IdParams },
  responses: {
    200: { ...entryAnswer, description: 'Attached; the edit is in the entry history' },
    ...errors({
      ...stale,
      400: 'VIDEO_MISSING, CAPTIONS_REQUIRED or CAPTIONS_INVALID',
      413: 'VIDEO_TOO_LARGE',
      415: 'VIDEO_TYPE_UNSUPPORTED or UNSUPPORTED_MEDIA_TYPE',
    }),
  },
});

export const removeHelpVideo = route({
  method: 'delete',
  path: '/api/help/entries/{id}/video',
  summary: 'Take the video off the entry as of `revision` (the file stays: other entries may share it)',
  tags: ['help'],
  'x-instance-data': false,
  request: { params: IdParams, query: RevisionQuery },
  responses: { 200: { ...entryAnswer, description: 'Removed' }, ...errors(stale) },
});

export const playHelpVideo = route({
  method: 'get',
  path: '/api/help/entries/{id}/video/{sha256}',
  summary: 'Play the video (range requests: 206, 416; no-store)',
  tags: ['help'],
  'x-instance-data': false,
  request: { params: videoParams },
  responses: {
    200: fileAnswer('The file'),
    206: fileAnswer('Part of the file'),
    ...errors({ ...signedIn, 404: 'No such video (NOT_FOUND)' }),
  },
});

export const helpVideoCaptions = route({
  method: 'get',
  path: '/api/help/entries/{id}/captions/{language}',
  summary: "The video's WebVTT captions in one language",
  tags: ['help'],
  'x-instance-data': false,
  request: { params: captionParams },
  responses: { 200: captionsAnswer, ...errors({ ...signedIn, 404: 'No such captions (NOT_FOUND)' }) },
});

/** What the public help page may show of an entry: picked field by field, nothing about authors. */
export const PublicHelpVideo = z.object({
  src: z.string(),
  type: z.string(),
  captions: z.array(z.object({ language: z.string(), src: z.string() })),
  /** What the video says in the entry's language: read by the page's own search, and a transcript. */
  transcript: z.string(),
});
export type PublicHelpVideo = z.infer<typeof PublicHelpVideo>;

export const PublicHelpEntry = z.object({
  id: z.string(),
  kind: HelpKind,
  language: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  title: z.string(),
  body: z.string(),
  videoUrl: z.string().nullable(),
  /** The clinic's own video, with its captions, at public addresses. */
  video: PublicHelpVideo.nullable(),
  updatedAt: z.string(),
  /**
   * The answer's addresses before it was renamed (`/help/<clinic>/<lang>/<slug>`, slugs of titles it
   * was published under): links already sent still open it.
   */
  earlierSlugs: z.array(z.string()),
  /** The same answer in the other languages: language → entry id, for the page to switch to. */
  translations: z.record(z.string(), z.string()),
});
export type PublicHelpEntry = z.infer<typeof PublicHelpEntry>;

/** When the clinic is open, for patients: the week, and the closed days coming up. */
export const PublicClinicHours = z.object({
  /** The clinic's IANA time zone: the times are its wall-clock times. */
  timeZone: z.string(),
  /** The clinic's clock, for the page to write the times as staff do (missing from older answers: 12-hour). */
  clock: ClinicClock.optional(),
  /** Monday first; an empty `open` is a closed day. */
  week: z.array(
    z.object({
      day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
      open: z.array(z.tuple([z.string(), z.string()])),
    }),
  ),
  /** Closed days from today on, soonest first (the next 60 days, at most 10). */
  closures: z.array(
    z.object({
      date: z.string(),
      /** Asked in a language (`lang`): its name in that language where the clinic gave one, else the one name staff use. */
      name: z.string().optional(),
      /** Asked in a language: the language `name` is written in (`en` for the name staff use). */
      lang: z.string().optional(),
    }),
  ),
});
export type PublicClinicHours = z.infer<typeof PublicClinicHours>;

export const PublicHelpSite = z.object({
  clinic: HelpClinic,
  languages: z.array(z.string()),
  entries: z.array(PublicHelpEntry),
  /**
   * The clinic's opening hours and coming closed days, as of this answer (which caches keep for
   * minutes): the page reads the fresh ones from `GET /api/public/help/{clinic}/hours`.
   */
  hours: PublicClinicHours,
});
export type PublicHelpSite = z.infer<typeof PublicHelpSite>;

const publicErrors = errors({
  404: 'No help site at this address (NOT_FOUND)',
  429: 'Too many requests (RATE_LIMITED)',
});
const clinicParams = z.object({ clinic: z.string() });

export const publicHelpSite = route({
  method: 'get',
  path: '/api/public/help/{clinic}',
  summary: "A clinic's published help for patients (no sign-in; rate-limited; cacheable, 304 when unchanged)",
  tags: ['public help'],
  'x-instance-data': false,
  'x-public': true,
  request: { params: clinicParams, query: z.object({ lang: z.string().max(20).optional() }).strict() },
  responses: { 200: json(PublicHelpSite, 'The help site'), ...publicErrors },
});

/** Apart from the help entries: a closure is urgent news, so caches keep this for a minute at most. */
export const publicHelpHours = route({
  method: 'get',
  path: '/api/public/help/{clinic}/hours',
  summary:
    "The clinic's opening hours and coming closed days, for patients (no sign-in; rate-limited; cacheable for a minute, 304 when unchanged)",
  tags: ['public help'],
  'x-instance-data': false,
  'x-public': true,
  request: {
    params: clinicParams,
    /** The page's language: closed days are named in it where the clinic named them so. */
    query: z.object({ lang: z.string().max(20).optional() }).strict(),
  },
  responses: { 200: json(PublicClinicHours, 'The hours and closed days'), ...publicErrors },
});

export const publicHelpSearch = route({
  method: 'get',
  path: '/api/public/help/{clinic}/search',
  summary: "Search a clinic's published patient help, ranked, with highlights (no sign-in; rate-limited)",
  tags: ['public help'],
  'x-instance-data': false,
  'x-public': true,
  request: {
    params: clinicParams,
    query: z.object({ q: z.string().trim().min(1).max(200), lang: z.string().max(20).optional() }).strict(),
  },
  responses: {
    200: json(
      z.object({
        query: z.string(),
        results: z.array(
          z.object({
            entry: PublicHelpEntry,
            score: z.number(),
            title: ranges,
            snippet: z.object({ text: z.string(), ranges }),
          }),
        ),
      }),
      'Matches, best first',
    ),
    ...publicErrors,
  },
});

export const publicHelpVideo = route({
  method: 'get',
  path: '/api/public/help/{clinic}/videos/{id}/{sha256}',
  summary:
    "A published patient entry's video: range requests (206, 416), strong ETag, cached as immutable (the address names its content)",
  tags: ['public help'],
  'x-instance-data': false,
  'x-public': true,
  request: { params: videoParams.extend(clinicParams.shape) },
  responses: { 200: fileAnswer('The file'), 206: fileAnswer('Part of the file'), ...publicErrors },
});

export const publicHelpCaptions = route({
  method: 'get',
  path: '/api/public/help/{clinic}/videos/{id}/captions/{language}',
  summary: "A published patient video's WebVTT captions in one language",
  tags: ['public help'],
  'x-instance-data': false,
  'x-public': true,
  request: { params: captionParams.extend(clinicParams.shape) },
  responses: { 200: captionsAnswer, ...publicErrors },
});
