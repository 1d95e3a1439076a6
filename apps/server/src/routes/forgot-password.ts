import { FORGOT_PASSWORD_ANSWER, forgotPassword } from '@portalflow/contract';
import { type PasswordResets, TooManyResets } from '../auth/forgot-password.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { clientAddress } from '../http/client.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import type { ApiDocs } from '../http/openapi.ts';

/** `POST /api/auth/forgot-password`: the same answer for every account, and for none. */
export function forgotPasswordRoutes(deps: AppDeps, docs: ApiDocs, resets: PasswordResets): ApiRoutes {
  const app = apiRoutes();
  app.openapi(declared(docs, forgotPassword), async (c) => {
    const { who } = c.req.valid('json');
    try {
      await resets.ask(who, clientAddress(c, deps.config));
    } catch (error) {
      if (error instanceof TooManyResets) {
        c.header('Retry-After', String(error.retryAfterSeconds));
        await recordAccess(deps, c, null, {
          category: 'authentication',
          outcome: 'deny',
          detail: 'forgot password: too many from this client',
        });
      }
      throw error;
    }
    // Nobody named: the entry would otherwise tell whether the account exists.
    await recordAccess(deps, c, null, {
      category: 'authentication',
      outcome: 'allow',
      detail: 'forgot password: asked',
    });
    return c.json({ message: FORGOT_PASSWORD_ANSWER }, 202);
  });
  return app;
}
