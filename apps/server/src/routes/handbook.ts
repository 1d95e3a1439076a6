import { getHandbook } from '@portalflow/contract';
import { workflowSvg } from '@portalflow/diagram';
import { handbookMarkdown, handbookOf } from '@portalflow/engine';
import { requireUser } from '../auth/authenticate.ts';
import type { DefinitionCache } from '../definitions/cache.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';

/** The workflow handbook of a published version: steps, owners, deadlines, help, diagram and changes. */
export function handbookRoutes(docs: ApiDocs, versions: DefinitionCache): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, getHandbook), async (c) => {
    requireUser(c);
    const { format = 'json' } = c.req.valid('query');
    const { id, v } = c.req.valid('param');
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
    return c.json({ handbook, definition: current.definition, layout: current.layout }, 200);
  });

  return app;
}
