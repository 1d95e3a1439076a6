import type { NotificationData } from '@mantine/notifications';
import { notifications } from '../shell/notifications.ts';

/** Editor toasts appear bottom right, so they never cover Save and Publish in the top bar. */
export function toast(data: NotificationData): void {
  notifications.show({ position: 'bottom-right', ...data });
}
