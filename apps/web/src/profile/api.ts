import { endOtherOwnSessions, endOwnSession, listOwnSessions } from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { changingCredentials } from '../auth/credentialChange.ts';

const KEY = ['me', 'sessions'];

/** Where this person is signed in, this browser marked. */
export function useOwnSessions() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => call(listOwnSessions, {}).then((r) => r.sessions),
  });
}

/** Signs out one session (`id`), or every other one (`null`); the list is read again after. */
export function useEndOwnSessions() {
  const client = useQueryClient();
  return useMutation({
    // Ending sessions ends this person's live streams too: the session check waits for the answer.
    mutationFn: (id: string | null) =>
      changingCredentials(
        id === null
          ? call(endOtherOwnSessions, {}).then((r) => r.ended)
          : call(endOwnSession, { params: { sessionId: id } }).then(() => 1),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
