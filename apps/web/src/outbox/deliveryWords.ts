import type { DeliveryStatus } from '@portalflow/contract';
import { humanize } from '../work/format.ts';

/**
 * The outbox in a clinic manager's words: what each message is about ("Request cancelled", "Daily
 * digest"), never its event name or id. Kinds the screen does not know yet are written from their name.
 */
const KINDS: Record<string, string> = {
  '*': 'All events',
  'instance.started': 'Request started',
  'instance.completed': 'Request finished',
  'instance.cancelled': 'Request cancelled',
  'task.opened': 'Task opened',
  'task.assigned': 'Task assigned',
  'task.escalated': 'Task escalated',
  'task.overdue': 'Task overdue',
  'task.closed': 'Task closed',
  'portalflow.test': 'Test event',
  digest: 'Daily digest',
  assigned: 'Task assigned to them',
  escalated: 'Task escalated to them',
  'due-soon': 'Their task is due soon',
  overdue: 'Their task is overdue',
  cancelled: 'Their request was cancelled',
  'backup-failed': 'Backup failed',
  'backup-working': 'Backups working again',
};

export function kindWords(kind: string): string {
  return KINDS[kind] ?? humanize(kind.replace(/[.-]/g, '_'));
}

export const STATUS_WORDS: Record<DeliveryStatus, string> = {
  pending: 'Waiting',
  delivered: 'Delivered',
  dead: 'Failed',
  skipped: 'Not sent',
};
