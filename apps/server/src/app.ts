import { OpenAPIHono } from '@hono/zod-openapi';
import { health, openapiDocument } from '@portalflow/contract';
import { SignInPauses } from './accounts/sign-in-pause.ts';
import { authenticate } from './auth/authenticate.ts';
import { PasswordResets } from './auth/forgot-password.ts';
import { OwnAccountService } from './auth/own-account.ts';
import { SetPasswordService } from './auth/set-password.ts';
import { SignInService } from './auth/sign-in.ts';
import { DefinitionCache } from './definitions/cache.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { limitBodies } from './http/body-limit.ts';
import { compressResponses } from './http/compress.ts';
import { declared } from './http/contract.ts';
import { ApiError, toApiError } from './http/errors.ts';
import { ApiDocs } from './http/openapi.ts';
import { securityHeaders } from './http/security-headers.ts';
import { webApp } from './http/static.ts';
import { InstanceService } from './instances/service.ts';
import { IntakeKeys } from './intake/keys.ts';
import { StreamAuth } from './live/stream-auth.ts';
import { MigrationService } from './migrations/service.ts';
import { RefresherIndex } from './roles/refresher-index.ts';
import { accountAdminRoutes, accountChangeRoutes } from './routes/account-admin.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { backupRoutes } from './routes/backups.ts';
import { clinicHoursRoutes } from './routes/clinic-hours.ts';
import { configRoutes } from './routes/config.ts';
import { definitionRoutes } from './routes/definitions.ts';
import { emailPreferenceRoutes } from './routes/email-preferences.ts';
import { emergencyAccessRoutes } from './routes/emergency-access.ts';
import { eventRoutes } from './routes/events.ts';
import { fhirRoutes } from './routes/fhir.ts';
import { forgotPasswordRoutes } from './routes/forgot-password.ts';
import { handbookRoutes } from './routes/handbook.ts';
import { helpRoutes } from './routes/help.ts';
import { helpVideoRoutes } from './routes/help-videos.ts';
import { instanceRoutes } from './routes/instances.ts';
import { intakeKeyRoutes, intakeWebhookRoutes } from './routes/intake.ts';
import { migrationRoutes } from './routes/migrations.ts';
import { noteRoutes } from './routes/notes.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { outboxRoutes, webhookRoutes } from './routes/outbox.ts';
import { ownAccountRoutes } from './routes/own-account.ts';
import { practiceWaitRoutes } from './routes/practice-waits.ts';
import { publicHelpRoutes } from './routes/public-help.ts';
import { refresherRoutes, refresherScheduleRoutes } from './routes/refreshers.ts';
import { requestRoutes } from './routes/requests.ts';
import { retirementRoutes } from './routes/retirement.ts';
import { roleRoutes } from './routes/roles.ts';
import { setPasswordRoutes } from './routes/set-password.ts';
import { signInPauseRoutes } from './routes/sign-in-pause.ts';
import { ssoGroupRoutes } from './routes/sso-groups.ts';
import { taskCommentRoutes } from './routes/task-comments.ts';
import { taskDraftRoutes } from './routes/task-drafts.ts';
import { taskRoutes } from './routes/tasks.ts';
import { tokenRoutes, userTokenRoutes } from './routes/tokens.ts';
import { trackingRoutes } from './routes/tracking.ts';
import { peopleRoutes, userRoutes } from './routes/users.ts';
import { SsoClient } from './sso/client.ts';

const API_INFO = { title: 'portalflow API', version: '0.1.0' };

export interface App {
  app: OpenAPIHono<AppEnv>;
  docs: ApiDocs;
  instances: InstanceService;
  migrations: MigrationService;
  /** Forgotten-password emails, sent after the answer (tests wait for them with `settled()`). */
  passwordResets: PasswordResets;
}

