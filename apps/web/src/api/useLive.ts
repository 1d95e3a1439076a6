import { LiveEvents } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { credentialsGeneration, onCredentialsChanged } from '../auth/credentialChange.ts';

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
    const onInstance = (event: MessageEvent) => {
      const data = LiveEvents['instance.changed'].parse(JSON.parse(event.data));
      void client.invalidateQueries({ queryKey: ['tasks'] });
      void client.invalidateQueries({ queryKey: ['task'] });
      void client.invalidateQueries({ queryKey: ['instance', data.instanceId] });
      void client.invalidateQueries({ queryKey: ['notifications'] });
      // The Practice page's run list and open run are keyed apart from real instances.
      if (data.practice) {
        void client.invalidateQueries({ queryKey: ['practice', 'runs'] });
        void client.invalidateQueries({ queryKey: ['practice', 'run', data.instanceId] });
      }
    };
    const onNotification = () => void client.invalidateQueries({ queryKey: ['notifications'] });
    // A publish changes the roles too: their titles and duties come from the published workflows; and
    // a publish or a retirement changes what each person has to catch up on.
    const onDefinition = () => {
      void client.invalidateQueries({ queryKey: ['definitions'] });
      void client.invalidateQueries({ queryKey: ['roles'] });
      void client.invalidateQueries({ queryKey: ['refreshers'] });
    };
    source.addEventListener('instance.changed', onInstance);
    source.addEventListener('notification', onNotification);
    source.addEventListener('definition.changed', onDefinition);
    const onClinic = () => {
      void client.invalidateQueries({ queryKey: ['config'] });
      void client.invalidateQueries({ queryKey: ['clinic-hours'] });
    };
    source.addEventListener('clinic.changed', onClinic);
    const onReset = () => void client.invalidateQueries();
    source.addEventListener('reset', onReset);
    // The server ends the stream the moment the session ends (the account disabled, signed out
    // elsewhere): ask at once whether this browser is still signed in, so an ended session shows the
    // sign-in page now instead of leaving the last screen (a patient's task) up until the next click.
    const onError = () => void client.invalidateQueries({ queryKey: ['me'] });
    source.addEventListener('error', onError);
    return () => source.close();
  }, [client, enabled, session]);
}
