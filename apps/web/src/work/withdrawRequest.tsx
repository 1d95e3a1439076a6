import { cancelInstance } from '@portalflow/contract';
import type { QueryClient } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { notifications } from '../shell/notifications.ts';
import { announceStarted } from './justStarted.ts';
import { notWithdrawnText } from './withdrawText.ts';

/** The reason a withdrawn request's history gives. */
const WITHDRAWN = 'Started in error (withdrawn by whoever started it)';

/** How a withdrawal went: done, refused because the request moved on (no longer offered), or failed. */
export type Withdrawal = 'withdrawn' | 'late' | 'failed';

/**
 * Withdraws a request its starter started in error, with a toast saying how it went: the toast `id`
 * names (the "Request started" one), else a new one. The server refuses once anyone has acted on it.
 */
export async function withdrawRequest(
  client: QueryClient,
  instanceId: string,
  label: string,
  id?: string,
): Promise<Withdrawal> {
  const toast = id ?? `withdraw-${instanceId}`;
  (id ? notifications.update : notifications.show)({
    id: toast,
    loading: true,
    title: 'Withdrawing…',
    message: label,
    autoClose: false,
  });
  try {
    await call(cancelInstance, {
      params: { id: instanceId },
      body: { reason: WITHDRAWN },
      idempotencyKey: `withdraw-${instanceId}`,
    });
    notifications.update({
      id: toast,
      loading: false,
      color: 'gray',
      title: 'Request withdrawn',
      message: `${label} will not be worked on.`,
      autoClose: 6000,
    });
    return 'withdrawn';
  } catch (error) {
    const refused = notWithdrawnText(error);
    notifications.update({
      id: toast,
      loading: false,
      color: 'orange',
      title: refused.title,
      message: refused.message,
      autoClose: 10_000,
    });
    return refused.late ? 'late' : 'failed';
  } finally {
    await Promise.all([
      client.invalidateQueries({ queryKey: ['tasks'] }),
      client.invalidateQueries({ queryKey: ['task'] }),
    ]);
  }
}

/**
 * After starting a request: a notice above the list with a way back for a typo or a call logged twice
 * (see `StartedNotices`). Whoever started a request may withdraw it until someone acts on it (after
 * that, a lead cancels it).
 */
export function showStarted(
  started: { label: string; instanceId: string; pool?: string | null },
  /** How many files were attached with it. */
  files = 0,
): void {
  announceStarted({ ...started, files });
}
