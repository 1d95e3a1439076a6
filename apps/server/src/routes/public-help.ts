import { searchHelp } from '@portalflow/engine';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { ClinicSlug, PublicHelpQuery, PublicSearchQuery } from '../help/schemas.ts';
import { isPublic, publicClinic, publicEntry } from '../help/views.ts';
import { cacheableJson } from '../http/cacheable.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
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
    const matches = searchHelp(entries.map(publicEntry), q, 20);
    return cacheableJson(
      c,
      {
        query: q,
        results: matches.map((m) => ({ entry: m.entry, score: m.score, title: m.title, snippet: m.snippet })),
      },
      MAX_AGE_SECONDS,
    );
  });
  return app;
}
