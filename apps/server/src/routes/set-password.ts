import { setPassword } from '@portalflow/contract';
import type { SetPasswordService } from '../auth/set-password.ts';
import { TooManyAttempts } from '../auth/sign-in.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { clientAddress } from '../http/client.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import type { ApiDocs } from '../http/openapi.ts';

/** `POST /api/auth/set-password`: a one-time code from an admin, then the new password (no sign-in). */
export function setPasswordRoutes(deps: AppDeps, docs: ApiDocs, codes: SetPasswordService): ApiRoutes {
  const app = apiRoutes();
  app.openapi(declared(docs, setPassword), async (c) => {
    const input = c.req.valid('json');
    try {
      const { username } = await codes.redeem(input, clientAddress(c, deps.config), (user, outcome, detail) =>
        recordAccess(deps, c, user, { category: 'authentication', outcome, detail }),
      );
      return c.json({ ok: true as const, username }, 200);
    } catch (error) {
      if (error instanceof TooManyAttempts) c.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  });
  return app;
}
