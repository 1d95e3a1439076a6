import { searchHelp } from '@portalflow/engine';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { isSha256, mediaPath, videoWords } from '../help/media.ts';
import { ClinicSlug, PublicHelpQuery, PublicSearchQuery } from '../help/schemas.ts';
import { isPublic, publicClinic, publicEntry } from '../help/views.ts';
import { cacheableJson } from '../http/cacheable.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { sendFile } from '../http/ranges.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { query } from '../http/validate.ts';

/** Patients' help may be a few minutes old; it changes when staff publish, not per request. */
const MAX_AGE_SECONDS = 300;

/**
 * The public help site's API: published patient entries of one clinic, nothing else — no drafts,
 * staff entries, authors or instance data. No sign-in (credentials are ignored), rate-limited per
 * client and cacheable.
 */
export function publicHelpRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', rateLimit(deps.config.publicRateLimit));

  async function clinicEntries(slugParam: string, lang: string | undefined) {
    const slug = ClinicSlug.safeParse(slugParam);
    const clinic = slug.success ? await deps.store.getHelpClinic(slug.data) : null;
    if (!clinic) throw new ApiError(404, 'NOT_FOUND', 'No help site at this address');
    const entries = (
      await deps.store.listHelpEntries({
        clinic: clinic.slug,
        audience: 'patients',
        status: 'published',
        language: lang,
      })
    ).filter(isPublic);
    return { clinic, entries };
  }

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/public/help/{clinic}',
    summary: "A clinic's published help for patients (no sign-in; rate-limited; cacheable)",
    tag: 'public help',
    query: PublicHelpQuery,
    auth: false,
    responses: { 200: 'The help site', 304: 'Not modified', 404: 'No such clinic', 429: 'Too many requests' },
  });
  app.get('/:clinic', async (c) => {
    const { lang } = query(c, PublicHelpQuery);
    const { clinic, entries } = await clinicEntries(c.req.param('clinic'), lang);
    return cacheableJson(
      c,
      {
        clinic: publicClinic(clinic),
        languages: [...new Set(entries.map((e) => e.language))].sort(),
        entries: entries.map(publicEntry),
      },
      MAX_AGE_SECONDS,
    );
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/public/help/{clinic}/search',
    summary: "Search a clinic's published help for patients, ranked, with highlights",
    tag: 'public help',
    query: PublicSearchQuery,
    auth: false,
    responses: { 200: 'Matches, best first', 404: 'No such clinic', 429: 'Too many requests' },
  });
  app.get('/:clinic/search', async (c) => {
    const { q, lang } = query(c, PublicSearchQuery);
    const { entries } = await clinicEntries(c.req.param('clinic'), lang);
    const matches = searchHelp(
      entries.map((e) => ({ ...e, captions: videoWords(e) })),
      q,
      20,
    );
    return cacheableJson(
      c,
      {
        query: q,
        results: matches.map((m) => ({
          entry: publicEntry(m.entry),
          score: m.score,
          title: m.title,
          snippet: m.snippet,
        })),
      },
      MAX_AGE_SECONDS,
    );
  });
  /** A published patient entry of this clinic with a video, or 404 — the same for any other case. */
  async function publicVideoEntry(clinic: string, id: string) {
    const entry = await deps.store.getHelpEntry(id);
    if (!entry?.video || !isPublic(entry) || entry.clinic !== clinic)
      throw new ApiError(404, 'NOT_FOUND', 'No such video');
    return { ...entry, video: entry.video };
  }

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/public/help/{clinic}/videos/{id}/{sha256}',
    summary:
      "A published patient entry's video: range requests (206, 416), strong ETag, cached as immutable (the address names its content)",
    tag: 'public help',
    auth: false,
    responses: {
      200: 'The file',
      206: 'Part of the file',
      304: 'Not modified',
      404: 'No such video',
      416: 'Range not satisfiable',
    },
  });
  app.get('/:clinic/videos/:id/:sha256', async (c) => {
    const entry = await publicVideoEntry(c.req.param('clinic'), c.req.param('id'));
    const sha256 = c.req.param('sha256');
    if (!isSha256(sha256) || entry.video.sha256 !== sha256)
      throw new ApiError(404, 'NOT_FOUND', 'No such video');
    return sendFile(c, {
      path: mediaPath(deps.config.mediaDir, sha256),
      sha256,
      type: entry.video.type,
      cacheControl: 'public, max-age=31536000, immutable',
    });
  });

  docs.add({
    instanceData: false,
    method: 'get',
    path: '/api/public/help/{clinic}/videos/{id}/captions/{language}',
    summary: "A published patient video's WebVTT captions in one language",
    tag: 'public help',
    auth: false,
    responses: { 200: 'text/vtt', 404: 'No such captions' },
  });
  app.get('/:clinic/videos/:id/captions/:language', async (c) => {
    const entry = await publicVideoEntry(c.req.param('clinic'), c.req.param('id'));
    const captions = entry.video.captions.find((x) => x.language === c.req.param('language'));
    if (!captions) throw new ApiError(404, 'NOT_FOUND', 'No captions in that language');
    return c.body(captions.vtt, 200, {
      'Content-Type': 'text/vtt; charset=utf-8',
      'Cache-Control': `public, max-age=${MAX_AGE_SECONDS}`,
    });
  });
  return app;
}
