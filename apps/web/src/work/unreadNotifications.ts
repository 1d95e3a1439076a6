import { listNotifications } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/call.ts';

/** The reader's unread notifications: the bell's list, read once and shared with My work's rows. */
export const useUnreadNotifications = () =>
  useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => call(listNotifications, { query: { unread: 'true', limit: 50 } }),
    refetchInterval: 60_000,
  });

/**
 * Tasks the reader holds whose deadline is near, by the server's "due soon" reminders (it lists one
 * only while the reader still holds the open task): the rows say it as the bell does.
 */
export function useDueSoonTasks(): ReadonlySet<string> {
  const unread = useUnreadNotifications();
  const ids = new Set<string>();
  for (const n of unread.data?.notifications ?? []) if (n.kind === 'due-soon' && n.taskId) ids.add(n.taskId);
  return ids;
}
