import type { Definition } from '@portalflow/engine';
import type { Communication } from 'fhir/r4.js';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { checkTokenScope, tokenUser } from '../auth/api-token.ts';
import { authenticate, requireUser } from '../auth/authenticate.ts';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { capabilityStatement } from '../fhir/capability.ts';
import { hasCategory, identifierKey, parseCommunication } from '../fhir/communication.ts';
import { FHIR_JSON, FhirError, toOutcome } from '../fhir/outcome.ts';
import { fhirTask, taskIdOf } from '../fhir/task.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { deeperThan, MAX_JSON_DEPTH } from '../http/validate.ts';
import { canSeeTask } from '../instances/access.ts';
import type { InstanceService } from '../instances/service.ts';
import type { IntakeKeys } from '../intake/keys.ts';
import { IntakeInvalid, startFromIntake } from '../intake/start.ts';
import { verifyWebhook, webhookHeaders } from '../integrations/standard-webhooks.ts';
import { canStartRequest } from '../requests/startable.ts';

const fhirJson = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': `${FHIR_JSON}; charset=utf-8`, ...headers },
  });

/** `application/fhir+json` or `application/json` (R4 servers accept both), any parameters. */
const isFhirJson = (type: string | undefined) =>
  type !== undefined && /^application\/(fhir\+)?json\s*(;|$)/i.test(type.trim());

/** A workflow whose latest version maps FHIR Communications onto its start form. */
interface FhirWorkflow {
  id: string;
  definition: Definition;
}

/**
 * FHIR R4 at `/fhir`: the CapabilityStatement, Communications that start workflows, human tasks read
 * as Tasks. Every error is an OperationOutcome.
 */
