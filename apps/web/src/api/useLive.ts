import { LiveEvents } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { credentialsGeneration, onCredentialsChanged } from '../auth/credentialChange.ts';

/**
 * Changes heard live are gathered until none has come for this long, then what they touch is read
 * again, once: a burst (a staff list, a lead moving forty tasks, which a busy server commits one by
 * one over a second) is one read per screen, not one per change nor one per 150 ms of it.
 */
const QUIET_MS = 150;
/** ...but never later than this after the first change gathered, so a steady stream still shows. */
const MOST_LATE_MS = 1000;

/**
 * Live updates over Server-Sent Events: the server says what changed (ids and roles only) and the
 * affected queries are re-read. EventSource reconnects by itself after a network drop and sends the
 * last event id, so the server replays what was missed — or sends `reset` when it no longer can.
 */
export function useLive(enabled: boolean): void {
  const client = useQueryClient();
  // A credential change ends the stream on the server with the old session; the new session opens a
  // new one, and what changed in between is read again.
  const session = useSyncExternalStore(onCredentialsChanged, credentialsGeneration);
  const opened = useRef(session);
  useEffect(() => {
    if (!enabled) return;
    if (opened.current !== session) {
      opened.current = session;
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    }
    const source = new EventSource('/api/events', { withCredentials: true });
    // What the changes heard in a moment touch, read once when the moment ends: a lead moving forty
    // tasks is forty events, a staff list of thirty people thirty, and each was a read of every open
    // list. Keyed by what is read, so the same read asked for twice is done once.
    const reads = new Map<string, () => void>();
    let gathering: ReturnType<typeof setTimeout> | undefined;
    let firstAt: number | undefined;
    const readGathered = () => {
      gathering = undefined;
      firstAt = undefined;
      const due = [...reads.values()];
      reads.clear();
      for (const run of due) run();
    };
    const soon = (what: string, read: () => void) => {
      reads.set(what, read);
      const now = performance.now();
      firstAt ??= now;
      clearTimeout(gathering);
      gathering = setTimeout(readGathered, Math.max(0, Math.min(QUIET_MS, firstAt + MOST_LATE_MS - now)));
    };
    const again = (...keys: string[][]) => {
      for (const queryKey of keys)
        soon(JSON.stringify(queryKey), () => void client.invalidateQueries({ queryKey }));
    };

    const onInstance = (event: MessageEvent) => {
      const data = LiveEvents['instance.changed'].parse(JSON.parse(event.data));
      again(['tasks'], ['task'], ['instance', data.instanceId], ['notifications']);
      // The Practice page's run list and open run are keyed apart from real instances.
      if (data.practice) again(['practice', 'runs'], ['practice', 'run', data.instanceId]);
    };
    const onNotification = () => again(['notifications']);
    // A publish changes the roles too: their titles and duties come from the published workflows; and
    // a publish or a retirement changes what each person has to catch up on.
    const onDefinition = () => again(['definitions'], ['roles'], ['refreshers']);
    const onClinic = () => again(['config'], ['clinic-hours']);
    // Someone's account changed (a name, roles, disabled): the names and lists that show people, an
    // admin's account panel and its trail, an open hand-off's colleagues, and this person's own header
    // if it was them.
    const onPeople = (event: MessageEvent) => {
      const { userId } = LiveEvents['people.changed'].parse(JSON.parse(event.data));
      again(['people'], ['accounts'], ['account-changes']);
      soon('colleagues', () => {
        void client.invalidateQueries({
          predicate: (q) => q.queryKey[0] === 'task' && q.queryKey[2] === 'colleagues',
        });
      });
      if (client.getQueryData<{ user: { id: string } } | null>(['me'])?.user.id === userId) again(['me']);
    };
    source.addEventListener('instance.changed', onInstance);
    source.addEventListener('notification', onNotification);
    source.addEventListener('definition.changed', onDefinition);
    source.addEventListener('clinic.changed', onClinic);
    source.addEventListener('people.changed', onPeople);
    const onReset = () => void client.invalidateQueries();
    source.addEventListener('reset', onReset);
    // The server ends the stream the moment the session ends (the account disabled, signed out
    // elsewhere): ask at once whether this browser is still signed in, so an ended session shows the
    // sign-in page now instead of leaving the last screen (a patient's task) up until the next click.
    const onError = () => void client.invalidateQueries({ queryKey: ['me'] });
    source.addEventListener('error', onError);
    return () => {
      clearTimeout(gathering);
      source.close();
    };
  }, [client, enabled, session]);
}
