import { SIGN_IN_ROUTES } from '@portalflow/contract';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '../api/call.ts';
import { setCsrfToken, whenSignedOut } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { credentialsSettled, maybeStale } from './credentialChange.ts';
import { markSessionEnded } from './sessionEnded.ts';

/** What was read signed in goes; the session and the public sign-in page (the clinic's name) stay. */
export function forgetSignedInData(client: QueryClient): void {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'sign-in-page' });
}

/**
 * A session that ended under a signed-in screen (the account disabled, signed out elsewhere): signed
 * out first (the sign-in page shows), then nothing of theirs stays in memory.
 */
function forgetSignedIn(client: QueryClient, was: Me | null | undefined) {
  if (was && (was.stage ?? 'full') === 'full') {
    markSessionEnded();
    forgetSignedInData(client);
  }
}

/**
 * The signed-in user (null when signed out). Keeps the CSRF token for the API client. Asked of
 * `GET /api/session`, which answers "no one" with a 200: the sign-in page logs no failed request.
 */
export function useMe() {
  const client = useQueryClient();
  useEffect(() => {
    whenSignedOut((sentAt) => {
      // A request sent with the old cookie while this browser's own credentials change, or answered
      // only after: ask again once the change has its answer (and the new cookie), rather than take
      // it for a sign-out. Asking again is truthful: an ended session is answered "no one".
      if (maybeStale(sentAt)) {
        void credentialsSettled().then(() => client.invalidateQueries({ queryKey: ['me'] }));
        return;
      }
      const was = client.getQueryData<Me | null>(['me']);
      client.setQueryData(['me'], null);
      forgetSignedIn(client, was);
    });
  }, [client]);
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      // Asked while a credential change is under way, the old cookie would be answered "signed out".
      await credentialsSettled();
      const { me } = await call(SIGN_IN_ROUTES.session, {});
      setCsrfToken(me?.csrfToken ?? null);
      if (!me) forgetSignedIn(client, client.getQueryData<Me | null>(['me']));
      return me;
    },
    staleTime: 60_000,
  });
}

export const SYSTEM_ROLES = ['admin', 'designer', 'auditor', 'break-glass'];
export const isLead = (roles: string[]) => roles.includes('admin') || roles.includes('designer');
export const isAuditor = (roles: string[]) => roles.includes('auditor') || roles.includes('admin');
export const clinicRoles = (roles: string[]) => roles.filter((r) => !SYSTEM_ROLES.includes(r));
