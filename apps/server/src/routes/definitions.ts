import {
  createDefinition,
  getDefinition,
  getVersion,
  listDefinitions,
  listVersions,
  publishDefinition,
  saveDefinition,
  validateDefinition,
} from '@portalflow/contract';
import {
  type Definition,
  hasErrors,
  ID_RULE,
  isId,
  lint,
  PortalflowError,
  parseDefinition,
} from '@portalflow/engine';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, isAuditor, isLead } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { announce } from '../live/announce.ts';

function requireDesigner(user: AuthUser): void {
  if (!isLead(user)) throw forbidden('Only designers and admins edit workflows');
}
/**
 * Anyone signed in may read published workflows (staff need the step's help and diagram); drafts are
 * work in progress, for designers and admins, and auditors who review them.
 */
function canReadDrafts(user: AuthUser): boolean {
  return isLead(user) || isAuditor(user);
}

/**
 * The id of a workflow being stored, checked before anything else: it ends up in URLs, file names, log
 * lines and exports. (The store refuses it too; this gives the caller a coded 400.)
 */
function requireDefinitionId(id: unknown): void {
  if (!isId(id)) {
    throw new ApiError(400, 'DEFINITION_ID_INVALID', `The workflow id is not valid: ${ID_RULE} (at most 80)`);
  }
}

/** The id a submitted definition names, if it names one at all (a missing id is a definition error). */
function namedId(definition: unknown): unknown {
  return definition !== null && typeof definition === 'object' && 'id' in definition
    ? (definition as { id: unknown }).id
    : undefined;
}

function validate(definition: unknown): {
  definition?: Definition;
  findings: ReturnType<typeof lint>;
  error?: ReturnType<PortalflowError['toJSON']>;
} {
  try {
    const parsed = parseDefinition(definition);
    return { definition: parsed, findings: lint(parsed) };
  } catch (error) {
    if (error instanceof PortalflowError) return { findings: [], error: error.toJSON() };
    throw error;
  }
}

export function definitionRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();

  app.openapi(declared(docs, listDefinitions), async (c) => {
    const user = requireUser(c);
    // Retired workflows stay for audit and replay (and name the requests still running on them), listed
    // only when asked for ("Show retired").
    const showRetired = c.req.valid('query').retired === 'show';
    if (canReadDrafts(user)) {
      const all = await deps.store.listDefinitions();
      return c.json({ definitions: showRetired ? all : all.filter((d) => d.retiredAt === null) }, 200);
    }
    // Staff get only what they work with: published workflows, no draft titles, revisions or editors.
    const definitions = (await deps.store.listPublished())
      .filter((d) => showRetired || d.retiredAt === null)
      .map(({ retiredAt: _, ...d }) => d);
    return c.json({ definitions }, 200);
  });

  app.openapi(declared(docs, createDefinition), async (c) => {
    const user = requireUser(c);
    requireDesigner(user);
    const input = c.req.valid('json');
    const named = namedId(input.definition);
    if (named !== undefined) requireDefinitionId(named);
    const definition = parseDefinition(input.definition);
    const saved = await deps.store.saveDraft({
      id: definition.id,
      title: definition.title,
      definition,
      layout: input.layout ?? null,
      expectedRevision: 0,
      updatedBy: user.id,
      at: deps.clock(),
    });
    if (!saved.ok)
      throw new ApiError(409, 'DEFINITION_EXISTS', `A workflow with id '${definition.id}' already exists`);
    return c.json({ draft: saved.draft, findings: lint(definition) }, 201);
  });

  app.openapi(declared(docs, getDefinition), async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid('param');
    const [draft, latest] = await Promise.all([
      canReadDrafts(user) ? deps.store.getDraft(id) : null,
      deps.store.getVersion(id),
    ]);
    if (!draft && !latest) throw notFound(`Workflow '${id}'`);
    return c.json({ draft, latest }, 200);
  });

  app.openapi(declared(docs, saveDefinition), async (c) => {
    const user = requireUser(c);
    requireDesigner(user);
    const { id } = c.req.valid('param');
    requireDefinitionId(id);
    const input = c.req.valid('json');
    // Drafts may be work in progress: only the id and title are required to store one.
    const draft = input.definition as { id?: unknown; title?: unknown } | null;
    if (!draft || typeof draft !== 'object' || draft.id !== id) {
      throw new ApiError(422, 'ID_MISMATCH', `The definition's id must be '${id}'`);
    }
    const title = typeof draft.title === 'string' && draft.title.length > 0 ? draft.title : id;
    const saved = await deps.store.saveDraft({
      id,
      title,
      definition: input.definition,
      layout: input.layout,
      expectedRevision: input.revision,
      updatedBy: user.id,
      at: deps.clock(),
    });
    if (!saved.ok) {
      if (saved.reason === 'not-found') throw notFound(`Workflow '${id}'`);
      throw new ApiError(
        409,
        'STALE_REVISION',
        'Someone else saved this workflow after you opened it; review their change before saving',
        {
          current: saved.current,
        },
      );
    }
    await announce(deps, {
      type: 'definition.changed',
      definitionId: id,
      roles: ['designer', 'admin'],
      users: [],
    });
    return c.json({ draft: saved.draft, ...validate(input.definition) }, 200);
  });

  app.openapi(declared(docs, validateDefinition), async (c) => {
    const user = requireUser(c);
    if (!canReadDrafts(user)) throw forbidden();
    const draft = await deps.store.getDraft(c.req.valid('param').id);
    if (!draft) throw notFound('The workflow');
    const { findings, error } = validate(draft.definition);
    return c.json(
      { revision: draft.revision, valid: !error && !hasErrors(findings), findings, error: error ?? null },
      200,
    );
  });

  app.openapi(declared(docs, publishDefinition), async (c) => {
    const user = requireUser(c);
    requireDesigner(user);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const draft = await deps.store.getDraft(id);
    if (!draft) throw notFound('The workflow');
    const { findings, error } = validate(draft.definition);
    if (error) throw new ApiError(422, 'DEFINITION_INVALID', 'The draft is not a valid definition', error);
    if (hasErrors(findings)) {
      throw new ApiError(422, 'LINT_ERRORS', 'Fix the lint errors before publishing', {
        findings: findings.filter((f) => f.severity === 'error'),
      });
    }
    const published = await deps.store.publish({
      definitionId: id,
      expectedRevision: input.revision ?? draft.revision,
      publishedBy: user.id,
      at: deps.clock(),
    });
    if (!published.ok) {
      if (published.reason === 'not-found') throw notFound('The workflow');
      throw new ApiError(
        409,
        'STALE_REVISION',
        'The draft changed since you checked it; check again before publishing',
        { current: published.current },
      );
    }
    await announce(deps, { type: 'definition.changed', definitionId: id, roles: [], users: [] });
    return c.json({ version: published.version, created: published.created }, 200);
  });

  app.openapi(declared(docs, listVersions), async (c) => {
    requireUser(c);
    return c.json({ versions: await deps.store.listVersions(c.req.valid('param').id) }, 200);
  });

  app.openapi(declared(docs, getVersion), async (c) => {
    requireUser(c);
    const { id, v } = c.req.valid('param');
    const version = await deps.store.getVersion(id, v);
    if (!version) throw notFound(`Version ${v}`);
    return c.json({ version }, 200);
  });

  return app;
}