/** The whole HTTP API over the given dependencies. `server.ts` composes and listens; tests call `app.request()`. */
export function createApp(deps: AppDeps): App {
  const app = new OpenAPIHono<AppEnv>();
  const docs = new ApiDocs();
  // Published versions are immutable: one cache for every reader of them.
  const definitions = new DefinitionCache(deps.store);
  const refreshers = new RefresherIndex(deps.store, definitions);
  const instances = new InstanceService({
    instances: deps.store,
    definitions,
    config: deps.config,
    live: deps.live,
    clock: deps.clock,
    log: deps.log,
  });
  const migrations = new MigrationService(deps, instances);
  const streams = new StreamAuth(deps);
  const sso = deps.config.sso ? new SsoClient(deps.config.sso) : null;
  const intakeKeys = new IntakeKeys(deps);

  app.use(securityHeaders({ hsts: deps.config.secureCookies }));
  app.use(async function requestLog(c, next) {
    const started = performance.now();
    await next();
    // Method, route pattern and status only: never the URL's values, bodies or user data.
    if (c.req.path.startsWith('/api/') && c.req.path !== '/api/events') {
      deps.log(
        `${c.req.method} ${c.req.routePath} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
      );
    }
  });
  // Answers of 1 KiB and more travel compressed (never the live-update stream); see http/compress.ts.
  app.use('/api/*', compressResponses());
  const apiBodyLimit = limitBodies(deps.config.bodyLimitBytes, () => {
    throw new ApiError(
      413,
      'BODY_TOO_LARGE',
      `Request bodies are limited to ${deps.config.bodyLimitBytes} bytes`,
    );
  });
  // A help video or a file attached to a request has its own, larger limit (routes/help-videos.ts,
  // routes/attachments.ts).
  const ownLimit = /^\/api\/(help\/entries\/[^/]+\/video|instances\/[^/]+\/attachments)$/;
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && ownLimit.test(c.req.path) ? next() : apiBodyLimit(c, next),
  );

  app.openapi(declared(docs, health), async (c) => {
    try {
      const database = await deps.store.health();
      return c.json({ ok: true as const, database, process: deps.config.processId }, 200);
    } catch {
      throw ApiError.of('DATABASE_UNREACHABLE');
    }
  });
  app.openapi(declared(docs, openapiDocument), (c) =>
    c.json(docs.document(app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO }) as never), 200),
  );

  // Before sign-in is checked: public help answers the same to everyone and reads no credentials.
  app.route('/', publicHelpRoutes(deps, docs));
  app.use('/api/*', authenticate(deps));
  app.use('/api/*', streams.afterAccountChanges());
  app.route('/', oidcRoutes(deps, docs, sso));
  const signIn = new SignInService(deps);
  app.route('/', authRoutes(deps, docs, signIn, sso));
  app.route('/', backupRoutes(deps, docs));
  app.route('/', ownAccountRoutes(deps, docs, new OwnAccountService(deps, signIn.throttle)));
  app.route('/', setPasswordRoutes(deps, docs, new SetPasswordService(deps)));
  const passwordResets = new PasswordResets(deps);
  app.route('/', forgotPasswordRoutes(deps, docs, passwordResets));
  app.route('/', configRoutes(deps, docs));
  app.route('/', userTokenRoutes(deps, docs));
  app.route('/', accountAdminRoutes(deps, docs, instances));
  app.route('/', userRoutes(deps, docs, instances, streams));
  app.route('/', signInPauseRoutes(deps, docs, new SignInPauses(deps, signIn.throttle)));
  app.route('/', accountChangeRoutes(deps, docs));
  app.route('/', tokenRoutes(deps, docs));
  app.route('/', ssoGroupRoutes(deps, docs));
  app.route('/', peopleRoutes(deps, docs));
  app.route('/', definitionRoutes(deps, docs));
  app.route('/', retirementRoutes(deps, docs));
  app.route('/', instanceRoutes(deps, docs, instances));
  app.route('/', clinicHoursRoutes(deps, docs, instances));
  app.route('/', noteRoutes(deps, docs, instances));
  app.route('/', attachmentRoutes(deps, docs, instances));
  app.route('/', taskRoutes(deps, docs, instances));
  app.route('/', practiceWaitRoutes(deps, docs, instances));
  // The older per-task comment shape, kept for its callers; comments are the request's notes now.
  app.route('/', taskCommentRoutes(deps, docs, instances));
  app.route('/', taskDraftRoutes(deps, docs, instances));
  app.route('/', auditRoutes(deps, docs, instances));
  app.route('/', notificationRoutes(deps, docs, instances));
  app.route('/', requestRoutes(deps, docs, instances));
  app.route('/', eventRoutes(deps, docs, streams));
  app.route('/', roleRoutes(deps, docs, definitions));
  app.route('/', refresherRoutes(deps, docs, definitions, refreshers));
  app.route('/', refresherScheduleRoutes(deps, docs));
  app.route('/', handbookRoutes(docs, definitions));
  app.route('/', trackingRoutes(deps, docs));
  app.route('/', helpRoutes(deps, docs));
  app.route('/', helpVideoRoutes(deps, docs));
  app.route('/', migrationRoutes(deps, docs, migrations));
  app.route('/', emergencyAccessRoutes(deps, docs));
  app.route('/', emailPreferenceRoutes(deps, docs));
  app.route('/', webhookRoutes(deps, docs));
  app.route('/', outboxRoutes(deps, docs));
  app.route('/', intakeKeyRoutes(deps, docs, intakeKeys));
  // After the key routes: signed webhooks carry their own credential (the signature), not a sign-in.
  app.route('/', intakeWebhookRoutes(deps, docs, instances, intakeKeys));
  // FHIR R4 for the EHR: its own errors (OperationOutcome) and credentials (signature, token or session).
  app.route('/fhir', fhirRoutes(deps, docs, instances, intakeKeys));

  if (deps.config.webRoot) app.use('*', webApp(deps.config.webRoot));
  app.notFound((c) => c.json(new ApiError(404, 'NOT_FOUND', 'No such route').body(), 404));
  app.onError((error, c) => {
    const api = toApiError(error);
    if (api.status === 500)
      deps.log(
        `internal error on ${c.req.method} ${c.req.routePath}: ${(error as Error).name}: ${(error as Error).message}`,
      );
    return c.json(api.body(), api.status);
  });
  return { app, docs, instances, migrations, passwordResets };
}
