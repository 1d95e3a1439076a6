import {
  ClinicSlug,
  publicHelpCaptions,
  publicHelpHours,
  publicHelpSearch,
  publicHelpSite,
  publicHelpVideo,
} from '@portalflow/contract';
import { searchHelp } from '@portalflow/engine';
import { etag } from 'hono/etag';
import { publicHours } from '../clinic/public-hours.ts';
import type { AppDeps } from '../deps.ts';
import { earlierAddresses } from '../help/earlier-addresses.ts';
import { earlierSlugsOf } from '../help/earlier-slugs.ts';
import { isSha256, mediaPath, videoWords } from '../help/media.ts';
import { translationsOf } from '../help/translations.ts';
import { isPublic, type PublicLinks, publicClinic, publicEntry } from '../help/views.ts';
import { clientAddress } from '../http/client.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { sendFile } from '../http/ranges.ts';
import { rateLimit } from '../http/rate-limit.ts';

/**
 * Patients' help is asked for again on every look (a 304 through the ETag when unchanged): an answer
 * unpublished because it was wrong must be gone from a phone, and from any shared cache, at once.
 */
const CACHE_CONTROL = 'public, no-cache';
/** A closure added this morning must reach a patient's phone within about a minute. */
const HOURS_CACHE_CONTROL = 'public, max-age=60';

/**
 * The public help site's API: published patient entries of one clinic, nothing else — no drafts,
 * staff entries, authors or instance data. No sign-in (credentials are ignored), rate-limited per
 * client and cacheable.
 */
export function publicHelpRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  app.use(
    '/api/public/help/*',
    rateLimit({ ...deps.config.publicRateLimit, key: (c) => clientAddress(c, deps.config) }),
  );
  // The two JSON answers are the same for every caller: shared caches keep them, and a revalidation
  // costs a 304 (Hono's ETag middleware; the videos carry their own content hash as ETag).
  for (const path of ['/api/public/help/:clinic', '/api/public/help/:clinic/search'])
    app.use(path, etag(), async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', CACHE_CONTROL);
    });
  app.use('/api/public/help/:clinic/hours', etag(), async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', HOURS_CACHE_CONTROL);
  });

  async function clinicEntries(slugParam: string, lang: string | undefined) {
    const slug = ClinicSlug.safeParse(slugParam);
    const clinic = slug.success ? await deps.store.getHelpClinic(slug.data) : null;
    if (!clinic) throw new ApiError(404, 'NOT_FOUND', 'No help site at this address');
    // Every language's published answers: a translation link names the answer in the others.
    const all = (
      await deps.store.listHelpEntries({ clinic: clinic.slug, audience: 'patients', status: 'published' })
    ).filter(isPublic);
    const links: PublicLinks = {
      earlierSlugs: await earlierAddresses(deps.store).get(clinic.slug, async () =>
        earlierSlugsOf(all, await deps.store.listHelpClinicChanges(clinic.slug)),
      ),
      translations: translationsOf(all),
    };
    const entries = lang === undefined ? all : all.filter((e) => e.language === lang);
    return { clinic, entries, links };
  }

  app.openapi(declared(docs, publicHelpSite), async (c) => {
    const { lang } = c.req.valid('query');
    const { clinic, entries, links } = await clinicEntries(c.req.valid('param').clinic, lang);
    return c.json(
      {
        clinic: publicClinic(clinic),
        languages: [...new Set(entries.map((e) => e.language))].sort(),
        entries: entries.map((e) => publicEntry(e, links)),
        hours: await publicHours(deps, lang),
      },
      200,
    );
  });

  app.openapi(declared(docs, publicHelpHours), async (c) => {
    const slug = ClinicSlug.safeParse(c.req.valid('param').clinic);
    if (!slug.success || !(await deps.store.getHelpClinic(slug.data)))
      throw new ApiError(404, 'NOT_FOUND', 'No help site at this address');
    return c.json(await publicHours(deps, c.req.valid('query').lang), 200);
  });

  app.openapi(declared(docs, publicHelpSearch), async (c) => {
    const { q, lang } = c.req.valid('query');
    const { entries, links } = await clinicEntries(c.req.valid('param').clinic, lang);
    const matches = searchHelp(
      entries.map((e) => ({ ...e, captions: videoWords(e) })),
      q,
      20,
    );
    return c.json(
      {
        query: q,
        results: matches.map((m) => ({
          entry: publicEntry(m.entry, links),
          score: m.score,
          title: m.title,
          snippet: m.snippet,
        })),
      },
      200,
    );
  });
  /** A published patient entry of this clinic with a video, or 404 — the same for any other case. */
  async function publicVideoEntry(clinic: string, id: string) {
    const entry = await deps.store.getHelpEntry(id);
    if (!entry?.video || !isPublic(entry) || entry.clinic !== clinic)
      throw new ApiError(404, 'NOT_FOUND', 'No such video');
    return { ...entry, video: entry.video };
  }

  app.openapi(declared(docs, publicHelpVideo), async (c) => {
    const { clinic, id, sha256 } = c.req.valid('param');
    const entry = await publicVideoEntry(clinic, id);
    if (!isSha256(sha256) || entry.video.sha256 !== sha256)
      throw new ApiError(404, 'NOT_FOUND', 'No such video');
    return sendFile(c, {
      path: mediaPath(deps.config.mediaDir, sha256),
      sha256,
      type: entry.video.type,
      cacheControl: 'public, max-age=31536000, immutable',
    });
  });

  app.openapi(declared(docs, publicHelpCaptions), async (c) => {
    const { clinic, id, language } = c.req.valid('param');
    const entry = await publicVideoEntry(clinic, id);
    const captions = entry.video.captions.find((x) => x.language === language);
    if (!captions) throw new ApiError(404, 'NOT_FOUND', 'No captions in that language');
    return c.body(captions.vtt, 200, {
      'Content-Type': 'text/vtt; charset=utf-8',
      'Cache-Control': CACHE_CONTROL,
    });
  });
  return app;
}
