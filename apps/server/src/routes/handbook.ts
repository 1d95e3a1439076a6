import { workflowSvg } from '@portalflow/diagram';
import { handbookMarkdown, handbookOf } from '@portalflow/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/authenticate.ts';
import type { DefinitionCache } from '../definitions/cache.ts';
import type { AppEnv } from '../deps.ts';
import { ApiError, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { query } from '../http/validate.ts';

const HandbookQuery = z.object({ format: z.enum(['json', 'md', 'svg']).optional() }).strict();

/** The workflow handbook of a published version: steps, owners, deadlines, help, diagram and changes. */
export function handbookRoutes(docs: ApiDocs, versions: DefinitionCache): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  docs.add({
    method: 'get',
    path: '/api/handbook/{id}/{v}',
    instanceData: false,
    summary: 'Handbook of a published version as JSON, a Markdown download or an SVG diagram',
    tag: 'definitions',
    query: HandbookQuery,
    responses: { 200: 'Handbook', 404: 'No such version' },
  });
  app.get('/:id/:v', async (c) => {
    requireUser(c);
    const { format = 'json' } = query(c, HandbookQuery);
    const id = c.req.param('id');
    const v = Number(c.req.param('v'));
    if (!Number.isInteger(v) || v < 1)
      throw new ApiError(400, 'VALIDATION_FAILED', 'The version is a whole number from 1');
    const current = await versions.get(id, v);
    if (!current) throw notFound(`Version ${v} of '${id}'`);
    const previous = v > 1 ? await versions.get(id, v - 1) : null;
    const handbook = handbookOf(current.definition, {
      version: v,
      publishedAt: current.publishedAt,
      ...(previous ? { previous: { definition: previous.definition, version: previous.version } } : {}),
    });
    const file = `${id}-v${v}`;
    if (format === 'svg') {
      c.header('Content-Disposition', `attachment; filename="${file}.svg"`);
      return c.body(workflowSvg(current.definition, current.layout), 200, {
        'Content-Type': 'image/svg+xml; charset=utf-8',
      });
    }
    if (format === 'md') {
      c.header('Content-Disposition', `attachment; filename="${file}-handbook.md"`);
      return c.body(handbookMarkdown(handbook, `${file}.svg`), 200, {
        'Content-Type': 'text/markdown; charset=utf-8',
      });
    }
    return c.json({ handbook, definition: current.definition, layout: current.layout });
  });

  return app;
}
