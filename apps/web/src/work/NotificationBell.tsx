/** Placeholder until this view is built. */
export function NotificationBell(_props: Record<string, unknown>) {
  return <div style={{ padding: 24 }}>NotificationBell</div>;
}
