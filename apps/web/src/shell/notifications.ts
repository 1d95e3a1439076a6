import { notifications as mantine, type NotificationData } from '@mantine/notifications';

/** The colours a toast takes when what was asked did not happen, or only in part. */
const FAILED = new Set(['red', 'orange']);

/**
 * How a toast is said by a screen reader: a confirmation ("Claimed", "Saved") politely, after what it
 * is saying (role=status: the next task's heading, which takes the focus, is not cut off mid-sentence);
 * only a failure interrupts (role=alert). Its colour says which, so the two never disagree.
 */
export function announced(data: NotificationData): NotificationData {
  return { ...data, role: data.role ?? (FAILED.has(String(data.color ?? '')) ? 'alert' : 'status') };
}

/** The app's toasts: Mantine's, each announced as its colour says (every screen shows toasts through this). */
export const notifications = {
  ...mantine,
  show: (data: NotificationData) => mantine.show(announced(data)),
  update: (data: NotificationData) => mantine.update(announced(data)),
};
