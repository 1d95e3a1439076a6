import { createIntakeKey, intakeWebhook, listIntakeKeys, revokeIntakeKey } from '@portalflow/contract';
import { isId } from '@portalflow/engine';
import type { Context } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, isLead } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { accessEntry, recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { isJsonMediaType } from '../http/media-type.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { deeperThan, MAX_JSON_DEPTH } from '../http/validate.ts';
import type { InstanceService } from '../instances/service.ts';
import { type IntakeKeys, intakeKeyView } from '../intake/keys.ts';
import { startFromIntake } from '../intake/start.ts';
import { verifyWebhook, webhookHeaders } from '../integrations/standard-webhooks.ts';

/** Longest webhook-id accepted: it names an instance, and is kept in the access log only by that. */
const MAX_WEBHOOK_ID = 200;

/** Admins and leads manage intake keys: create (the secret is shown once), list, revoke. */
export function intakeKeyRoutes(deps: AppDeps, docs: ApiDocs, keys: IntakeKeys): ApiRoutes {
  const app = apiRoutes();
  const requireLead = async (c: Context<AppEnv>, user: AuthUser, detail: string) => {
    if (isLead(user)) return;
    await recordAccess(deps, c, user, { category: 'definition', outcome: 'deny', detail });
    throw forbidden('Only an admin or a lead manages intake keys');
  };

  app.openapi(declared(docs, createIntakeKey), async (c) => {
    const user = requireUser(c);
    await requireLead(c, user, 'create intake key');
    const input = c.req.valid('json');
    const version = await deps.store.getVersion(input.workflowId);
    if (!version) throw notFound(`A published version of workflow '${input.workflowId}'`);
    const intake = version.definition.intake;
    if (!intake?.webhook && !intake?.fhir)
      throw new ApiError(
        422,
        'INTAKE_NOT_DECLARED',
        `Workflow '${input.workflowId}' maps no webhook or FHIR message onto its start form`,
      );
    const { key, secret } = await keys.create(input.workflowId, user.id);
    await recordAccess(deps, c, user, {
      category: 'definition',
      outcome: 'allow',
      detail: `created intake key ${key.id} for ${key.workflowId}`,
    });
    return c.json({ id: key.id, secret, key: intakeKeyView(key) }, 201);
  });

  app.openapi(declared(docs, listIntakeKeys), async (c) => {
    const user = requireUser(c);
    await requireLead(c, user, 'list intake keys');
    const q = c.req.valid('query');
    return c.json({ keys: (await deps.store.listIntakeKeys(q.workflowId)).map(intakeKeyView) }, 200);
  });

  app.openapi(declared(docs, revokeIntakeKey), async (c) => {
    const user = requireUser(c);
    await requireLead(c, user, 'revoke intake key');
    const { id } = c.req.valid('param');
    const revoked = await deps.store.revokeIntakeKey(id, { actorId: user.id, at: deps.clock() });
    const key = await deps.store.getIntakeKey(id);
    if (!key) throw notFound('The intake key');
    await recordAccess(deps, c, user, {
      category: 'definition',
      outcome: 'allow',
      detail: revoked ? `revoked intake key ${id}` : `intake key ${id} was already revoked`,
    });
    return c.json({ key: intakeKeyView(key) }, 200);
  });
  return app;
}

/** Why a signature was refused, for the sender (never which keys exist). */
const REFUSALS = {
  'missing-headers': 'Send webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks)',
  'bad-timestamp': 'webhook-timestamp must be whole seconds since 1970',
  'timestamp-too-old': 'webhook-timestamp is more than 5 minutes old: check the sender clock, then re-sign',
  'timestamp-too-new': 'webhook-timestamp is more than 5 minutes ahead: check the sender clock',
  'no-match': 'No webhook-signature matches a key of this workflow',
} as const;

/**
 * `POST /api/intake/{workflowId}`: a signed webhook (Standard Webhooks) starts the workflow. It needs no
 * sign-in: the signature is the credential. Nothing is read from the body before the signature over
 * its exact bytes has been checked.
 */
export function intakeWebhookRoutes(
  deps: AppDeps,
  docs: ApiDocs,
  instances: InstanceService,
  keys: IntakeKeys,
): ApiRoutes {
  const app = apiRoutes();
  // Registered after the key routes, so `POST /api/intake/keys` is never taken for a workflow id.
  app.openapi(declared(docs, intakeWebhook), async (c) => {
    const { workflowId } = c.req.valid('param');
    const raw = await c.req.text();
    const headers = webhookHeaders((name) => c.req.header(name));
    const secrets = isId(workflowId) ? await keys.secrets(workflowId) : [];
    const verdict = verifyWebhook(
      secrets.map((s) => s.secret),
      headers,
      raw,
      Date.parse(deps.clock()),
    );
    if (!verdict.ok) {
      await recordAccess(deps, c, null, {
        category: 'phi',
        outcome: 'deny',
        detail: `intake webhook refused: ${verdict.reason}`,
      });
      const stale = verdict.reason === 'timestamp-too-old' || verdict.reason === 'timestamp-too-new';
      throw new ApiError(
        401,
        stale ? 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE' : 'WEBHOOK_SIGNATURE_INVALID',
        REFUSALS[verdict.reason],
      );
    }
    const keyId = secrets[verdict.index]!.id;
    // Signed but refused (not JSON, not fitting the start form): logged too, without what was sent.
    let started: Awaited<ReturnType<typeof startFromIntake>>;
    try {
      if (headers!.id.length > MAX_WEBHOOK_ID)
        throw new ApiError(400, 'VALIDATION_FAILED', `webhook-id is at most ${MAX_WEBHOOK_ID} characters`);
      if (!isJsonMediaType(c.req.header('content-type')))
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch {
        throw new ApiError(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
      }
      if (deeperThan(message, MAX_JSON_DEPTH))
        throw new ApiError(
          400,
          'VALIDATION_FAILED',
          `JSON nested deeper than ${MAX_JSON_DEPTH} levels is not accepted`,
        );
      await deps.store.touchIntakeKey(keyId, deps.clock());
      started = await startFromIntake(deps, instances, {
        workflowId,
        channel: 'webhook',
        message,
        deliveryId: headers!.id,
        access: (instanceId) =>
          accessEntry(deps, c, null, {
            instanceId,
            category: 'phi',
            outcome: 'allow',
            detail: `intake webhook with key ${keyId}`,
          }),
      });
    } catch (error) {
      if (error instanceof ApiError && error.status < 500)
        await recordAccess(deps, c, null, {
          category: 'phi',
          outcome: 'deny',
          detail: `intake webhook with key ${keyId} refused: ${error.code}`,
        });
      throw error;
    }
    const { instance } = started;
    return c.json(
      {
        instance: {
          id: instance.id,
          definitionId: instance.definitionId,
          version: instance.version,
          status: instance.status,
        },
        duplicate: started.duplicate,
      },
      started.duplicate ? 200 : 201,
    );
  });
  return app;
}
