import { type NotificationData, notifications } from '@mantine/notifications';

/** Editor toasts appear bottom right, so they never cover Save and Publish in the top bar. */
export function toast(data: NotificationData): void {
  notifications.show({ position: 'bottom-right', ...data });
}
