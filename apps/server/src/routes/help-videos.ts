import { attachHelpVideo, helpVideoCaptions, playHelpVideo, removeHelpVideo } from '@portalflow/contract';
import type { HelpEntry } from '@portalflow/store';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requireUser } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { canWriteHelp, requireHelpWriter } from '../help/access.ts';
import { helpEdited } from '../help/edited.ts';
import { isSha256, mediaPath, readCaptions, removeVideo, sniffVideoType, storeVideo } from '../help/media.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { sendFile } from '../http/ranges.ts';
import { once } from './help.ts';

/** Room for the captions and form framing on top of the video itself. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

const notFound = (id: string) => new ApiError(404, 'NOT_FOUND', `Help entry '${id}' does not exist`);

const stale = (current: HelpEntry) =>
  new ApiError(
    409,
    'STALE_REVISION',
    'Someone else changed this entry after you opened it; review their change first',
    {
      current,
    },
  );

/**
 * A help entry's own video: writers upload it with its captions (multipart form), everyone signed in
 * who may read the entry plays it. Staff answers are `no-store` like every other API answer; the
 * public copy of a published patient entry is served by the public help routes.
 */
export function helpVideoRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  const tooLarge = () =>
    new ApiError(
      413,
      'VIDEO_TOO_LARGE',
      `Help videos are limited to ${Math.floor(deps.config.videoMaxBytes / 1048576)} MB`,
      {
        limitBytes: deps.config.videoMaxBytes,
      },
    );

  app.openapi(
    {
      ...declared(docs, attachHelpVideo),
      middleware: [
        bodyLimit({
          maxSize: deps.config.videoMaxBytes + FORM_OVERHEAD_BYTES,
          onError: () => {
            throw tooLarge();
          },
        }),
      ],
    },
    async (c) => {
      const user = requireUser(c);
      requireHelpWriter(user);
      const { id } = c.req.valid('param');
      const type = c.req.header('Content-Type') ?? '';
      if (!/^multipart\/form-data/i.test(type))
        throw new ApiError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the video and its captions as multipart/form-data',
        );
      return once(deps, c, user, async () => {
        const form = await c.req.parseBody();
        const revision = Number(form.revision);
        if (!Number.isInteger(revision) || revision < 1)
          throw new ApiError(400, 'VALIDATION_FAILED', 'revision: the entry revision you opened');
        const entry = await deps.store.getHelpEntry(id);
        if (!entry) throw notFound(id);
        if (entry.revision !== revision) throw stale(entry);
        const video = form.video;
        if (!(video instanceof Blob) || video.size === 0)
          throw new ApiError(400, 'VIDEO_MISSING', 'Attach the video file in the field "video"');
        if (video.size > deps.config.videoMaxBytes) throw tooLarge();
        const bytes = new Uint8Array(await video.arrayBuffer());
        const videoType = sniffVideoType(bytes);
        if (!videoType)
          throw new ApiError(415, 'VIDEO_TYPE_UNSUPPORTED', 'Help videos are MP4 (H.264) or WebM files');
        const captions = await readCaptions(form, entry.language);
        // Everything is checked: only now does anything reach the disk or the database.
        const stored = await storeVideo(deps.config.mediaDir, bytes);
        const result = await deps.store.updateHelpEntry({
          id,
          expectedRevision: revision,
          patch: { video: { sha256: stored.sha256, type: videoType, bytes: bytes.length, captions } },
          userId: user.id,
          at: deps.clock(),
        });
        if (!result.ok) {
          if (stored.created) await removeVideo(deps.config.mediaDir, stored.sha256);
          if (result.reason === 'not-found') throw notFound(id);
          throw stale(result.current);
        }
        deps.log(`help video attached (${videoType}, ${bytes.length} bytes)`);
        await helpEdited(deps, result.entry.clinic);
        return { status: 200 as const, body: { entry: result.entry } };
      });
    },
  );

  app.openapi(declared(docs, removeHelpVideo), async (c) => {
    const user = requireUser(c);
    requireHelpWriter(user);
    const { id } = c.req.valid('param');
    const { revision } = c.req.valid('query');
    const result = await deps.store.updateHelpEntry({
      id,
      expectedRevision: revision,
      patch: { video: null },
      userId: user.id,
      at: deps.clock(),
    });
    if (!result.ok) {
      if (result.reason === 'not-found') throw notFound(id);
      throw stale(result.current);
    }
    await helpEdited(deps, result.entry.clinic);
    return c.json({ entry: result.entry }, 200);
  });

  /** Drafts exist only for their writers; staff entries for everyone signed in. */
  async function readable(c: Context<AppEnv>, id: string) {
    const user = requireUser(c);
    const entry = await deps.store.getHelpEntry(id);
    if (!entry?.video || (entry.status !== 'published' && !canWriteHelp(user))) throw notFound(id);
    return entry as HelpEntry & { video: NonNullable<HelpEntry['video']> };
  }

  app.openapi(declared(docs, playHelpVideo), async (c) => {
    const { id, sha256 } = c.req.valid('param');
    const entry = await readable(c, id);
    if (!isSha256(sha256) || entry.video.sha256 !== sha256) throw notFound(entry.id);
    return sendFile(c, {
      path: mediaPath(deps.config.mediaDir, sha256),
      sha256,
      type: entry.video.type,
      cacheControl: 'private, no-store',
    });
  });

  app.openapi(declared(docs, helpVideoCaptions), async (c) => {
    const { id, language } = c.req.valid('param');
    const entry = await readable(c, id);
    const captions = entry.video.captions.find((x) => x.language === language);
    if (!captions) throw new ApiError(404, 'NOT_FOUND', 'No captions in that language');
    return c.body(captions.vtt, 200, { 'Content-Type': 'text/vtt; charset=utf-8' });
  });

  return app;
}