export function fhirRoutes(
  deps: AppDeps,
  docs: ApiDocs,
  instances: InstanceService,
  keys: IntakeKeys,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => {
    const { status, outcome } = toOutcome(error);
    if (status === 500)
      deps.log(`internal error on ${c.req.method} ${c.req.routePath}: ${(error as Error).name}`);
    return fhirJson(outcome, status);
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.config.bodyLimitBytes,
      onError: () => {
        throw new FhirError(
          413,
          'too-costly',
          `Request bodies are limited to ${deps.config.bodyLimitBytes} bytes`,
        );
      },
    }),
  );

  async function fhirWorkflows(): Promise<FhirWorkflow[]> {
    const found: FhirWorkflow[] = [];
    for (const summary of await deps.store.listDefinitions()) {
      if (summary.latestVersion === null) continue;
      const definition = await instances.definition(summary.id, summary.latestVersion);
      if (definition.intake?.fhir) found.push({ id: summary.id, definition });
    }
    return found;
  }

  docs.add({
    method: 'get',
    path: '/fhir/metadata',
    summary: 'FHIR R4 CapabilityStatement: what this server does in FHIR terms',
    tag: 'fhir',
    auth: false,
    instanceData: false,
  });
  app.get('/metadata', () =>
    fhirJson(capabilityStatement({ date: deps.clock(), software: 'portalflow' }), 200),
  );

  docs.add({
    method: 'post',
    path: '/fhir/Communication',
    summary:
      'Create a FHIR R4 Communication (application/fhir+json): it starts the workflow mapped to its category; signed (Standard Webhooks) or with an API token',
    tag: 'fhir',
    auth: false,
    instanceData: true,
    responses: {
      201: 'Started: the Communication with id (the request it started), Location',
      200: 'This webhook-id or identifier had already started a request: the same answer',
      400: 'Not a valid R4 Communication (OperationOutcome naming the element)',
      401: 'No valid signature or token, or a timestamp more than 5 minutes off',
      403: 'The token holder may not start the workflow',
      415: 'Not application/fhir+json',
      422: 'No workflow, or several, take this category; or the mapped values do not fit the start form',
    },
  });
  app.post('/Communication', async (c) => {
    const raw = await c.req.text();
    const signed = webhookHeaders((name) => c.req.header(name));
    const workflows = await fhirWorkflows();
    // Who sends: a signature with an intake key of a FHIR workflow (checked before the body is read), or a token.
    let via: { keyId: string; workflowId: string } | { user: AuthUser };
    if (signed || !c.req.header('authorization')) {
      const secrets = (
        await Promise.all(
          workflows.map(async (w) => (await keys.secrets(w.id)).map((s) => ({ ...s, workflowId: w.id }))),
        )
      ).flat();
      const verdict = verifyWebhook(
        secrets.map((s) => s.secret),
        signed,
        raw,
        Date.parse(deps.clock()),
      );
      if (!verdict.ok) {
        await recordAccess(deps, c, null, {
          category: 'phi',
          outcome: 'deny',
          detail: `FHIR Communication refused: ${verdict.reason}`,
        });
        throw new FhirError(
          401,
          'security',
          verdict.reason === 'no-match'
            ? 'No signature matches an intake key in force: check the sender has the current secret (a revoked key signs nothing) and signs the exact bytes it sends (WEBHOOK_SIGNATURE_INVALID)'
            : verdict.reason === 'missing-headers'
              ? 'Sign the request (Standard Webhooks) with an intake key, or send an API token (WEBHOOK_SIGNATURE_INVALID)'
              : 'webhook-timestamp is more than 5 minutes off: check the sender clock, then re-sign (WEBHOOK_TIMESTAMP_OUT_OF_RANGE)',
        );
      }
      const key = secrets[verdict.index]!;
      via = { keyId: key.id, workflowId: key.workflowId };
      await deps.store.touchIntakeKey(key.id, deps.clock());
    } else {
      try {
        const user = await tokenUser(deps, c.req.header('authorization')!);
        checkTokenScope(user, 'POST');
        via = { user };
      } catch (error) {
        await recordAccess(deps, c, null, {
          category: 'phi',
          outcome: 'deny',
          detail: 'FHIR Communication refused: API token',
        });
        throw error;
      }
    }
    const user = 'user' in via ? via.user : null;
    // Everything refused from here on is logged as well, without what was sent.
    const accept = async () => {
      if (!isFhirJson(c.req.header('content-type')))
        throw new FhirError(415, 'not-supported', `Send the resource as ${FHIR_JSON}`);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new FhirError(400, 'structure', 'The body is not valid JSON');
      }
      if (deeperThan(body, MAX_JSON_DEPTH))
        throw new FhirError(
          400,
          'structure',
          `JSON nested deeper than ${MAX_JSON_DEPTH} levels is not accepted`,
        );
      const communication = parseCommunication(body);

      const matching = workflows.filter((w) =>
        hasCategory(communication, w.definition.intake!.fhir!.category),
      );
      const chosen = 'workflowId' in via ? matching.find((w) => w.id === via.workflowId) : matching[0];
      if (!chosen || ('user' in via && matching.length > 1))
        throw new FhirError(
          422,
          'business-rule',
          matching.length > 1 && 'user' in via
            ? `Several workflows take this category (${matching.map((w) => w.id).join(', ')}); the clinic must keep one`
            : 'workflowId' in via
              ? `This intake key's workflow (${via.workflowId}) does not take Communications of this category`
              : 'No workflow takes Communications of this category',
          'Communication.category',
        );
      if ('user' in via && !canStartRequest(via.user, chosen.definition))
        throw new FhirError(403, 'forbidden', `Your roles may not start '${chosen.definition.title}'`);
      const delivery = signed ? `webhook:${signed.id}` : identifierKey(communication);
      if (delivery !== null && delivery.length > 300)
        throw new FhirError(
          400,
          'too-long',
          'webhook-id or identifier is too long',
          'Communication.identifier',
        );
      try {
        const started = await startFromIntake(deps, instances, {
          workflowId: chosen.id,
          channel: 'fhir',
          message: communication,
          deliveryId: delivery === null ? null : `fhir:${delivery}`,
          access: (instanceId) =>
            accessEntry(deps, c, user, {
              instanceId,
              category: 'phi',
              outcome: 'allow',
              detail:
                'keyId' in via
                  ? `FHIR Communication with key ${via.keyId}`
                  : 'FHIR Communication with a token',
            }),
        });
        return { communication, started };
      } catch (error) {
        if (error instanceof IntakeInvalid) {
          const first = error.fields[0];
          throw new FhirError(
            422,
            'business-rule',
            error.message,
            first?.pointer ? `Communication${pointerPath(first.pointer)}` : undefined,
          );
        }
        throw error;
      }
    };
    let accepted: Awaited<ReturnType<typeof accept>>;
    try {
      accepted = await accept();
    } catch (error) {
      if ((error instanceof FhirError || error instanceof ApiError) && error.status < 500)
        await recordAccess(deps, c, user, {
          category: 'phi',
          outcome: 'deny',
          detail: `FHIR Communication refused (${error instanceof FhirError ? error.issueCode : error.code})`,
        });
      throw error;
    }
    const { communication, started } = accepted;
    const id = started.instance.id;
    const resource: Communication = {
      ...communication,
      id,
      meta: { versionId: '1', lastUpdated: started.instance.startedAt },
    };
    return fhirJson(resource, started.duplicate ? 200 : 201, {
      location: `${new URL(c.req.url).origin}/fhir/Communication/${id}/_history/1`,
    });
  });

  docs.add({
    method: 'get',
    path: '/fhir/Task/{id}',
    summary:
      'A human task as a FHIR R4 Task: status, owner role, due date (restriction.period.end), focus (its request)',
    tag: 'fhir',
    instanceData: true,
    responses: { 200: 'Task', 401: 'Not signed in', 403: 'Not your role', 404: 'No such task' },
  });
  app.use('/Task/*', authenticate(deps));
  app.get('/Task/:id', async (c) => {
    const user = requireUser(c);
    const taskId = taskIdOf(c.req.param('id'));
    const task = taskId === null ? null : await deps.store.getTask(taskId);
    if (!task) throw new FhirError(404, 'not-found', 'No such Task');
    if (!canSeeTask(user, task)) {
      await recordAccess(deps, c, user, { instanceId: task.instanceId, category: 'phi', outcome: 'deny' });
      throw new FhirError(403, 'forbidden', 'This task belongs to a role you do not hold');
    }
    const { definition } = await instances.load(task.instanceId);
    await recordAccess(deps, c, user, {
      instanceId: task.instanceId,
      category: 'phi',
      outcome: 'allow',
      detail: `step ${task.step} (FHIR Task)`,
    });
    return fhirJson(fhirTask(task, definition), 200);
  });

  app.all('*', () => {
    throw new FhirError(
      404,
      'not-supported',
      'This FHIR server supports metadata, Communication create and Task read',
    );
  });
  return app;
}

/** `/payload/0/contentString` → `.payload[0].contentString`, for an OperationOutcome expression. */
function pointerPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((token) =>
      /^\d+$/.test(token) ? `[${token}]` : `.${token.replace(/~1/g, '/').replace(/~0/g, '~')}`,
    )
    .join('');
}
